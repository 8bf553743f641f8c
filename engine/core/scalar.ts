// Python scalars in JavaScript. Note [Float literals]: JavaScript cannot tell `2.0` from `2`, but PyTorch infers
// float32 from a Python float and int64 from a Python int. A number that is not a whole number is a float; a whole
// number is an int unless it arrives as a `pyfloat` (a boxed Number carrying a mark), which the snippet runner
// produces for literals written as floats (`2.0`, `3.`, `1e3`). Outside the runner an explicit `dtype` decides.

const floatMark = Symbol.for('tensor-inspector.float');

export type PyFloat = Number & { readonly [floatMark]: true };
export type Scalar = number | boolean | PyFloat;

/** Marks a whole number as a Python float: `pyfloat(2)` behaves as `2.0` wherever a dtype is inferred. */
export function pyfloat(value: number): PyFloat {
  return Object.assign(new Number(value), { [floatMark]: true as const }) as PyFloat;
}

export function isPyFloat(value: unknown): value is PyFloat {
  return value instanceof Number && (value as unknown as Record<symbol, unknown>)[floatMark] === true;
}

export function isScalar(value: unknown): value is Scalar {
  return typeof value === 'number' || typeof value === 'boolean' || isPyFloat(value);
}

/** The numeric value of a scalar (booleans count as 0 and 1, like Python's). */
export function scalarValue(value: Scalar): number {
  return typeof value === 'boolean' ? (value ? 1 : 0) : Number(value);
}

export type ScalarKind = 'bool' | 'int' | 'float';
export function scalarKind(value: Scalar): ScalarKind {
  if (typeof value === 'boolean') return 'bool';
  if (isPyFloat(value)) return 'float';
  return Number.isInteger(value) ? 'int' : 'float';
}
