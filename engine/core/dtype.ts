// dtypes and PyTorch's type promotion. Note [int64 storage]: int64 values live in a Float64Array, so they are exact
// within +-2^53 (JavaScript's safe integers); arithmetic past that range rounds instead of wrapping.

export type DTypeName = 'bool' | 'int32' | 'int64' | 'float32' | 'float64';
export type TypedArray = Uint8Array | Int32Array | Float32Array | Float64Array;

const inspect = Symbol.for('nodejs.util.inspect.custom');

export class DType {
  constructor(
    readonly name: DTypeName,
    /** Position in the promotion lattice: promoting two dtypes takes the higher one. */
    readonly rank: number,
    readonly is_floating_point: boolean,
    readonly itemsize: number,
    /** The legacy tensor type name PyTorch uses in messages: `torch.FloatTensor`. */
    readonly legacyName: string,
    /** The scalar type name PyTorch uses in messages: `Float`. */
    readonly scalarName: string,
  ) {}
  get is_signed(): boolean { return this.name !== 'bool'; }
  get isIntegral(): boolean { return !this.is_floating_point && this.name !== 'bool'; }
  toString(): string { return `torch.${this.name}`; }
  [inspect](): string { return this.toString(); }
  /** Allocates zeroed element memory for this dtype. */
  allocate(size: number, shared = false): TypedArray {
    const buffer = shared ? new SharedArrayBuffer(size * this.bytesPerElement) : new ArrayBuffer(size * this.bytesPerElement);
    switch (this.name) {
      case 'bool': return new Uint8Array(buffer);
      case 'int32': return new Int32Array(buffer);
      case 'int64': return new Float64Array(buffer);
      case 'float32': return new Float32Array(buffer);
      case 'float64': return new Float64Array(buffer);
    }
  }
  get bytesPerElement(): number { return this.name === 'int64' ? 8 : this.itemsize; }
  /** Converts a JavaScript number into a value this dtype can hold (truncation for integers, 0/1 for bool). */
  cast(value: number): number {
    switch (this.name) {
      case 'bool': return value !== 0 ? 1 : 0;
      case 'int32': return value | 0;
      // + 0: no -0 in integers; NaN and values beyond int64's range become x86's cvttsd2si result, INT64_MIN.
      case 'int64': return value >= -(2 ** 63) && value < 2 ** 63 ? Math.trunc(value) + 0 : -9223372036854775808;
      case 'float32': return Math.fround(value);
      case 'float64': return value;
    }
  }
}

export const bool = new DType('bool', 0, false, 1, 'torch.BoolTensor', 'Bool');
export const int32 = new DType('int32', 1, false, 4, 'torch.IntTensor', 'Int');
export const int64 = new DType('int64', 2, false, 8, 'torch.LongTensor', 'Long');
export const float32 = new DType('float32', 3, true, 4, 'torch.FloatTensor', 'Float');
export const float64 = new DType('float64', 4, true, 8, 'torch.DoubleTensor', 'Double');

export const dtypes: Record<DTypeName, DType> = { bool, int32, int64, float32, float64 };

/** Aliases PyTorch accepts for the same dtype objects (`torch.float is torch.float32`). */
export const dtypeAliases = {
  float32, float: float32, float64, double: float64, int32, int: int32, int64, long: int64, bool,
} as const;

let defaultFloat: DType = float32;
export function get_default_dtype(): DType { return defaultFloat; }
export function set_default_dtype(dtype: DType): void {
  if (!dtype.is_floating_point) throw new TypeError('only floating-point types are supported as the default type');
  defaultFloat = dtype;
}

/** promoteTypes for the dtypes this engine has: the lattice is a chain, so the larger rank wins. */
export function promoteTypes(a: DType, b: DType): DType {
  return a.rank >= b.rank ? a : b;
}

export type Category = 0 | 1 | 2; // bool, integral, floating
export function category(dtype: DType): Category {
  return dtype.is_floating_point ? 2 : dtype.name === 'bool' ? 0 : 1;
}

export function toDType(value: unknown): DType {
  if (value instanceof DType) return value;
  if (typeof value === 'string') {
    const name = value.startsWith('torch.') ? value.slice(6) : value;
    const found = (dtypeAliases as Record<string, DType>)[name];
    if (found) return found;
  }
  throw new TypeError(`dtype must be torch.dtype, not ${String(value)}`);
}
