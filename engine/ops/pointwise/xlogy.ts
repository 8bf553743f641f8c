// torch.xlogy: x * log(y), defined as 0 where x is 0 (even for y = 0 or inf) so that entropies of zero
// probabilities vanish; a NaN y still gives NaN.
import { record } from '../../autograd/record.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { Tensor } from '../../core/tensor.ts';
import { asTensor, binaryOp, inPlace, type TensorOrScalar } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { pythonType } from './support.ts';

const xlogyValue = (x: number, y: number): number => (Number.isNaN(y) ? NaN : x === 0 ? 0 : x * Math.log(y));

// WGSL's log and products promise nothing at zeros, ones and infinities, so each is written out as C computes
// x * log(y); NaN operands are handled by the kernel's own check (Note [Special values in WGSL]).
const edgeCases: [string, string][] = [
  ['is_inf(a)', 'with_sign(inf_f32(), sign_bit(a) != (b < 1.0))'],
  ['b == inf_f32()', 'with_sign(inf_f32(), sign_bit(a))'],
  ['b == 0.0', 'with_sign(inf_f32(), !sign_bit(a))'],
  ['b == 1.0', 'select(with_sign(0.0, sign_bit(a)), nan_f32(), is_inf(a))'],
  ['b < 0.0', 'nan_f32()'],
  ['a == 0.0', '0.0'],
];
const wgsl = edgeCases.reduce((inner, [condition, value]) => `select(${inner}, ${value}, ${condition})`, 'a * log(b)');

const xlogyOp = binaryOp({
  name: 'xlogy', grad_fn: 'XlogyBackward0', dtype: 'float', cpu: xlogyValue, wgsl,
  backward: (grad, self, other) => [gradSelf(grad, self, other), gradOther(grad, self, other)],
  domain: [0.1, 3],
});

/** PyTorch's formulas: d/dx is log(y) (0 where x = 0 and y <= 0), d/dy is x / y. */
const gradSelf = (grad: Tensor, self: Tensor, other: Tensor): Tensor =>
  xlogyOp(grad, other).masked_fill(self.eq(0).logical_and(other.le(0)), 0);
const gradOther = (grad: Tensor, self: Tensor, other: Tensor): Tensor => grad.mul(self).div(other);

/** `torch.xlogy(x, y)`: x * log(y), 0 where x is 0 unless y is NaN; either operand may be a Python number. */
export function xlogy(self: TensorOrScalar, other: TensorOrScalar): Tensor {
  if (self instanceof Tensor && other instanceof Tensor) return xlogyOp(self, other);
  if (!(self instanceof Tensor) && !(other instanceof Tensor)) {
    throw new TypeError(`xlogy() received an invalid combination of arguments - got (${pythonType(self)}, ${pythonType(other)}), but expected one of:\n` +
      ' * (Tensor input, Tensor other, *, Tensor out)\n * (Number self, Tensor other, *, Tensor out)\n' +
      ' * (Tensor input, Number other, *, Tensor out)\n');
  }
  // The Scalar overloads record XlogyBackward1 (number x) and XlogyBackward2 (number y), with one edge.
  const out = withGradMode(false, () => xlogyOp(self, other));
  if (self instanceof Tensor) {
    const y = asTensor(other, out.dtype);
    record('XlogyBackward2', [self], out, { self }, ([grad], s) => [gradSelf(grad!, s.self, y)]);
  } else {
    const x = asTensor(self, out.dtype);
    record('XlogyBackward1', [other as Tensor], out, { other: other as Tensor }, ([grad], s) => [gradOther(grad!, x, s.other)]);
  }
  return out;
}

const methods = {
  /** `x.xlogy(y)`: x * log(y), 0 where x is 0. */
  xlogy(this: Tensor, other: TensorOrScalar): Tensor { return xlogy(this, other); },
  xlogy_(this: Tensor, other: TensorOrScalar): Tensor { return inPlace(this, [other], (s) => xlogy(s, other)); },
};
type XlogyMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends XlogyMethods {} }
addMethods(methods);

export const functions = { xlogy, xlogy_: (input: Tensor, other: TensorOrScalar) => input.xlogy_(other) };
