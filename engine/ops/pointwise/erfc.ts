// torch.erfc, the complementary error function, through the double-precision erfc the nn family's erf is built on.
import { unaryOp } from '../dispatch.ts';
import { erfc as erfcValue } from '../nn/erf.ts';
import { installUnary, type UnaryMethods } from './support.ts';

const MINUS_TWO_OVER_SQRT_PI = -2 / Math.sqrt(Math.PI);

/** `x.erfc()`: 1 - erf(x), accurate where erf(x) is close to 1: `torch.erfc(torch.tensor(5.))` is 1.5375e-12. */
export const erfc = unaryOp({
  name: 'erfc', grad_fn: 'ErfcBackward0', dtype: 'float', cpu: erfcValue,
  // Not a WGSL builtin, so the kernel is rejected and the op runs on the CPU (Note [CPU fallback]): a float32
  // polynomial has only absolute accuracy, and erfc's tail needs relative accuracy down to subnormals.
  wgsl: 'erfc(x)',
  backward: (grad, self) => self.pow(2).neg().exp().mul(MINUS_TWO_OVER_SQRT_PI).mul(grad),
});

const ops = { erfc };
declare module '../../core/tensor.ts' { interface Tensor extends UnaryMethods<keyof typeof ops> {} }
export const functions = installUnary(ops);
