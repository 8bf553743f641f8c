// The C library's erf in both precisions, as glibc ships them (SunPro's s_erf.c and s_erff.c: a rational function
// below 0.84375, another around 1, and exp(-x^2) times one of two more in the tail). erfinv's Newton steps divide
// erf's last-bit error by a small derivative, so PyTorch's erfinv is reproduced only with the erf it calls: float32
// with every operation rounded to float, float64 with glibc's evaluation order (its polynomials in pairs, Estrin's
// scheme, where the float version keeps Horner's rule).
const f = Math.fround;
const words = new DataView(new ArrayBuffer(8));

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

/** x with the low 32 bits of its double cleared. */
function truncated64(x: number): number {
  words.setFloat64(0, x);
  words.setUint32(4, 0);
  return words.getFloat64(0);
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

const ERX64 = 8.45062911510467529297e-01;
const EFX64 = 1.28379167095512586316e-01;
const EFX8_64 = 1.02703333676410069053e+00;
const PP64 = [1.28379167095512558561e-01, -3.25042107247001499370e-01, -2.84817495755985104766e-02, -5.77027029648944159157e-03, -2.37630166566501626084e-05];
const QQ64 = [1, 3.97917223959155352819e-01, 6.50222499887672944485e-02, 5.08130628187576562776e-03, 1.32494738004321644526e-04, -3.96022827877536812320e-06];
const PA64 = [-2.36211856075265944077e-03, 4.14856118683748331666e-01, -3.72207876035701323847e-01, 3.18346619901161753674e-01, -1.10894694282396677476e-01, 3.54783043256182359371e-02, -2.16637559486879084300e-03];
const QA64 = [1, 1.06420880400844228286e-01, 5.40397917702171048937e-01, 7.18286544141962662868e-02, 1.26171219808761642112e-01, 1.36370839120290507362e-02, 1.19844998467991074170e-02];
const RA64 = [-9.86494403484714822705e-03, -6.93858572707181764372e-01, -1.05586262253232909814e+01, -6.23753324503260060396e+01, -1.62396669462573470355e+02, -1.84605092906711035994e+02, -8.12874355063065934246e+01, -9.81432934416914548592e+00];
const SA64 = [1, 1.96512716674392571292e+01, 1.37657754143519042600e+02, 4.34565877475229228821e+02, 6.45387271733267880336e+02, 4.29008140027567833386e+02, 1.08635005541779435134e+02, 6.57024977031928170135e+00, -6.04244152148580987438e-02];
const RB64 = [-9.86494292470009928597e-03, -7.99283237680523006574e-01, -1.77579549177547519889e+01, -1.60636384855821916062e+02, -6.37566443368389627722e+02, -1.02509513161107724954e+03, -4.83519191608651397019e+02];
const SB64 = [1, 3.03380607434824582924e+01, 3.25792512996573918826e+02, 1.53672958608443695994e+03, 3.19985821950859553908e+03, 2.55305040643316442583e+03, 4.74528541206955367215e+02, -2.24409524465858183362e+01];
/** 1/0.35 as the C source compares it: the double whose high word is 0x4006DB6E. */
const ONE_OVER_035_64 = 2.8571434020996094;

/** c[0] + s*c[1] + s^2*(c[2] + s*c[3]) + s^4*(...) + ..., summed left to right as glibc writes it. */
function pairwise(c: readonly number[], s: number): number {
  const s2 = s * s;
  const s4 = s2 * s2;
  const powers = [1, s2, s4, s4 * s2, s4 * s4];
  let acc = c[0]! + s * c[1]!;
  for (let k = 1; 2 * k < c.length; k++) {
    acc += powers[k]! * (2 * k + 1 < c.length ? c[2 * k]! + s * c[2 * k + 1]! : c[2 * k]!);
  }
  return acc;
}

/** erf(x) in double precision, as glibc computes it: `erf(0.5)` is 0.5204998778130465. */
export function erf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a === Infinity) return Math.sign(x);
  if (a < 0.84375) {
    if (a < 2 ** -28) return a < 2 ** -1015 ? 0.125 * (8 * x + EFX8_64 * x) : x + EFX64 * x;
    const z = x * x;
    return x + x * (pairwise(PP64, z) / pairwise(QQ64, z));
  }
  if (a < 1.25) {
    const s = a - 1;
    const ratio = pairwise(PA64, s) / pairwise(QA64, s);
    return x >= 0 ? ERX64 + ratio : -ERX64 - ratio;
  }
  if (a >= 6) return x >= 0 ? 1 - 1e-300 : 1e-300 - 1;
  const s = 1 / (a * a);
  const [R, S] = a < ONE_OVER_035_64 ? [pairwise(RA64, s), pairwise(SA64, s)] : [pairwise(RB64, s), pairwise(SB64, s)];
  const z = truncated64(a);
  const r = Math.exp(-z * z - 0.5625) * Math.exp((z - a) * (z + a) + R / S);
  return x >= 0 ? 1 - r / a : r / a - 1;
}
