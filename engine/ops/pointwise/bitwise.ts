// Bitwise and / or / xor / not and shifts, for integer and bool tensors (floats are refused, as PyTorch's kernels
// are not compiled for them). int64 values past 32 bits go through BigInt so that every bit is kept.
import type { Tensor } from '../../core/tensor.ts';
import { binaryOp, inPlace, type TensorOrScalar, unaryOp, writing } from '../dispatch.ts';
import { ELEMENTWISE } from '../overlap.ts';
import { addMethods } from '../methods.ts';
import { notImplementedFor, requireTensor } from './support.ts';

/** Runs `small` on 32-bit values and `big` on wider ones (JavaScript's bitwise operators truncate to 32 bits). */
const integral = (small: (a: number, b: number) => number, big: (a: bigint, b: bigint) => bigint) =>
  (a: number, b: number): number => ((a | 0) === a && (b | 0) === b ? small(a, b) : Number(BigInt.asIntN(64, big(BigInt(a), BigInt(b)))));
const viaBigInt = (big: (a: bigint, b: bigint) => bigint) => (a: number, b: number): number =>
  Number(BigInt.asIntN(64, big(BigInt(a), BigInt(b))));

type Bitwise = (input: TensorOrScalar, other: TensorOrScalar) => Tensor;
const bitwise = (name: string, kernel: string, wgsl: string, cpu: (a: number, b: number) => number, allowBool = true): Bitwise => {
  const op = binaryOp({
    name, dtype: 'promote', wgsl, cpu,
    check: (_self, _other, compute) => {
      if (compute.is_floating_point || (!allowBool && compute.name === 'bool')) notImplementedFor(kernel, compute);
    },
  });
  return op;
};

/** `torch.bitwise_and(a, b)`: a & b. */
export const bitwise_and = bitwise('bitwise_and', 'bitwise_and_cpu', 'a & b', integral((a, b) => a & b, (a, b) => a & b));
/** `torch.bitwise_or(a, b)`: a | b. */
export const bitwise_or = bitwise('bitwise_or', 'bitwise_or_cpu', 'a | b', integral((a, b) => a | b, (a, b) => a | b));
/** `torch.bitwise_xor(a, b)`: a ^ b (for bool, logical xor). */
export const bitwise_xor = bitwise('bitwise_xor', 'bitwise_xor_cpu', 'a ^ b', integral((a, b) => a ^ b, (a, b) => a ^ b));
/** `torch.bitwise_left_shift(a, b)`: a << b; the shift count wraps at 64, as x86 shifts do. */
export const bitwise_left_shift = bitwise('bitwise_left_shift', 'lshift_cpu', 'a << b', viaBigInt((a, b) => a << (b & 63n)), false);
/** `torch.bitwise_right_shift(a, b)`: a >> b, keeping the sign. */
export const bitwise_right_shift = bitwise('bitwise_right_shift', 'rshift_cpu', 'a >> b', viaBigInt((a, b) => a >> (b & 63n)), false);

const notOp = unaryOp({ name: 'bitwise_not', dtype: 'same', cpu: (x) => -x - 1, wgsl: '~x' });
/** `torch.bitwise_not(a)`: ~a; for bool tensors, logical not. */
export function bitwise_not(input: Tensor): Tensor {
  if (input.dtype.is_floating_point) notImplementedFor('bitwise_not_cpu', input.dtype);
  return input.dtype.name === 'bool' ? input.logical_not() : notOp(input);
}

const binary = { bitwise_and, bitwise_or, bitwise_xor, bitwise_left_shift, bitwise_right_shift };
type BinaryName = keyof typeof binary;
type BitwiseMethods = { [K in BinaryName | `${BinaryName}_`]: (this: Tensor, other: TensorOrScalar) => Tensor } & {
  bitwise_not(this: Tensor): Tensor;
  bitwise_not_(this: Tensor): Tensor;
};
declare module '../../core/tensor.ts' { interface Tensor extends BitwiseMethods {} }

const methods: Record<string, unknown> = {
  /** `a.bitwise_not()`. */
  bitwise_not(this: Tensor): Tensor { return bitwise_not(this); },
  bitwise_not_(this: Tensor): Tensor { return inPlace(this, [], (s) => bitwise_not(s)); },
};
for (const [name, op] of Object.entries(binary)) {
  methods[name] = function (this: Tensor, other: TensorOrScalar) { return op(this, other); };
  methods[`${name}_`] = function (this: Tensor, other: TensorOrScalar) { return inPlace(this, [other], (s) => op(s, other), ELEMENTWISE, writing(op, other)); };
}
addMethods(methods);

export const functions = { ...binary, bitwise_not: (input: Tensor) => { requireTensor(input, 'bitwise_not', 'input', 1); return bitwise_not(input); } };
