import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fma, fmaf } from '../../../engine/random/fma.ts';
import { prng } from '../helpers.ts';

// Reference: the exact value of a * b + c as m * 2^e with BigInts, rounded half-to-even to `bits` significant bits.
const view = new DataView(new ArrayBuffer(8));
function decompose(x: number): [bigint, number] {
  view.setFloat64(0, x);
  const high = view.getUint32(0);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(view.getUint32(4));
  if (biased !== 0) mantissa |= 1n << 52n;
  const sign = high >>> 31 ? -1n : 1n;
  return [sign * mantissa, (biased === 0 ? 1 : biased) - 1075];
}
function exactFma(a: number, b: number, c: number, bits: number): number {
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const [mc, ec] = decompose(c);
  const ep = ea + eb;
  const e = Math.min(ep, ec);
  const m = ma * mb * 2n ** BigInt(ep - e) + mc * 2n ** BigInt(ec - e);
  if (m === 0n) return 0;
  const sign = m < 0n ? -1 : 1;
  let magnitude = m < 0n ? -m : m;
  let exponent = e;
  const length = magnitude.toString(2).length;
  if (length > bits) {
    const shift = BigInt(length - bits);
    const rest = magnitude & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    magnitude >>= shift;
    exponent += Number(shift);
    if (rest > half || (rest === half && (magnitude & 1n) === 1n)) magnitude += 1n;
  }
  return sign * Number(magnitude) * 2 ** exponent;
}

test('fmaf rounds once, matching exact arithmetic', () => {
  const random = prng(7);
  const f = Math.fround;
  for (let i = 0; i < 20000; i++) {
    const a = f((random() - 0.5) * 8);
    const b = f((random() - 0.5) * 8);
    const c = f((random() - 0.5) * 2 ** Math.floor(random() * 10 - 5));
    assert.equal(fmaf(a, b, c), exactFma(a, b, c, 24), `fmaf(${a}, ${b}, ${c})`);
  }
});

test('fmaf breaks a float32 tie with the bits the double sum dropped', () => {
  // a * b = 1 + 2^-46 exactly; 2^24 + 1 is a float32 tie, and the double sum loses the 2^-46 that decides it.
  const a = 8392705 * 2 ** -23;
  const b = 16769026 * 2 ** -24;
  const c = 2 ** 24;
  assert.equal(Math.fround(a * b + c), 2 ** 24);
  assert.equal(fmaf(a, b, c), 2 ** 24 + 2);
  assert.equal(fmaf(a, b, c), exactFma(a, b, c, 24));
});

test('fma (double) matches exact arithmetic on random operands', () => {
  const random = prng(11);
  for (let i = 0; i < 20000; i++) {
    const a = (random() - 0.5) * 100;
    const b = (random() - 0.5) * 0.01;
    const c = (random() - 0.5) * 3;
    assert.equal(fma(a, b, c), exactFma(a, b, c, 53), `fma(${a}, ${b}, ${c})`);
  }
});
