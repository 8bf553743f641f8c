// cumsum and cumprod: inclusive scans along one dim. Integer and bool inputs accumulate in int64, as PyTorch's do.
import { record } from '../../autograd/record.ts';
import { scanDim } from '../../backend/cpu/kernels.ts';
import { bool, type DType, int64, toDType } from '../../core/dtype.ts';
import { wrapDim } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { castTensor, storeFor, viewOf } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { where } from '../pointwise/where.ts';
import { deviceInput, scannedOnDevice } from './device.ts';
import { checkDimType, noneDimError, pyArgs } from './reduce.ts';

export interface CumulativeOptions { dim?: number | null; dtype?: DType | string | null }
export type CumulativeArgs = [dim: number, options?: { dtype?: DType | string | null }] | [options: CumulativeOptions & { dim: number }];

function scan(op: 'cumsum' | 'cumprod', self: Tensor, options: CumulativeOptions): { out: Tensor; dim: number } {
  if (options.dim === undefined) {
    throw new TypeError(`${op}() received an invalid combination of arguments - got (), but expected one of:\n` +
      ' * (int dim, *, torch.dtype dtype)\n * (name dim, *, torch.dtype dtype)\n');
  }
  if (options.dim === null) throw noneDimError(op);
  checkDimType(op, options.dim, false);
  const dim = wrapDim(options.dim, self.ndim);
  const dtype = options.dtype ? toDType(options.dtype) : self.dtype.is_floating_point ? self.dtype : int64;
  const input = deviceInput(self, dtype, castTensor);
  const onDevice = scannedOnDevice(op, input, dim, dtype);
  if (onDevice) return { out: onDevice, dim };
  const out = emptyTensor(self._shape, dtype, self.device);
  const view = viewOf(input.dtype === dtype ? input : castTensor(input, dtype));
  // A 0-dim tensor scans as one element.
  const asVector = self.ndim === 0 ? { ...view, shape: [1], strides: [1] } : view;
  const [init, step] = op === 'cumsum' ? [0, (a: number, x: number) => a + x] : [1, (a: number, x: number) => a * x];
  scanDim(out.storage.data, asVector, self.ndim === 0 ? 0 : dim, init, step, storeFor(dtype));
  return { out, dim };
}

/** The sum of `t` along `dim` from each position to the end: cumsum's gradient. */
function reversedCumsum(t: Tensor, dim: number): Tensor {
  return t.flip([dim]).cumsum(dim).flip([dim]);
}

/**
 * `x` repeated along a new leading dim of size n = x.size(dim), the i-th copy with its i-th element along `dim`
 * replaced by 1: products over `dim` of the copies leave one element out each, even when some are zero.
 */
function leaveOneOut(x: Tensor, dim: number): Tensor {
  const n = x._shape[dim]!;
  const shape = [n, ...x._shape.map((_, i) => (i === dim ? n : 1))];
  const eye = emptyTensor(shape, bool, x.device);
  for (let i = 0; i < n; i++) eye.storage.data[i * n + i] = 1;
  return where(eye, 1, x.unsqueeze(0));
}

/** `x.cumsum(0)`, `torch.cumsum(x, { dim: 1, dtype: torch.float64 })`. */
export function cumsum(self: Tensor, options: CumulativeOptions): Tensor {
  const { out, dim } = scan('cumsum', self, options);
  record('CumsumBackward0', [self], out, {}, ([grad]) => {
    if (grad!.numel() <= 1 || grad!._shape[dim] === 1) return [grad!];
    return [reversedCumsum(grad!, dim)];
  });
  return out;
}

/** `x.cumprod(1)`: running products along a dim. */
export function cumprod(self: Tensor, options: CumulativeOptions): Tensor {
  const { out, dim } = scan('cumprod', self, options);
  record('CumprodBackward0', [self], out, { self, result: out }, ([grad], s) => {
    const g = grad!;
    if (s.self.numel() <= 1 || s.self._shape[dim] === 1) return [g];
    // Read only here: a device input's values stay on the device unless a gradient needs them.
    if (!s.self._values().includes(0)) return [reversedCumsum(s.result.mul(g), dim).div(s.self)];
    // With zeros, d out_k / d x_i is the product of x_j for j <= k, j != i: scan copies that leave x_i out.
    const n = s.self._shape[dim]!;
    const upper = emptyTensor([n, ...s.self._shape.map((_, i) => (i === dim ? n : 1))], g.dtype, g.device);
    for (let i = 0; i < n; i++) for (let k = i; k < n; k++) upper.storage.data[i * n + k] = 1;
    const terms = leaveOneOut(s.self, dim).cumprod(dim + 1).mul(upper).mul(g.unsqueeze(0));
    return [terms.sum(dim + 1).movedim(0, dim)];
  });
  return out;
}

const names = ['dim'] as const;

const methods = {
  /** `x.cumsum(dim, { dtype? })`. */
  cumsum(this: Tensor, ...args: CumulativeArgs): Tensor { return cumsum(this, pyArgs<CumulativeOptions>('cumsum', args, names)); },
  /** `x.cumprod(dim, { dtype? })`. */
  cumprod(this: Tensor, ...args: CumulativeArgs): Tensor { return cumprod(this, pyArgs<CumulativeOptions>('cumprod', args, names)); },
};
type CumulativeMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends CumulativeMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.cumsum(x, 0)`. */
  cumsum: (input: Tensor, ...args: CumulativeArgs) => cumsum(input, pyArgs<CumulativeOptions>('cumsum', args, names)),
  /** `torch.cumprod(x, 1, { dtype: torch.float64 })`. */
  cumprod: (input: Tensor, ...args: CumulativeArgs) => cumprod(input, pyArgs<CumulativeOptions>('cumprod', args, names)),
};
