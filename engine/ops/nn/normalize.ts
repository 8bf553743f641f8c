// normalize: input divided by its p-norm along a dimension (kept, clamped below by eps), as torch.nn.functional
// composes it from norm, clamp_min, expand_as and div.
import type { Scalar } from '../../core/scalar.ts';
import { scalarValue } from '../../core/scalar.ts';
import type { Tensor } from '../../core/tensor.ts';
import { bindArgs } from './args.ts';

/** `F.normalize(x)`: rows of x scaled to unit 2-norm; options `p` (2), `dim` (1), `eps` (1e-12). */
export function normalize(input: Tensor, ...rest: (Scalar | null | { p?: Scalar; dim?: number; eps?: Scalar })[]): Tensor {
  const bound = bindArgs('normalize', [input, ...rest], ['input', 'p', 'dim', 'eps', 'out'], 1);
  const p = scalarValue((bound['p'] as Scalar | undefined) ?? 2);
  const dim = (bound['dim'] as number | undefined) ?? 1;
  const eps = scalarValue((bound['eps'] as Scalar | undefined) ?? 1e-12);
  const denominator = input.norm(p, dim, { keepdim: true }).clamp_min(eps).expand_as(input);
  return input.div(denominator);
}

export const F = { normalize };
