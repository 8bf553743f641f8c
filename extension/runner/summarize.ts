// Snapshots of tensors and storages for the record. Values are read straight from the storage through the tensor's
// strides: a preview touches at most the edge items PyTorch would print, and stats stream over the elements once,
// so a large tensor is never copied.
import type { Storage } from '../../engine/core/storage.ts';
import { forEachPosition } from '../../engine/core/strided.ts';
import type { Tensor } from '../../engine/core/tensor.ts';
import type { DTypeName, PreviewValue, StorageRecord, TensorRecord, TensorStats, ValuePreview } from '../protocol/record.ts';
import type { RecorderLimits } from '../protocol/worker.ts';

export const defaultLimits: RecorderLimits = { previewThreshold: 1000, edgeItems: 3, statsLimit: 10_000_000, maxItems: 100 };

/** A number as JSON can hold it: NaN and infinities become strings, as the record schema says. */
export function jsonNumber(value: number): number | string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return value;
}

/** The tensor's values as nested arrays, summarized by edge items when it has more elements than the threshold. */
export function previewOf(t: Tensor, limits: RecorderLimits): ValuePreview {
  const summarized = t.numel() > limits.previewThreshold;
  const data = t.storage.values;
  const isBool = t.dtype.name === 'bool';
  const shape = t._shape;
  const strides = t._stride;
  const edge = limits.edgeItems;
  const build = (dim: number, offset: number): PreviewValue => {
    if (dim === shape.length) {
      const v = data[offset]!;
      return isBool ? v !== 0 : jsonNumber(v);
    }
    const size = shape[dim]!;
    const out: PreviewValue[] = [];
    const cut = summarized && size > 2 * edge;
    for (let i = 0; i < size; i++) {
      if (cut && i === edge) {
        out.push('...');
        i = size - edge;
      }
      out.push(build(dim + 1, offset + i * strides[dim]!));
    }
    return out;
  };
  return { values: build(0, t._offset), summarized };
}

export function statsOf(t: Tensor, limits: RecorderLimits): TensorStats {
  const n = t.numel();
  if (n > limits.statsLimit) return { min: null, max: null, mean: null, nanCount: 0, skipped: true };
  const data = t.storage.values;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let nanCount = 0;
  forEachPosition(t._shape, t._stride, t._offset, (p) => {
    const v = data[p]!;
    if (Number.isNaN(v)) { nanCount++; return; }
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
  });
  const counted = n - nanCount;
  if (counted === 0) return { min: null, max: null, mean: n === 0 ? null : 'nan', nanCount, skipped: false };
  return { min: jsonNumber(min), max: jsonNumber(max), mean: jsonNumber(nanCount > 0 ? NaN : sum / counted), nanCount, skipped: false };
}

/** Everything the record says about a tensor except its names, which the runner derives from the bindings. */
export function tensorRecord(t: Tensor, limits: RecorderLimits): TensorRecord {
  return {
    id: t.id,
    names: [],
    shape: [...t._shape],
    stride: [...t._stride],
    storage_offset: t._offset,
    dtype: t.dtype.name as DTypeName,
    device: String(t.device),
    is_contiguous: t.is_contiguous(),
    numel: t.numel(),
    storageId: t.storage.id,
    version: t.storage.version,
    baseId: t._base?.id ?? null,
    requires_grad: t.requires_grad,
    is_leaf: t.is_leaf,
    grad_fn: t.grad_fn?.className ?? null,
    gradFnId: t.grad_fn?.id ?? null,
    gradId: t._grad?.id ?? null,
    preview: previewOf(t, limits),
    stats: statsOf(t, limits),
  };
}

export function storageRecord(storage: Storage, tensors: number[]): StorageRecord {
  return {
    id: storage.id,
    size: storage.size,
    dtype: storage.dtype.name as DTypeName,
    device: String(storage.device),
    nbytes: storage.size * storage.dtype.bytesPerElement,
    version: storage.version,
    tensors,
  };
}
