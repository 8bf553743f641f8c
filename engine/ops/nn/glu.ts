// glu, the gated linear unit: the input halved along `dim` into a and b, then a * sigmoid(b). One GluBackward0 node
// whose gradient is the two halves' gradients joined back along `dim`.
import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { cat } from '../joins/cat.ts';
import { bindArgs } from './args.ts';

/** `F.glu(x)`: the first half of x's last dimension times the sigmoid of the second half. */
export function glu(input: Tensor, ...rest: (number | { dim?: number })[]): Tensor {
  const bound = bindArgs('glu', [input, ...rest], ['input', 'dim'], 1);
  if (input.ndim === 0) throw new RuntimeError('glu does not support scalars because halving size must be even');
  const dim = wrapDim((bound['dim'] as number | undefined) ?? -1, input.ndim);
  const size = input._shape[dim]!;
  if (size % 2 !== 0) throw new RuntimeError(`Halving dimension must be even, but dimension ${dim} is size ${size}`);
  if (!input.dtype.is_floating_point) throw new RuntimeError(`"glu_cpu" not implemented for '${input.dtype.scalarName}'`);
  const half = size / 2;
  const out = withGradMode(false, () => input.narrow(dim, 0, half).mul(input.narrow(dim, half, half).sigmoid()));
  record('GluBackward0', [input], out, { input }, ([grad], saved) => {
    const a = saved.input.narrow(dim, 0, half);
    const gate = saved.input.narrow(dim, half, half).sigmoid();
    return [cat([grad!.mul(gate), grad!.mul(a).mul(gate).mul(gate.neg().add(1))], dim)];
  });
  return out;
}

export const F = { glu };
