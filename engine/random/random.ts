// Discrete uniform samples: `torch.randint`, `torch.randint_like`, `x.random_(from, to)`.
import { type DType, int64 } from '../core/dtype.ts';
import { RuntimeError } from '../core/errors.ts';
import type { Tensor } from '../core/tensor.ts';
import { checkSize } from '../core/shape.ts';
import { isOptions } from '../ops/args.ts';
import { pythonTypeName } from '../ops/creation/tensor-data.ts';
import { addMethods } from '../ops/methods.ts';
import { randomFromTo } from './distributions.ts';
import type { Generator } from './generator.ts';
import {
  drawInOrder, factoryTensor, finishFactory, type GeneratorOption, likeTensor, generatorOf, randomInPlace, type RandomOptions,
} from './sample.ts';

const INT64_MIN = -(2 ** 63);
const INT64_MAX = 2 ** 63 - 1;

/** Mantissa digits of floating dtypes (numeric_limits<T>::digits); integers the dtype's bounds. */
function digits(dtype: DType): number { return dtype.name === 'float32' ? 24 : 53; }
function integerBounds(dtype: DType): [number, number] {
  if (dtype.name === 'bool') return [0, 1];
  if (dtype.name === 'int32') return [-(2 ** 31), 2 ** 31 - 1];
  return [INT64_MIN, INT64_MAX];
}
function typeMetaName(dtype: DType): string {
  return { bool: 'bool', int32: 'int', int64: 'long int', float32: 'float', float64: 'double' }[dtype.name];
}

/** update_from / update_to: a float bound that rounds past itself is moved to the nearest representable integer. */
function updateFrom(from: number, dtype: DType): number {
  const plusOne = Math.trunc(dtype.cast(from + 1));
  if (plusOne >= from) return from;
  return plusOne + 2 ** (Math.floor(Math.log2(Math.abs(from + 1))) - digits(dtype) + 1);
}
function updateTo(to: number, dtype: DType): number {
  const minusOne = Math.trunc(dtype.cast(to - 1));
  if (minusOne < to) return to;
  return minusOne - 2 ** (Math.floor(Math.log2(Math.abs(to - 1))) - digits(dtype) + 1);
}

function checkInRange(from: number, toInclusive: number, dtype: DType): void {
  const [min, max] = dtype.is_floating_point
    ? [-(dtype.name === 'float32' ? 3.4028234663852886e38 : Number.MAX_VALUE), dtype.name === 'float32' ? 3.4028234663852886e38 : Number.MAX_VALUE]
    : integerBounds(dtype);
  if (!(from >= min && from <= max)) throw new RuntimeError(`from is out of bounds for ${typeMetaName(dtype)}`);
  if (!(toInclusive >= min && toInclusive <= max)) throw new RuntimeError(`to - 1 is out of bounds for ${typeMetaName(dtype)}`);
}

/** random_from_to_impl: `to` given draws from [from, to); `to` null draws from [from, the dtype's largest integer]. */
function sampleFromTo(layout: Tensor, dtype: DType, fromArg: number, to: number | null, generator: Generator): Tensor {
  let from = fromArg;
  let range: number;
  if (to !== null) {
    if (!(from < to)) throw new RuntimeError(`random_ expects 'from' to be less than 'to', but got from=${from} >= to=${to}`);
    let upper = to;
    if (dtype.is_floating_point) {
      from = updateFrom(from, dtype);
      upper = updateTo(to, dtype);
      if (!(from < upper)) {
        throw new RuntimeError(`random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, but got from=${from} >= to=${upper}`);
      }
    }
    checkInRange(from, upper - 1, dtype);
    range = upper - from;
  } else {
    let toInclusive: number;
    if (dtype.is_floating_point) {
      toInclusive = 2 ** digits(dtype);
      from = updateFrom(from, dtype);
      if (!(from < toInclusive)) {
        throw new RuntimeError(`random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to dtype, but got from=${from} > to_inc=${toInclusive}`);
      }
    } else {
      toInclusive = integerBounds(dtype)[1];
    }
    checkInRange(from, toInclusive, dtype);
    range = toInclusive - from + 1;
  }
  const allow64 = dtype.name !== 'int32' && dtype.name !== 'bool';
  return drawInOrder(layout, dtype, () => randomFromTo(generator, range, from, allow64));
}

/** random_kernel: the whole range [0, 2^digits] of floats, [0, max] of integers, a fair bit for bools. */
function sampleFullRange(layout: Tensor, dtype: DType, generator: Generator): Tensor {
  switch (dtype.name) {
    case 'bool': return drawInOrder(layout, dtype, () => generator.random() & 1);
    case 'int32': return drawInOrder(layout, dtype, () => generator.random() % 2 ** 31);
    case 'int64': return drawInOrder(layout, dtype, () => Number(generator.random64() % 2n ** 63n));
    case 'float32': return drawInOrder(layout, dtype, () => generator.random() % (2 ** 24 + 1));
    case 'float64': return drawInOrder(layout, dtype, () => Number(generator.random64() % (2n ** 53n + 1n)));
  }
}

