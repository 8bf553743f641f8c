// maximum / minimum (nan wins) and fmax / fmin (nan loses): elementwise extremes of two tensors.
import type { Tensor } from '../../core/tensor.ts';
import { binaryOp, type TensorOrScalar } from '../dispatch.ts';
import { addMethods } from '../methods.ts';
import { requireTensor } from './support.ts';
import { where } from './where.ts';

const nanOr = (f: (a: number, b: number) => number) => (a: number, b: number) => (a !== a || b !== b ? NaN : f(a, b));

// Note [Ties split the gradient]: where the inputs are equal, maximum and minimum send half of the gradient to each.
const maximumOp = binaryOp({
  name: 'maximum', grad_fn: 'MaximumBackward0', dtype: 'promote', tensorsOnly: true, cpu: nanOr((a, b) => (a < b ? b : a)), wgsl: 'max(a, b)',
  backward: (grad, self, other) => {
    const split = where(self.eq(other), grad.div(2), grad);
    return [where(self.lt(other), 0, split), where(self.gt(other), 0, split)];
  },
});
const minimumOp = binaryOp({
  name: 'minimum', grad_fn: 'MinimumBackward0', dtype: 'promote', tensorsOnly: true, cpu: nanOr((a, b) => (a > b ? b : a)), wgsl: 'min(a, b)',
  backward: (grad, self, other) => {
    const split = where(self.eq(other), grad.div(2), grad);
    return [where(self.gt(other), 0, split), where(self.lt(other), 0, split)];
  },
});
// fmax/fmin send the whole gradient to the input they chose (self on ties, and the non-nan one).
const fmaxOp = binaryOp({
  name: 'fmax', grad_fn: 'FmaxBackward0', dtype: 'promote', tensorsOnly: true, wgsl: 'max(a, b)',
  cpu: (a, b) => (a !== a ? b : b !== b ? a : a < b ? b : a),
  backward: (grad, self, other) => {
    const toSelf = self.ge(other).logical_or(other.isnan());
    return [where(toSelf, grad, 0), where(toSelf, 0, grad)];
  },
});
const fminOp = binaryOp({
  name: 'fmin', grad_fn: 'FminBackward0', dtype: 'promote', tensorsOnly: true, wgsl: 'min(a, b)',
  cpu: (a, b) => (a !== a ? b : b !== b ? a : a > b ? b : a),
  backward: (grad, self, other) => {
    const toSelf = self.le(other).logical_or(other.isnan());
    return [where(toSelf, grad, 0), where(toSelf, 0, grad)];
  },
});

type Extreme = (input: Tensor, other: TensorOrScalar) => Tensor;
const tensorsOnly = (name: string, op: (input: Tensor, other: Tensor) => Tensor): Extreme => (input, other) => {
  requireTensor(input, name, 'input', 1);
  requireTensor(other, name, 'other', 2);
  return op(input, other);
};
/** `torch.maximum(a, b)`: the larger of each pair; nan if either is nan. */
export const maximum = tensorsOnly('maximum', maximumOp);
/** `torch.minimum(a, b)`: the smaller of each pair; nan if either is nan. */
export const minimum = tensorsOnly('minimum', minimumOp);
/** `torch.fmax(a, b)`: the larger of each pair, ignoring a nan. */
export const fmax = tensorsOnly('fmax', fmaxOp);
/** `torch.fmin(a, b)`: the smaller of each pair, ignoring a nan. */
export const fmin = tensorsOnly('fmin', fminOp);

const extremes = { maximum, minimum, fmax, fmin };
type ExtremeName = keyof typeof extremes;
type ExtremeMethods = { [K in ExtremeName]: (this: Tensor, other: TensorOrScalar) => Tensor };
declare module '../../core/tensor.ts' { interface Tensor extends ExtremeMethods {} }
const methods: Record<string, unknown> = {};
for (const [name, op] of Object.entries(extremes)) {
  methods[name] = function (this: Tensor, other: TensorOrScalar) {
    requireTensor(other, name, 'other', 1);
    return op(this, other);
  };
}
addMethods(methods);

export const functions = { ...extremes };
