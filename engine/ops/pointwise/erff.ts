// The C library's single-precision erf (SunPro's s_erff.c, as glibc ships it), every operation rounded to float32:
// erfinv's Newton steps divide erf's last-bit error by a small derivative, so a double erf rounded once would move
// float32 erfinv results by a few units in the last place.
const f = Math.fround;
const words = new DataView(new ArrayBuffer(4));

const ERX = f(8.4506291151e-01);
const EFX = f(1.2837916613e-01);
const EFX8 = f(1.0270333290e+00);
const PP = [1.2837916613e-01, -3.2504209876e-01, -2.8481749818e-02, -5.7702702470e-03, -2.3763017452e-05].map(f);
const QQ = [1, 3.9791721106e-01, 6.5022252500e-02, 5.0813062117e-03, 1.3249473704e-04, -3.9602282413e-06].map(f);
const PA = [-2.3621185683e-03, 4.1485610604e-01, -3.7220788002e-01, 3.1834661961e-01, -1.1089469492e-01, 3.5478305072e-02, -2.1663755178e-03].map(f);
const QA = [1, 1.0642088205e-01, 5.4039794207e-01, 7.1828655899e-02, 1.2617121637e-01, 1.3637083583e-02, 1.1984500103e-02].map(f);
const RA = [-9.8649440333e-03, -6.9385856390e-01, -1.0558626175e+01, -6.2375331879e+01, -1.6239666748e+02, -1.8460508728e+02, -8.1287437439e+01, -9.8143291473e+00].map(f);
const SA = [1, 1.9651271820e+01, 1.3765776062e+02, 4.3456588745e+02, 6.4538726807e+02, 4.2900814819e+02, 1.0863500214e+02, 6.5702495575e+00, -6.0424413532e-02].map(f);
const RB = [-9.8649431020e-03, -7.9928326607e-01, -1.7757955551e+01, -1.6063638306e+02, -6.3756646729e+02, -1.0250950928e+03, -4.8351919556e+02].map(f);
const SB = [1, 3.0338060379e+01, 3.2579251099e+02, 1.5367296143e+03, 3.1998581543e+03, 2.5530502930e+03, 4.7452853394e+02, -2.2440952301e+01].map(f);

/** 1/0.35 as the C source's bit pattern 0x4036DB6E. */
const ONE_OVER_035 = 2.857142925262451;

/** c[0] + s*(c[1] + s*(...)), Horner's rule in float32. */
function horner(c: readonly number[], s: number): number {
  let acc = c[c.length - 1]!;
  for (let i = c.length - 2; i >= 0; i--) acc = f(c[i]! + f(s * acc));
  return acc;
}

/** The float32 bits of x with the low 12 cleared, so that z*z is exact. */
function truncated(x: number): number {
  words.setFloat32(0, x);
  words.setUint32(0, words.getUint32(0) & 0xfffff000);
  return words.getFloat32(0);
}

/** erff(x) for a float32 x: `erff(0.5)` is 0.5204999. */
export function erff(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a === Infinity) return Math.sign(x);
  if (a < 0.84375) {
    if (a < 2 ** -28) return a < 2 ** -119 ? f(0.125 * f(f(8 * x) + f(EFX8 * x))) : f(x + f(EFX * x));
    const z = f(x * x);
    return f(x + f(x * f(horner(PP, z) / horner(QQ, z))));
  }
  if (a < 1.25) {
    const s = f(a - 1);
    const ratio = f(horner(PA, s) / horner(QA, s));
    return x >= 0 ? f(ERX + ratio) : f(-ERX - ratio);
  }
  if (a >= 6) return x >= 0 ? f(1 - 1e-30) : f(1e-30 - 1);
  const s = f(1 / f(a * a));
  const [R, S] = a < ONE_OVER_035 ? [horner(RA, s), horner(SA, s)] : [horner(RB, s), horner(SB, s)];
  const z = truncated(a);
  const r = f(f(Math.exp(f(f(-z * z) - 0.5625))) * f(Math.exp(f(f(f(z - a) * f(z + a)) + f(R / S)))));
  return x >= 0 ? f(1 - f(r / a)) : f(f(r / a) - 1);
}
