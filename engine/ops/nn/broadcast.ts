// What the regression losses share: PyTorch's warning for mismatched sizes and torch.broadcast_tensors, which hands
// back a tensor unchanged (no ExpandBackward0) when it already has the broadcast shape.
import { broadcastShapes } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { warn } from './args.ts';

/** Whether two tensors have equal sizes (`a.size() == b.size()`). */
export function sameShape(a: Tensor, b: Tensor): boolean {
  return a.ndim === b.ndim && a._shape.every((d, i) => d === b._shape[i]);
}

/** Warns, as mse_loss and l1_loss do, when target and input sizes differ. */
export function warnOnSizeMismatch(input: Tensor, target: Tensor): void {
  if (sameShape(input, target)) return;
  warn(`Using a target size (torch.Size([${target._shape.join(', ')}])) that is different to the input size ` +
    `(torch.Size([${input._shape.join(', ')}])). This will likely lead to incorrect results due to broadcasting. ` +
    'Please ensure they have the same size.');
}

/** torch.broadcast_tensors for two tensors. */
export function broadcastPair(a: Tensor, b: Tensor): [Tensor, Tensor] {
  const shape = broadcastShapes(a._shape, b._shape);
  const expand = (t: Tensor) => (t.ndim === shape.length && t._shape.every((d, i) => d === shape[i]) ? t : t.expand(shape));
  return [expand(a), expand(b)];
}
