// Ops that work along one dimension (softmax, log_softmax) visit the input one lane at a time: every index with
// `dim` left out names a lane, whose elements sit `stride[dim]` apart in storage.
import { walk } from '../../backend/cpu/kernels.ts';
import { contiguousStrides } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';

export interface Lane { readonly input: number; readonly inputStride: number; readonly output: number; readonly outputStride: number; readonly length: number }

/** Calls `body` for every lane of `input` along `dim`, paired with the same lane of a contiguous output of its shape. */
export function forEachLane(input: Tensor, dim: number, body: (lane: Lane) => void): void {
  const shape = input.ndim === 0 ? [1] : input._shape;
  const strides = input.ndim === 0 ? [1] : input._stride;
  const outStrides = contiguousStrides(shape);
  const length = shape[dim]!;
  if (length === 0) return;
  const others = (values: readonly number[]) => values.filter((_, i) => i !== dim);
  const outer = others(shape);
  const operands = [
    { data: input.storage.data, shape: outer, strides: others(strides), offset: input._offset },
    { data: input.storage.data, shape: outer, strides: others(outStrides), offset: 0 },
  ];
  const inputStride = strides[dim]!;
  const outputStride = outStrides[dim]!;
  walk(outer, operands, (positions, size, innerStrides) => {
    let p = positions[0]!;
    let o = positions[1]!;
    for (let i = 0; i < size; i++, p += innerStrides[0]!, o += innerStrides[1]!) {
      body({ input: p, inputStride, output: o, outputStride, length });
    }
  });
}
