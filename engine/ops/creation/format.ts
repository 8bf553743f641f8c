// How PyTorch's C++ messages print numbers.

/** C++'s default `ostream << double` (printf `%g`, 6 significant digits): `1.5`, `1e+10`, `inf`, `nan`. */
export function formatDouble(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential(5).split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const digits = mantissa.replace(/\.?0+$/, '');
    return `${digits}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return value.toFixed(Math.max(0, 5 - exponent)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
}
