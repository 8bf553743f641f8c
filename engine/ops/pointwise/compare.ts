// Comparisons: eq ne lt le gt ge (and PyTorch's long-name aliases), computed in the promoted dtype, returning bool.
// Their in-place twins write 0/1 in the tensor's own dtype. `equal` compares whole tensors and returns a boolean.
import type { Tensor } from '../../core/tensor.ts';
import { binaryOp, inPlace, sharesInPlaceForm, type TensorOrScalar, writing } from '../dispatch.ts';
import { ELEMENTWISE } from '../overlap.ts';
import { addMethods } from '../methods.ts';
import { requireTensor } from './support.ts';

type Comparison = (self: Tensor, other: TensorOrScalar) => Tensor;
const compare = (name: string, wgsl: string, cpu: (a: number, b: number) => boolean): Comparison => {
  const op = binaryOp({ name, dtype: 'bool', cpu: (a, b) => Number(cpu(a, b)), wgsl });
  return sharesInPlaceForm((self: Tensor, other: TensorOrScalar) => {
    requireTensor(self, name, 'input', 1);
    return op(self, other);
  }, op);
};

/** `torch.eq(a, b)`: a == b elementwise (nan is never equal). */
export const eq = compare('eq', 'a == b', (a, b) => a === b);
/** `torch.ne(a, b)`: a != b elementwise. */
export const ne = compare('ne', 'a != b', (a, b) => a !== b);
/** `torch.lt(a, b)`: a < b elementwise. */
export const lt = compare('lt', 'a < b', (a, b) => a < b);
/** `torch.le(a, b)`: a <= b elementwise. */
export const le = compare('le', 'a <= b', (a, b) => a <= b);
/** `torch.gt(a, b)`: a > b elementwise. */
export const gt = compare('gt', 'a > b', (a, b) => a > b);
/** `torch.ge(a, b)`: a >= b elementwise. */
export const ge = compare('ge', 'a >= b', (a, b) => a >= b);

/** `torch.equal(a, b)`: true when both have the same size and the same values. */
export function equal(input: Tensor, other: Tensor): boolean {
  requireTensor(input, 'equal', 'input', 1);
  requireTensor(other, 'equal', 'other', 2);
  if (input.ndim !== other.ndim || input._shape.some((d, i) => d !== other._shape[i])) return false;
  const a = input._values();
  const b = other._values();
  return a.every((v, i) => v === b[i]);
}

const comparisons = {
  eq, ne, lt, le, gt, ge,
  greater: gt, greater_equal: ge, less: lt, less_equal: le, not_equal: ne,
};
type ComparisonName = keyof typeof comparisons;
type ComparisonMethods = { [K in ComparisonName | `${ComparisonName}_`]: (this: Tensor, other: TensorOrScalar) => Tensor } & {
  equal(this: Tensor, other: Tensor): boolean;
};
declare module '../../core/tensor.ts' { interface Tensor extends ComparisonMethods {} }

const methods: Record<string, unknown> = {
  /** `a.equal(b)`: same size and values. */
  equal(this: Tensor, other: Tensor): boolean {
    requireTensor(other, 'equal', 'other', 1);
    return equal(this, other);
  },
};
for (const [name, op] of Object.entries(comparisons)) {
  methods[name] = function (this: Tensor, other: TensorOrScalar) { return op(this, other); };
  methods[`${name}_`] = function (this: Tensor, other: TensorOrScalar) { return inPlace(this, [other], (s) => op(s, other), ELEMENTWISE, writing(op, other)); };
}
addMethods(methods);

export const functions = { ...comparisons, equal };