function checkInteger(value: unknown, name: string, position: number, fn: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`${fn}(): argument '${name}' (position ${position}) must be int, not ${pythonTypeName(value)}`);
  }
  if (value < INT64_MIN || value > INT64_MAX) throw new RuntimeError('Overflow when unpacking long');
  return value;
}

type RandintOptions = RandomOptions & { low?: number; high?: number; size?: readonly number[] };
type RandintArgs = (number | readonly number[] | RandintOptions)[];

const RANDINT_SIGNATURES = [
  '(int high, tuple of ints size, *, torch.Generator generator, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
  '(int high, tuple of ints size, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
  '(int low, int high, tuple of ints size, *, torch.Generator generator, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
  '(int low, int high, tuple of ints size, *, Tensor out, torch.dtype dtype, torch.layout layout, torch.device device, bool pin_memory, bool requires_grad)',
];

/** Python's argument parser names one bad argument when only one overload takes this many; else lists them all. */
function randintArguments(args: readonly unknown[], options: RandintOptions): [number, number, readonly unknown[]] {
  if (args.length === 2) {
    const high = checkInteger(args[0], 'high', 1, 'randint');
    if (!Array.isArray(args[1])) {
      throw new TypeError(`randint(): argument 'size' (position 2) must be tuple of ints, not ${pythonTypeName(args[1])}`);
    }
    return [options.low ?? 0, high, args[1] as readonly unknown[]];
  }
  const isInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v);
  if (args.length === 3 && isInt(args[0]) && isInt(args[1]) && Array.isArray(args[2])) {
    return [checkInteger(args[0], 'low', 1, 'randint'), checkInteger(args[1], 'high', 2, 'randint'), args[2] as readonly unknown[]];
  }
  if (args.length <= 1 && options.size !== undefined && (args.length === 1 || options.high !== undefined)) {
    return [options.low ?? 0, checkInteger(args[0] ?? options.high, 'high', 1, 'randint'), options.size];
  }
  throw new TypeError(`randint() received an invalid combination of arguments - got (${args.map(pythonTypeName).join(', ')}), but expected one of:\n${RANDINT_SIGNATURES.map((s) => ` * ${s}\n`).join('')}`);
}

/** `torch.randint(10, [3])`, `torch.randint(3, 10, [2, 2], { dtype })`: integers drawn uniformly from [low, high). */
export function randint(...args: RandintArgs): Tensor {
  const options = (isOptions(args[args.length - 1]) ? args.pop() : {}) as RandintOptions;
  const [low, high, size] = randintArguments(args, options);
  for (const d of size) {
    if (typeof d !== 'number' || !Number.isInteger(d)) {
      throw new TypeError(`randint(): argument 'size' (position ${args.length}) must be tuple of ints, not list`);
    }
  }
  const out = factoryTensor(checkSize(size as number[]), options, int64);
  return finishFactory(out, sampleFromTo(out, out.dtype, low, high, generatorOf(options)), options);
}

/** `torch.randint_like(x, 10)`, `torch.randint_like(x, 3, 10)`: randint with x's shape and dtype. */
export function randint_like(input: Tensor, ...args: (number | RandomOptions)[]): Tensor {
  const options = (isOptions(args[args.length - 1]) ? args.pop() : {}) as RandomOptions & { low?: number; high?: number };
  const high = checkInteger(args.length === 2 ? args[1] : args[0] ?? options.high, 'high', args.length === 2 ? 3 : 2, 'randint_like');
  const low = args.length === 2 ? checkInteger(args[0], 'low', 2, 'randint_like') : options.low ?? 0;
  const out = likeTensor(input, options);
  return finishFactory(out, sampleFromTo(out, out.dtype, low, high, generatorOf(options)), options);
}

interface RandomMethodOptions extends GeneratorOption { from?: number; to?: number | null }

const methods = {
  /** `x.random_()`, `x.random_(to)`, `x.random_(from, to)` (`to` null: up to the dtype's largest integer). */
  random_(this: Tensor, ...args: (number | null | RandomMethodOptions)[]): Tensor {
    const options = (isOptions(args[args.length - 1]) ? args.pop() : {}) as RandomMethodOptions;
    const generator = generatorOf(options);
    const given = args.length === 2 ? [args[0], args[1]] : args.length === 1 ? [0, args[0]] : [options.from, options.to];
    const [from, to] = given as [number | undefined, number | null | undefined];
    if (from === undefined && to === undefined) {
      return randomInPlace(this, 'RandomBackward2', () => sampleFullRange(this, this.dtype, generator));
    }
    const start = checkInteger(from ?? 0, 'from', 1, 'random_');
    const end = to === null || to === undefined ? null : checkInteger(to, 'to', 2, 'random_');
    const name = args.length === 1 ? 'RandomBackward1' : 'RandomBackward0';
    return randomInPlace(this, name, () => sampleFromTo(this, this.dtype, start, end, generator));
  },
};
type RandomMethods = typeof methods;
declare module '../core/tensor.ts' { interface Tensor extends RandomMethods {} }
addMethods(methods);

export const functions = { randint, randint_like };
