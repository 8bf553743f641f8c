// logical_and / or / xor / not: truth values of any dtype (non-zero is true), returning bool. The in-place twins
// write 0/1 in the tensor's own dtype.
import type { Tensor } from '../../core/tensor.ts';
import { binaryOp, inPlace, sharesInPlaceForm, type TensorOrScalar, unaryOp, writing } from '../dispatch.ts';
import { ELEMENTWISE } from '../overlap.ts';
import { addMethods } from '../methods.ts';
import { requireTensor } from './support.ts';

type Logical = (input: Tensor, other: TensorOrScalar) => Tensor;
const logical = (name: string, wgsl: string, cpu: (a: boolean, b: boolean) => boolean): Logical => {
  const op = binaryOp({ name, dtype: 'bool', tensorsOnly: true, cpu: (a, b) => Number(cpu(a !== 0, b !== 0)), wgsl });
  return sharesInPlaceForm((input: Tensor, other: TensorOrScalar) => {
    requireTensor(input, name, 'input', 1);
    requireTensor(other, name, 'other', 2);
    return op(input, other);
  }, op);
};

/** `torch.logical_and(a, b)`. */
export const logical_and = logical('logical_and', 'a != 0 && b != 0', (a, b) => a && b);
/** `torch.logical_or(a, b)`. */
export const logical_or = logical('logical_or', 'a != 0 || b != 0', (a, b) => a || b);
/** `torch.logical_xor(a, b)`. */
export const logical_xor = logical('logical_xor', '(a != 0) != (b != 0)', (a, b) => a !== b);
/** `torch.logical_not(a)`: true where a is zero. */
export const logical_not = unaryOp({ name: 'logical_not', dtype: 'bool', cpu: (x) => Number(x === 0), wgsl: 'x == 0' });

const binary = { logical_and, logical_or, logical_xor };
type BinaryName = keyof typeof binary;
type LogicalMethods = { [K in BinaryName | `${BinaryName}_`]: (this: Tensor, other: TensorOrScalar) => Tensor } & {
  logical_not(this: Tensor): Tensor;
  logical_not_(this: Tensor): Tensor;
};
declare module '../../core/tensor.ts' { interface Tensor extends LogicalMethods {} }

const methods: Record<string, unknown> = {
  /** `a.logical_not()`. */
  logical_not(this: Tensor): Tensor { return logical_not(this); },
  logical_not_(this: Tensor): Tensor { return inPlace(this, [], (s) => logical_not(s)); },
};
for (const [name, op] of Object.entries(binary)) {
  const check = (other: TensorOrScalar): Tensor => { requireTensor(other, name, 'other', 1); return other; };
  methods[name] = function (this: Tensor, other: TensorOrScalar) { return op(this, check(other)); };
  methods[`${name}_`] = function (this: Tensor, other: TensorOrScalar) {
    requireTensor(other, `${name}_`, 'other', 1);
    return inPlace(this, [other], (s) => op(s, other), ELEMENTWISE, writing(op, other));
  };
}
addMethods(methods);

export const functions = { ...binary, logical_not: (input: Tensor) => logical_not(input) };
