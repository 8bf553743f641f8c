import { record } from '../../autograd/record.ts';
import type { Tensor } from '../../core/tensor.ts';
import { inPlace } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { UNCHECKED } from '../overlap.ts';
import type { ScaleOptions } from './addmm.ts';
import { batchProduct, checkBatchProduct } from './bmm.ts';
import { addScaled, checkInPlaceResult, checkKernelDType, maybeMultiply, scalarArgument } from './product.ts';

/** `torch.baddbmm(c, a, b, { beta, alpha })`: beta * c + alpha * bmm(a, b); the result has the batches' dtype. */
export function baddbmm(self: Tensor, batch1: Tensor, batch2: Tensor, options: ScaleOptions = {}): Tensor {
  const beta = scalarArgument('baddbmm', 'beta', options.beta);
  const alpha = scalarArgument('baddbmm', 'alpha', options.alpha);
  // PyTorch expands `self` to the result's size before it checks the batches' ranks.
  self.detach().expand([batch1.size(0), batch1.size(1), batch2.size(2)]);
  checkBatchProduct(batch1, batch2);
  checkKernelDType('bmm', batch1.dtype);
  const out = addScaled(batchProduct(batch1, batch2), self, beta, alpha);
  const [selfGrad, batch1Grad, batch2Grad] = [self.requires_grad, batch1.requires_grad, batch2.requires_grad];
  const saved: Record<string, Tensor> = {};
  if (batch1Grad) saved['batch2'] = batch2;
  if (batch2Grad) saved['batch1'] = batch1;
  record('BaddbmmBackward0', [self, batch1, batch2], out, saved, ([grad], s) => [
    selfGrad ? maybeMultiply(grad!, beta) : null,
    batch1Grad ? maybeMultiply(grad!.bmm(s['batch2']!.transpose(1, 2)), alpha) : null,
    batch2Grad ? maybeMultiply(s['batch1']!.transpose(1, 2).bmm(grad!), alpha) : null,
  ]);
  return out;
}

const methods = {
  /** `c.baddbmm(a, b, { beta, alpha })`. */
  baddbmm(this: Tensor, batch1: Tensor, batch2: Tensor, options?: ScaleOptions): Tensor { return baddbmm(this, batch1, batch2, options); },
  /** In-place `c.baddbmm_(a, b)`: the result must have exactly `c`'s shape and dtype. */
  baddbmm_(this: Tensor, batch1: Tensor, batch2: Tensor, options?: ScaleOptions): Tensor {
    return inPlace(this, [batch1, batch2], (before) => {
      const result = baddbmm(before, batch1, batch2, options);
      checkInPlaceResult(this, result);
      return result;
    }, UNCHECKED);
  },
};
type BaddbmmMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends BaddbmmMethods {} }
addMethods(methods);

export const functions = { baddbmm };
