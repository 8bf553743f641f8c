// F.layer_norm: normalizes over the trailing `normalized_shape` dimensions, then scales and shifts. One
// NativeLayerNormBackward0 node; its backward is written with engine ops from the saved input and 1/std:
// dx = rstd * (gw - mean(gw) - xhat * mean(gw * xhat)) with gw = grad * weight, over the normalized dimensions.
import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Tensor } from '../../core/tensor.ts';
import { bindArgs } from './args.ts';
import { pythonTypeName } from './python-types.ts';

const sameShape = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((s, i) => s === b[i]);
const show = (shape: readonly number[]) => `[${shape.join(', ')}]`;

function checkShapes(input: Tensor, shape: readonly number[], weight: Tensor | null, bias: Tensor | null): void {
  if (shape.length === 0) {
    throw new RuntimeError('Expected normalized_shape to be at least 1-dimensional, i.e., containing at least one element, but got normalized_shape = []');
  }
  for (const [name, t] of [['weight', weight], ['bias', bias]] as const) {
    if (t !== null && !sameShape(t._shape, shape)) {
      throw new RuntimeError(`Expected ${name} to be of same shape as normalized_shape, but got ${name} of shape ${show(t._shape)} and normalized_shape = ${show(shape)}`);
    }
  }
  if (input.ndim < shape.length || !sameShape(input._shape.slice(input.ndim - shape.length), shape)) {
    throw new RuntimeError(`Given normalized_shape=${show(shape)}, expected input with shape [*, ${shape.join(', ')}], but got input of size${show(input._shape)}`);
  }
  if (!input.dtype.is_floating_point) throw new RuntimeError(`"LayerNormKernelImpl" not implemented for '${input.dtype.scalarName}'`);
  const other = [weight, bias].find((t) => t !== null && t.dtype !== input.dtype);
  if (other) throw new RuntimeError(`expected scalar type ${input.dtype.scalarName} but found ${other.dtype.scalarName}`);
}

/**
 * (x - mean) / sqrt(var + eps) over `dims`, and 1 / sqrt(var + eps). Backward recomputes them from the saved input
 * with engine ops rather than saving them, so that gradients of the gradient see their dependence on the input.
 */
export function normalized(input: Tensor, dims: number[], eps: number): { xhat: Tensor; rstd: Tensor } {
  const rstd = input.var(dims, { unbiased: false, keepdim: true }).add(eps).rsqrt();
  return { xhat: input.sub(input.mean(dims, true)).mul(rstd), rstd };
}

function layerNorm(input: Tensor, shape: readonly number[], weight: Tensor | null, bias: Tensor | null, eps: number): Tensor {
  checkShapes(input, shape, weight, bias);
  const dims = shape.map((_, i) => input.ndim - shape.length + i);
  const batchDims = input._shape.slice(0, input.ndim - shape.length).map((_, i) => i);
  const out = withGradMode(false, () => {
    let y = normalized(input, dims, eps).xhat;
    if (weight !== null) y = y.mul(weight);
    // PyTorch's kernel always adds beta (0 when bias is None), which turns the -0 of a zero weight into +0.
    y = bias !== null ? y.add(bias) : y.add(0);
    return y.contiguous();
  });
  record('NativeLayerNormBackward0', [input, weight, bias], out, { input, ...(weight ? { weight } : {}) }, ([grad], saved) => {
    const { xhat, rstd } = normalized(saved.input, dims, eps);
    const gw = saved.weight ? grad!.mul(saved.weight) : grad!;
    const dx = gw.sub(gw.mean(dims, true)).sub(xhat.mul(gw.mul(xhat).mean(dims, true))).mul(rstd);
    const reduceBatch = (t: Tensor) => (batchDims.length > 0 ? t.sum(batchDims) : t);
    return [dx, weight ? reduceBatch(grad!.mul(xhat)) : null, bias ? reduceBatch(grad!) : null];
  });
  return out;
}

export interface LayerNormOptions { normalized_shape?: number[]; weight?: Tensor | null; bias?: Tensor | null; eps?: number }

function parse(fname: string, args: readonly unknown[]): Tensor {
  const bound = bindArgs(fname, args, ['input', 'normalized_shape', 'weight', 'bias', 'eps', 'cudnn_enable'], 2);
  const shape = bound['normalized_shape'];
  if (!Array.isArray(shape) || shape.some((s) => !Number.isInteger(s))) {
    throw new TypeError(`layer_norm(): argument 'normalized_shape' (position 2) must be tuple of ints, not ${pythonTypeName(shape)}`);
  }
  const weight = (bound['weight'] as Tensor | null | undefined) ?? null;
  const bias = (bound['bias'] as Tensor | null | undefined) ?? null;
  return layerNorm(bound['input'] as Tensor, shape as number[], weight, bias, Number(bound['eps'] ?? 1e-5));
}

type LayerNormArgs = (number[] | Tensor | number | boolean | null | LayerNormOptions)[];

/** `F.layer_norm(x, [4])`: (x - mean) / sqrt(var + eps) over the last dimension of size 4, then * weight + bias. */
export function layer_norm(input: Tensor, ...args: LayerNormArgs): Tensor { return parse('layer_norm', [input, ...args]); }

export const F = { layer_norm };
export const functions = {
  /** `torch.layer_norm(x, [4])`. */
  layer_norm: (input: Tensor, ...args: LayerNormArgs) => parse('layer_norm', [input, ...args]),
};
