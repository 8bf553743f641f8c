// scatter, scatter_add and their in-place twins: writing a source's values (or one value) at indexed positions.
import { record } from '../../autograd/record.ts';
import { gpuScatter } from '../../backend/webgpu/index.ts';
import { int64 } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { isScalar, type Scalar, scalarValue } from '../../core/scalar.ts';
import { contiguousStrides, wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { castTensor, inPlace } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { INDEXED } from '../overlap.ts';
import { forEachCoordinate, groupsByKey, onDevice, positionAlong, positionAt, sizeOrOne } from './walk.ts';

export type ScatterReduce = 'add' | 'multiply';
export interface ScatterOptions { reduce?: ScatterReduce }

/** scatter_gather_dtype_check and scatter_shape_check, with PyTorch's messages. */
function check(self: Tensor, dim: number, index: Tensor, src: Tensor | null): void {
  if (index.numel() !== 0 && index.dtype !== int64) throw new RuntimeError('scatter(): Expected dtype int64 for index');
  if (src && src.dtype !== self.dtype) throw new RuntimeError('scatter(): Expected self.dtype to be equal to src.dtype');
  if (index.numel() === 0) return;
  const rank = Math.max(self.ndim, 1);
  if (rank !== Math.max(index.ndim, 1)) throw new RuntimeError('Index tensor must have the same number of dimensions as self tensor');
  let wrong = false;
  for (let d = 0; d < rank && !wrong; d++) wrong = d !== dim && sizeOrOne(index, d) > sizeOrOne(self, d);
  for (let d = 0; d < rank && !wrong && src; d++) wrong = sizeOrOne(index, d) > sizeOrOne(src, d);
  if (wrong) {
    const base = `Expected index [${index._shape.join(', ')}] to be smaller than self [${self._shape.join(', ')}] apart from dimension ${dim}`;
    throw new RuntimeError(src ? `${base} and to be smaller size than src [${src._shape.join(', ')}]` : base);
  }
}

function scatterInto(self: Tensor, dim: number, index: Tensor, src: Tensor | Scalar, mode: 'set' | ScatterReduce): Tensor {
  const d = wrapDim(dim, self.ndim);
  const source = isScalar(src) ? null : src;
  check(self, d, index, source);
  const out = castTensor(self, self.dtype);
  const size = sizeOrOne(self, d);
  const value = source ? 0 : self.dtype.cast(scalarValue(src as Scalar));
  const indices = index._values();
  const bad = indices.find((at) => at < 0 || at >= size);
  if (bad !== undefined) throw new RuntimeError(`index ${bad} is out of bounds for dimension ${d} with size ${size}`);
  const ranks = [index, ...(source ? [source] : [])].every((t) => t.ndim === self.ndim);
  if (onDevice(out) && self.ndim > 0 && ranks) {
    // Each index element's target, as a row-major position in `out`, groups the positions along `dim` aimed at it.
    const keyStrides = contiguousStrides(out._shape);
    const keys: number[] = [];
    const along: number[] = [];
    forEachCoordinate(index._shape, (coords, linear) => {
      keys.push(coords.reduce((key, c, k) => key + (k === d ? indices[linear]! : c) * keyStrides[k]!, 0));
      along.push(coords[d]!);
    });
    const operands = { groups: groupsByKey(keys, along, out.numel()), keyStrides, alpha: 1,
      source: source ? { tensor: source, strides: source._stride } : { scalar: value } };
    if (gpuScatter('scatter', mode, out, d, operands)) return out;
  }
  const data = out.storage.data;
  const sourceData = source?.storage.values;
  forEachCoordinate(index._shape, (coords, linear) => {
    const p = positionAlong(out, coords, d, indices[linear]!);
    const v = sourceData ? sourceData[positionAt(source!, coords)]! : value;
    data[p] = self.dtype.cast(mode === 'set' ? v : mode === 'add' ? data[p]! + v : data[p]! * v);
  });
  return out;
}

function checkReduce(reduce: string | undefined): void {
  if (reduce !== undefined && reduce !== 'add' && reduce !== 'multiply') {
    throw new RuntimeError('reduce argument must be either add or multiply.');
  }
}

/** `x.scatter(0, idx, src)` or `x.scatter(0, idx, 2.5)`: a copy of x with src's values written at the indices. */
export function scatter(self: Tensor, dim: number, index: Tensor, src: Tensor | Scalar, options: ScatterOptions = {}): Tensor {
  checkReduce(options.reduce);
  const out = scatterInto(self, dim, index, src, options.reduce ?? 'set');
  const d = wrapDim(dim, self.ndim);
  const source = isScalar(src) ? null : src;
  if (options.reduce !== undefined) {
    record('NotImplemented', [self, source], out, {}, () => { throw new RuntimeError('derivative for aten::scatter is not implemented'); });
  } else if (source) {
    record('ScatterBackward0', [self, source], out, {}, ([grad]) => [grad!.scatter(d, index, 0), grad!.gather(d, index)]);
  } else {
    record('ScatterBackward1', [self], out, {}, ([grad]) => [grad!.scatter(d, index, 0)]);
  }
  return out;
}

/** `x.scatter_add(0, idx, src)`: a copy of x with src's values added at the indices (repeats add up). */
export function scatterAdd(self: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
  const out = scatterInto(self, dim, index, src, 'add');
  const d = wrapDim(dim, self.ndim);
  record('ScatterAddBackward0', [self, src], out, {}, ([grad]) => [grad!, grad!.gather(d, index)]);
  return out;
}

const methods = {
  /** `x.scatter(0, idx, src)`, `x.scatter(0, idx, 1.5)`, `x.scatter(0, idx, src, { reduce: 'add' })`. */
  scatter(this: Tensor, dim: number, index: Tensor, src: Tensor | Scalar, options?: ScatterOptions): Tensor {
    return scatter(this, dim, index, src, options);
  },
  /** In-place `x.scatter_(0, idx, src)`. */
  scatter_(this: Tensor, dim: number, index: Tensor, src: Tensor | Scalar, options?: ScatterOptions): Tensor {
    return inPlace(this, [src], (before) => scatter(before, dim, index, src, options), INDEXED);
  },
  /** `x.scatter_add(0, idx, src)`. */
  scatter_add(this: Tensor, dim: number, index: Tensor, src: Tensor): Tensor { return scatterAdd(this, dim, index, src); },
  /** In-place `x.scatter_add_(0, idx, src)`. */
  scatter_add_(this: Tensor, dim: number, index: Tensor, src: Tensor): Tensor {
    return inPlace(this, [src], (before) => scatterAdd(before, dim, index, src), INDEXED);
  },
};
type ScatterMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ScatterMethods {} }
addMethods(methods);

export const functions = {
  scatter: (input: Tensor, dim: number, index: Tensor, src: Tensor | Scalar, options?: ScatterOptions) =>
    scatter(input, dim, index, src, options),
  scatter_add: (input: Tensor, dim: number, index: Tensor, src: Tensor) => scatterAdd(input, dim, index, src),
};
