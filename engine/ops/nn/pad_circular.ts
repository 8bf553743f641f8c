// F.pad in 'circular' mode, composed of engine ops as ATen's _pad_circular is: the input is copied into the middle
// of a new tensor, then each dimension's margins are copied from the opposite side of that tensor, so the result's
// history is the CopySlices nodes of those copies (PyTorch shows grad_fn=<CopySlices>).
import { needsGrad } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { slice } from '../views/slice.ts';

/** Pads every dimension after the first two by wrapping around; `pad` lists pairs from the last dimension back. */
export function circularPad(input: Tensor, pad: readonly number[]): Tensor {
  const inShape = input._shape;
  const ndim = inShape.length - 2;
  if (pad.length !== 2 * ndim) throw new RuntimeError(`Invalid padding size, expected ${2 * ndim} but got ${pad.length}`);
  const outShape = [...inShape];
  for (let i = 0; i < ndim; i++) {
    const [before, after] = [pad[2 * (ndim - i - 1)]!, pad[2 * (ndim - i - 1) + 1]!];
    const size = inShape[2 + i]!;
    outShape[2 + i] = size + before + after;
    if (before > size || after > size) throw new RuntimeError('Padding value causes wrapping around more than once.');
    if (outShape[2 + i]! < 0) throw new RuntimeError('Negative padding value is resulting in an empty dimension');
  }
  const out = input.new_empty(outShape);
  let outSlice = out;
  let inSlice = input;
  for (let i = 0; i < ndim; i++) {
    const dim = ndim - i + 1;
    const [before, after] = [pad[2 * i]!, pad[2 * i + 1]!];
    outSlice = slice(outSlice, dim, Math.max(before, 0), outShape[dim]! - Math.max(after, 0));
    inSlice = slice(inSlice, dim, Math.max(-before, 0), inShape[dim]! - Math.max(-after, 0));
  }
  outSlice.copy_(inSlice);
  // Corners are written more than once when more than one dimension is padded, as in PyTorch.
  for (let i = 0; i < ndim; i++) {
    const dim = ndim - i + 1;
    const [before, after] = [pad[2 * i]!, pad[2 * i + 1]!];
    const size = outShape[dim]!;
    if (before > 0) slice(out, dim, 0, before).copy_(slice(out, dim, size - before - Math.max(after, 0), size - Math.max(after, 0)));
    if (after <= 0) continue;
    const from = Math.max(before, 0);
    slice(out, dim, size - after, size).copy_(slice(out, dim, from, from + after));
    // A right margin wider than what cropping left overlaps its own source. Where PyTorch lets that copy through (its
    // overlap check gives up on views that are not dense), it runs forwards element by element, re-reading what it
    // just wrote; copying one source-to-target distance at a time does the same.
    const distance = size - after - from;
    if (distance > 0 && distance < after && !needsGrad([input])) {
      for (let done = 0; done < after; done += distance) {
        const width = Math.min(distance, after - done);
        slice(out, dim, size - after + done, size - after + done + width).copy_(slice(out, dim, from + done, from + done + width));
      }
    }
  }
  return out;
}
