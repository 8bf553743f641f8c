// Python's float formatting ('{:.4f}', '{:.4e}', '{}' for ints), exactly. Note [Exact decimal rounding]: Python
// rounds the exact binary value of a double half-to-even, while JavaScript's toFixed/toExponential round ties away
// from zero and print exponents as `e+0`. So a double is expanded exactly as the integer `digits` times 10^-scale
// (every finite double is m * 2^e, and m * 2^-k = m * 5^k / 10^k) and rounded here with BigInt arithmetic.

const powersOf5: bigint[] = [1n];
const powersOf10: bigint[] = [1n];

function pow5(k: number): bigint {
  while (powersOf5.length <= k) powersOf5.push(powersOf5[powersOf5.length - 1]! * 5n);
  return powersOf5[k]!;
}
function pow10(k: number): bigint {
  while (powersOf10.length <= k) powersOf10.push(powersOf10[powersOf10.length - 1]! * 10n);
  return powersOf10[k]!;
}

const view = new DataView(new ArrayBuffer(8));

/** Trailing zero bits of a nonzero 32-bit word. */
function trailingZeros(word: number): number {
  return 31 - Math.clz32(word & -word);
}

/** |value| as `digits * 10^-scale`, exactly (value finite). */
export function exactDecimal(value: number): { digits: bigint; scale: number } {
  view.setFloat64(0, Math.abs(value));
  const biased = view.getUint32(0) >>> 20;
  const high = (view.getUint32(0) & 0xfffff) | (biased === 0 ? 0 : 0x100000);
  const low = view.getUint32(4);
  if (high === 0 && low === 0) return { digits: 0n, scale: 0 };
  // Drop trailing binary zeros first, so that the expansion is as short as possible.
  const zeros = low !== 0 ? trailingZeros(low) : 32 + trailingZeros(high);
  const mantissa = ((BigInt(high) << 32n) | BigInt(low)) >> BigInt(zeros);
  const exponent = (biased === 0 ? -1074 : biased - 1075) + zeros;
  if (exponent >= 0) return { digits: mantissa << BigInt(exponent), scale: 0 };
  return { digits: mantissa * pow5(-exponent), scale: -exponent };
}

/** `digits / 10^drop`, rounded half to even. */
function roundHalfEven(digits: bigint, drop: number): bigint {
  if (drop <= 0) return digits * pow10(-drop);
  const divisor = pow10(drop);
  const quotient = digits / divisor;
  const twice = (digits % divisor) * 2n;
  if (twice > divisor || (twice === divisor && (quotient & 1n) === 1n)) return quotient + 1n;
  return quotient;
}

function nonFinite(value: number): string | null {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return null;
}

function sign(value: number): string {
  return value < 0 || Object.is(value, -0) ? '-' : '';
}

/** Python's `'{:.{precision}f}'.format(value)`: `formatFixed(0.03125, 4)` is `'0.0312'`. */
export function formatFixed(value: number, precision: number): string {
  const special = nonFinite(value);
  if (special !== null) return special;
  // toFixed rounds the exact value too and differs only on exact ties, which keep their .5 when scaled (the
  // product is exact when representable), so everything else can take it.
  const magnitude = Math.abs(value);
  const scaled = magnitude * 10 ** precision;
  if (precision <= 22 && scaled < 2 ** 52 && scaled % 1 !== 0.5) return sign(value) + magnitude.toFixed(precision);
  const { digits, scale } = exactDecimal(value);
  const text = roundHalfEven(digits, scale - precision).toString().padStart(precision + 1, '0');
  const whole = text.slice(0, text.length - precision);
  return sign(value) + (precision === 0 ? whole : `${whole}.${text.slice(whole.length)}`);
}

/** Python's `'{:.{precision}e}'.format(value)`: `formatExponential(12345, 2)` is `'1.23e+04'`. */
export function formatExponential(value: number, precision: number): string {
  const special = nonFinite(value);
  if (special !== null) return special;
  const { digits, scale } = exactDecimal(value);
  let mantissa: string;
  let exponent: number;
  if (digits === 0n) {
    mantissa = '0'.repeat(precision + 1);
    exponent = 0;
  } else {
    const length = digits.toString().length;
    exponent = length - 1 - scale;
    let rounded = roundHalfEven(digits, length - (precision + 1));
    if (rounded === pow10(precision + 1)) {
      rounded /= 10n;
      exponent++;
    }
    mantissa = rounded.toString();
  }
  const point = precision === 0 ? mantissa : `${mantissa[0]}.${mantissa.slice(1)}`;
  const power = String(Math.abs(exponent)).padStart(2, '0');
  return `${sign(value)}${point}e${exponent < 0 ? '-' : '+'}${power}`;
}

/** Python's `str(int)`, exact for the whole int64 range stored in doubles (Note [int64 storage]). */
export function formatInteger(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}
