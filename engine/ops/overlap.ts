// Note [Memory overlap]: PyTorch refuses in-place writes whose result would depend on the order elements are
// written in (ATen's MemoryOverlap.cpp): a written-to tensor in which several elements share one memory location
// (an expanded tensor), and an input that partly overlaps the written-to tensor (`x[1:].copy_(x[:-1])`). Only what
// it can decide cheaply is refused; layouts it finds "too hard" (either tensor not dense) go through unchecked, as
// in PyTorch. Which checks an op makes follows its PyTorch kernel, not a rule: TensorIterator ops check both,
// fill_ and masked_fill_ neither, index ops refuse any overlap with their source, even a full one.
import { RuntimeError } from '../core/errors.ts';
import { numelOf } from '../core/shape.ts';
import type { Tensor } from '../core/tensor.ts';
import { isNonOverlappingAndDense } from './layout.ts';

export interface OverlapChecks {
  /** Refuse a written-to tensor with a stride-0 dimension of size > 1 (assert_no_internal_overlap). */
  readonly internal: boolean;
  /** Refuse inputs that overlap the written-to tensor: 'partial' lets an identical layout through, 'any' does not. */
  readonly inputs: 'partial' | 'any' | null;
}

/** TensorIterator's checks (elementwise in-place ops, copy_). */
export const ELEMENTWISE: OverlapChecks = { internal: true, inputs: 'partial' };
export const INTERNAL_ONLY: OverlapChecks = { internal: true, inputs: null };
/** scatter_, scatter_add_, index_add_. */
export const INDEXED: OverlapChecks = { internal: true, inputs: 'any' };
/** index_put_ (setitem with a tensor index). */
export const INDEXED_SOURCE_ONLY: OverlapChecks = { internal: false, inputs: 'any' };
export const UNCHECKED: OverlapChecks = { internal: false, inputs: null };

type Status = 'no' | 'full' | 'partial' | 'too hard';

function denseLayout(t: Tensor): boolean { return isNonOverlappingAndDense(t._shape, t._stride); }

/** get_overlap_status(a, b). */
function overlapStatus(a: Tensor, b: Tensor): Status {
  if (a === b) return 'full';
  const [na, nb] = [numelOf(a._shape), numelOf(b._shape)];
  if (na === 0 || nb === 0) return 'no';
  if (!denseLayout(a) || !denseLayout(b)) return 'too hard';
  if (a.storage !== b.storage) return 'no';
  const [aBegin, aEnd, bBegin, bEnd] = [a._offset, a._offset + na, b._offset, b._offset + nb];
  if (aBegin === bBegin && aEnd === bEnd) {
    const sameStrides = a._stride.length === b._stride.length && a._stride.every((s, i) => s === b._stride[i]);
    return sameStrides ? 'full' : 'partial';
  }
  return aBegin < bEnd && bBegin < aEnd ? 'partial' : 'no';
}

/** Throws PyTorch's error when writing into `self` from `inputs` is refused under `checks`. */
export function checkOverlap(self: Tensor, inputs: readonly Tensor[], checks: OverlapChecks): void {
  if (checks.internal && !denseLayout(self) && self._shape.some((size, d) => size > 1 && self._stride[d] === 0)) {
    throw new RuntimeError('unsupported operation: more than one element of the written-to tensor refers to a single memory location. Please clone() the tensor before performing the operation.');
  }
  if (checks.inputs === null) return;
  for (const input of inputs) {
    const status = overlapStatus(self, input);
    if (status === 'partial' || (status === 'full' && checks.inputs === 'any')) {
      throw new RuntimeError('unsupported operation: some elements of the input tensor and the written-to tensor refer to a single memory location. Please clone() the tensor before performing the operation.');
    }
  }
}
