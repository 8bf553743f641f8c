import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { zeros } from '../creation/fill.ts';
import { addMethods } from '../methods.ts';
import { bind } from '../views/params.ts';

/**
 * `torch.diag_embed(x)`: zeros with `x`'s last dimension written along the `offset` diagonal of the (dim1, dim2)
 * planes, which are new dimensions of size n + |offset|; a copy, whose gradient is that diagonal of the gradient.
 */
export function diag_embed(self: Tensor, offset = 0, dim1 = -2, dim2 = -1): Tensor {
  const d1 = wrapDim(dim1, self.ndim + 1);
  const d2 = wrapDim(dim2, self.ndim + 1);
  if (d1 === d2) throw new RuntimeError(`diagonal dimensions cannot be identical ${dim1}, ${dim2}`);
  const length = Math.abs(offset) + self.size(-1);
  const shape = self._shape.slice(0, -1);
  shape.splice(Math.min(d1, d2), 0, length);
  shape.splice(Math.max(d1, d2), 0, length);
  const out = zeros(shape, { dtype: self.dtype, device: self.device });
  withGradMode(false, () => out.diagonal(offset, d1, d2).copy_(self));
  record('DiagEmbedBackward0', [self], out, {}, ([grad]) => [grad!.diagonal(offset, d1, d2)]);
  return out;
}

type DiagEmbedArgs = (number | { offset?: number; dim1?: number; dim2?: number })[];

function bound(self: Tensor, args: DiagEmbedArgs, first: number): Tensor {
  const { offset, dim1, dim2 } = bind(args, ['offset', 'dim1', 'dim2'], { offset: 0, dim1: -2, dim2: -1 },
    { fn: 'diag_embed', ints: ['offset', 'dim1', 'dim2'], first });
  return diag_embed(self, offset, dim1, dim2);
}

const methods = {
  /** `x.diag_embed()` or `x.diag_embed(1, 0, 2)`. */
  diag_embed(this: Tensor, ...args: DiagEmbedArgs): Tensor { return bound(this, args, 1); },
};
type DiagEmbedMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends DiagEmbedMethods {} }
addMethods(methods);

export const functions = { diag_embed: (input: Tensor, ...args: DiagEmbedArgs) => bound(input, args, 2) };
