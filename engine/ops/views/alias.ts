import type { Tensor } from '../../core/tensor.ts';
import { viewOf } from './make.ts';

/** A view with the same geometry (AliasBackward0): what `x.getitem("...")` returns. */
export function alias(self: Tensor): Tensor {
  return viewOf(self, 'AliasBackward0', [...self._shape], [...self._stride], self._offset, (grad) => grad);
}
