import { RuntimeError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';

/** `torch.outer(a, b)`: out[i][j] = a[i] * b[j]; a broadcast multiply, so dtypes promote and MulBackward0 shows. */
export function outer(self: Tensor, vec2: Tensor): Tensor {
  if (self.ndim !== 1) throw new RuntimeError(`outer: Expected 1-D argument self, but got ${self.ndim}-D`);
  if (vec2.ndim !== 1) throw new RuntimeError(`outer: Expected 1-D argument vec2, but got ${vec2.ndim}-D`);
  return self.reshape([self._shape[0]!, 1]).mul(vec2);
}

const methods = {
  /** `a.outer(b)`. */
  outer(this: Tensor, vec2: Tensor): Tensor { return outer(this, vec2); },
  /** `a.ger(b)`, the old name of outer. */
  ger(this: Tensor, vec2: Tensor): Tensor { return outer(this, vec2); },
};
type OuterMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends OuterMethods {} }
addMethods(methods);

export const functions = { outer, ger: outer };
