import { int64 } from '../../core/dtype.ts';
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { broadcastShapes, wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { bind } from '../views/params.ts';

/**
 * `x.take_along_dim(idx, 1)`: gather along `dim` after broadcasting input and indices against each other everywhere
 * else (NumPy's take_along_axis); without a dim, both are viewed flat (so a non-contiguous input is refused, as in
 * PyTorch).
 */
export function take_along_dim(self: Tensor, indices: Tensor, dim: number | null = null): Tensor {
  if (dim === null) return self.view(-1).gather(0, indices.view(-1));
  if (self.ndim !== indices.ndim) {
    throw new RuntimeError(`torch.take_along_dim(): input and indices should have the same number of dimensions, but got ${self.ndim} dimensions for input, and ${indices.ndim} dimensions for indices`);
  }
  if (indices.dtype !== int64) throw new RuntimeError(`torch.take_along_dim(): dtype of indices should be Long but got ${indices.dtype.scalarName}`);
  const d = wrapDim(dim, self.ndim);
  if (self.ndim === 0) throw new IndexError(`Dimension specified as ${d} but tensor has no dimensions`);
  const selfSizes = [...self._shape];
  selfSizes[d] = indices._shape[d]!;
  const indicesBroadcast = indices.broadcast_to(broadcastShapes(selfSizes, indices._shape));
  const indicesSizes = [...indices._shape];
  indicesSizes[d] = self._shape[d]!;
  return self.broadcast_to(broadcastShapes(indicesSizes, self._shape)).gather(d, indicesBroadcast);
}

type TakeAlongDimArgs = (Tensor | number | null | { indices?: Tensor; dim?: number | null })[];

function bound(self: Tensor, args: TakeAlongDimArgs): Tensor {
  const { indices, dim } = bind(args, ['indices', 'dim'], { dim: null } as { indices: Tensor; dim: number | null });
  return take_along_dim(self, indices, dim);
}

const methods = {
  /** `x.take_along_dim(x.argsort(1), 1)`. */
  take_along_dim(this: Tensor, ...args: TakeAlongDimArgs): Tensor { return bound(this, args); },
};
type TakeAlongDimMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends TakeAlongDimMethods {} }
addMethods(methods);

export const functions = { take_along_dim: (input: Tensor, ...args: TakeAlongDimArgs) => bound(input, args) };
