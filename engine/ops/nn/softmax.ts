// softmax and log_softmax along one dimension (kernels in softmax-kernel.ts), their arguments and derivatives. Both
// save their result: d softmax = y * (g - sum(g * y)), d log_softmax = g - exp(y) * sum(g).
import { record } from '../../autograd/record.ts';
import { type DType, toDType } from '../../core/dtype.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { wrapDim } from '../../core/shape.ts';
import { gpuSoftmax } from '../../backend/webgpu/index.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { bindArgs, warn } from './args.ts';
import { pythonTypeName } from './python-types.ts';
import { kernel, type Kind } from './softmax-kernel.ts';

/** Sums over `dim`, keeping it; a 0-dim tensor is its own sum. */
function sumAlong(t: Tensor, dim: number): Tensor {
  return t.ndim === 0 ? t : t.sum(dim, true);
}

/**
 * The derivatives are ops of their own, as in PyTorch (_softmax_backward_data, SoftmaxBackwardDataBackward0), so
 * a gradient of the gradient shows PyTorch's nodes: softmax's is y * (g - sum(g * y)), log_softmax's
 * g - exp(y) * sum(g), each differentiable in g and in y.
 */
function softmaxBackwardData(grad: Tensor, output: Tensor, dim: number): Tensor {
  const out = withGradMode(false, () => output.mul(grad.sub(sumAlong(grad.mul(output), dim))));
  record('SoftmaxBackwardDataBackward0', [grad, output], out, { grad, output }, ([g], saved) => [
    softmaxBackwardData(g!, saved.output, dim),
    saved.grad.mul(g!).sub(sumAlong(saved.output.mul(saved.grad), dim).mul(g!)).sub(saved.grad.mul(sumAlong(saved.output.mul(g!), dim))),
  ]);
  return out;
}

function logSoftmaxBackwardData(grad: Tensor, output: Tensor, dim: number): Tensor {
  const out = withGradMode(false, () => grad.sub(output.exp().mul(sumAlong(grad, dim))));
  record('LogSoftmaxBackwardDataBackward0', [grad, output], out, { grad, output }, ([g], saved) => [
    g!.sub(sumAlong(g!.mul(saved.output.exp()), dim)),
    sumAlong(saved.grad, dim).neg().mul(saved.output.exp()).mul(g!),
  ]);
  return out;
}

/** The WebGPU kernel's result for a device tensor, or null when the CPU must compute it. */
function gpuKernel(input: Tensor, dim: number, kind: Kind): Tensor | null {
  const out = emptyTensor(input._shape, input.dtype, input.device);
  return gpuSoftmax(kind, input, dim, out) ? out : null;
}

function apply(kind: Kind, self: Tensor, dim: number, dtype: DType | null): Tensor {
  const input = dtype === null ? self : self.to(dtype);
  const d = wrapDim(dim, input.ndim);
  const out = (input.device.type === 'webgpu' ? gpuKernel(input, d, kind) : null) ?? kernel(input, d, kind);
  if (kind === 'softmax') {
    record('SoftmaxBackward0', [input], out, { result: out }, ([grad], { result }) => [softmaxBackwardData(grad!, result, d)]);
  } else {
    record('LogSoftmaxBackward0', [input], out, { result: out }, ([grad], { result }) => [logSoftmaxBackwardData(grad!, result, d)]);
  }
  return out;
}

function invalidArguments(kind: Kind, got: readonly unknown[], withInput: boolean): TypeError {
  const input = withInput ? 'Tensor input, ' : '';
  const out = withInput ? ', *, Tensor out' : '';
  return new TypeError(`${kind}() received an invalid combination of arguments - got (${got.map(pythonTypeName).join(', ')}), but expected one of:\n` +
    ` * (${input}int dim, torch.dtype dtype${out})\n * (${input}name dim, *, torch.dtype dtype)\n`);
}

/** The dim and dtype of Tensor.softmax(dim, dtype?) / torch.softmax(input, dim, dtype?), checked as PyTorch's parser does. */
function parseDimAndDtype(kind: Kind, args: readonly unknown[], input: Tensor | null): [number, DType | null] {
  const bound = bindArgs(kind, args, ['dim', 'dtype'], 0);
  const dim = bound['dim'];
  const dtype = bound['dtype'] ?? null;
  const given = input === null ? args : [input, ...args];
  if (typeof dim !== 'number' || !Number.isInteger(dim)) throw invalidArguments(kind, given, input !== null);
  return [dim, dtype === null ? null : toDType(dtype)];
}

/** F.softmax(input, dim, _stacklevel, dtype): PyTorch's legacy implicit dim (with its warning) when dim is omitted. */
function functional(kind: Kind, args: readonly unknown[]): Tensor {
  const bound = bindArgs(kind, args, ['input', 'dim', '_stacklevel', 'dtype'], 1);
  const input = bound['input'] as Tensor;
  let dim = bound['dim'] ?? null;
  if (dim === null) {
    warn(`Implicit dimension choice for ${kind} has been deprecated. Change the call to include dim=X as an argument.`);
    dim = input.ndim === 0 || input.ndim === 1 || input.ndim === 3 ? 0 : 1;
  }
  return kind === 'softmax' ? methods.softmax.call(input, dim as number, { dtype: bound['dtype'] as DType | null })
    : methods.log_softmax.call(input, dim as number, { dtype: bound['dtype'] as DType | null });
}

export interface SoftmaxOptions { dim?: number | null; dtype?: DType | string | null; _stacklevel?: number }

/** `F.softmax(x, 1)`: exp(x) / sum(exp(x)) along dim 1, computed as exp(x - max) / sum(exp(x - max)). */
export function softmax(input: Tensor, ...args: (number | DType | string | null | SoftmaxOptions)[]): Tensor { return functional('softmax', [input, ...args]); }
/** `F.log_softmax(x, 1)`: x - max - log(sum(exp(x - max))) along dim 1. */
export function log_softmax(input: Tensor, ...args: (number | DType | string | null | SoftmaxOptions)[]): Tensor { return functional('log_softmax', [input, ...args]); }

type DimArgs = (number | DType | string | null | { dim?: number; dtype?: DType | string | null })[];

const methods = {
  /** `x.softmax(1)` or `x.softmax(1, torch.float64)`. */
  softmax(this: Tensor, ...args: DimArgs): Tensor { return apply('softmax', this, ...parseDimAndDtype('softmax', args, null)); },
  /** `x.log_softmax(1)`. */
  log_softmax(this: Tensor, ...args: DimArgs): Tensor { return apply('log_softmax', this, ...parseDimAndDtype('log_softmax', args, null)); },
};
type SoftmaxMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends SoftmaxMethods {} }
addMethods(methods);

export const F = { softmax, log_softmax };

export const functions = {
  /** `torch.softmax(x, 1)`. */
  softmax: (input: Tensor, ...args: DimArgs) => apply('softmax', input, ...parseDimAndDtype('softmax', args, input)),
  /** `torch.log_softmax(x, 1)`. */
  log_softmax: (input: Tensor, ...args: DimArgs) => apply('log_softmax', input, ...parseDimAndDtype('log_softmax', args, input)),
};
