// The samplers of ATen's DistributionsHelper.h and TransformationHelper.h, drawing from a Generator exactly as
// PyTorch's CPU kernels do, so the same seed gives the same numbers.
import type { Generator } from './generator.ts';
import { fma, fmaf } from './fma.ts';
import { logf, sincosf } from './float32-math.ts';

const f = Math.fround;
const FLOAT_MASK = (1 << 24) - 1;

/** uniform_real_distribution<float>: 24 random bits of one draw, then x * (to - from) + from in float32 (fused). */
export function uniformFloat(generator: Generator, from: number, to: number): number {
  const x = (generator.random() & FLOAT_MASK) * 2 ** -24;
  return fmaf(x, f(to - from), from);
}

/** uniform_real_distribution<double>: 53 random bits of a 64-bit draw, then x * (to - from) + from (fused). */
export function uniformDouble(generator: Generator, from: number, to: number): number {
  return fma(generator.random53() * 2 ** -53, to - from, from);
}

/** at::normal_distribution<double>: Box-Muller, handing out the cached sine sample on every other call. */
export function normalDouble(generator: Generator, mean: number, std: number): number {
  const cached = generator.nextDoubleNormal;
  if (cached !== null) {
    generator.nextDoubleNormal = null;
    return fma(cached, std, mean);
  }
  const u1 = uniformDouble(generator, 0, 1);
  const u2 = uniformDouble(generator, 0, 1);
  const radius = Math.sqrt(-2 * Math.log(1 - u2));
  const theta = 2 * Math.PI * u1;
  generator.nextDoubleNormal = radius * Math.sin(theta);
  return fma(radius * Math.cos(theta), std, mean);
}

const TWO_PI_FLOAT = f(2 * Math.PI);

/** normal_fill_16_AVX2 (Note [AVX2 normal_fill]): 8 pairs of uniforms at data[o + j], data[o + j + 8] become normals. */
function normalFill16Float(data: Float32Array, o: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const radius = f(Math.sqrt(f(-2 * logf(f(1 - data[o + j]!)))));
    const [sine, cosine] = sincosf(f(TWO_PI_FLOAT * data[o + j + 8]!));
    data[o + j] = fmaf(f(radius * cosine), std, mean);
    data[o + j + 8] = fmaf(f(radius * sine), std, mean);
  }
}

/** normal_fill_16<double>. */
function normalFill16Double(data: Float64Array, o: number, mean: number, std: number): void {
  for (let j = 0; j < 8; j++) {
    const radius = Math.sqrt(-2 * Math.log(1 - data[o + j]!));
    const theta = 2 * Math.PI * data[o + j + 8]!;
    data[o + j] = fma(radius * Math.cos(theta), std, mean);
    data[o + j + 8] = fma(radius * Math.sin(theta), std, mean);
  }
}

/**
 * normal_fill: PyTorch's path for contiguous tensors of 16 or more elements. Every element first gets a uniform,
 * blocks of 16 become normals, and when the size is not a multiple of 16 the last 16 elements are redrawn and
 * transformed again (overwriting normals already made there).
 */
export function normalFill(data: Float32Array | Float64Array, generator: Generator, mean: number, std: number): void {
  const isFloat = data instanceof Float32Array;
  const uniform = isFloat ? uniformFloat : uniformDouble;
  const fill16 = (o: number): void => {
    if (isFloat) normalFill16Float(data, o, f(mean), f(std));
    else normalFill16Double(data, o, mean, std);
  };
  const size = data.length;
  for (let i = 0; i < size; i++) data[i] = uniform(generator, 0, 1);
  for (let i = 0; i + 16 <= size; i += 16) fill16(i);
  if (size % 16 !== 0) {
    for (let i = size - 16; i < size; i++) data[i] = uniform(generator, 0, 1);
    fill16(size - 16);
  }
}

/** bernoulli_distribution<T>: a uniform of p's precision below p. */
export function bernoulli(generator: Generator, p: number, doublePrecision: boolean): number {
  return (doublePrecision ? uniformDouble(generator, 0, 1) : uniformFloat(generator, 0, 1)) < p ? 1 : 0;
}

/** uniform_int_from_to_distribution: (draw % range) + base, with a 64-bit draw when the range needs it. */
export function randomFromTo(generator: Generator, range: number, base: number, allow64: boolean): number {
  if (allow64 && range >= 2 ** 32) return Number(generator.random64() % BigInt(range)) + base;
  return (generator.random() % range) + base;
}

/** exponential_distribution<double>: -1/lambda * log(1 - u). */
export function exponential(generator: Generator, lambda: number): number {
  return (-1 / lambda) * Math.log(1 - uniformDouble(generator, 0, 1));
}
