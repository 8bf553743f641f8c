// PyTorch's print options (torch/_tensor_str.py's PRINT_OPTS) and `torch.set_printoptions`.
import { scalarValue, type Scalar } from '../core/scalar.ts';
import { splitOptions } from '../ops/args.ts';

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  /** null lets the formatter choose scientific notation from the values. */
  sci_mode: boolean | null;
}

export const printOptions: PrintOptions = { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sci_mode: null };

export interface SetPrintOptions {
  precision?: number | null;
  threshold?: Scalar | null;
  edgeitems?: number | null;
  linewidth?: number | null;
  profile?: 'default' | 'short' | 'full' | null;
  sci_mode?: boolean | null;
}

const profiles: Record<string, Omit<PrintOptions, 'sci_mode'>> = {
  default: { precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80 },
  short: { precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80 },
  full: { precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 80 },
};

type Positional = number | string | boolean | null | undefined;

/**
 * `torch.set_printoptions({ precision: 2 })`, `torch.set_printoptions({ profile: 'full' })`. As in PyTorch, options
 * left out keep their value except `sci_mode`, which every call sets (to automatic when left out).
 */
export function set_printoptions(...args: (Positional | SetPrintOptions)[]): void {
  const [positional, keywords] = splitOptions<SetPrintOptions>(args);
  const names = ['precision', 'threshold', 'edgeitems', 'linewidth', 'profile', 'sci_mode'] as const;
  const options: SetPrintOptions = { ...keywords };
  positional.forEach((value, i) => { (options as Record<string, unknown>)[names[i]!] = value; });
  if (options.profile != null && profiles[options.profile]) Object.assign(printOptions, profiles[options.profile]);
  if (options.precision != null) printOptions.precision = options.precision;
  if (options.threshold != null) printOptions.threshold = scalarValue(options.threshold);
  if (options.edgeitems != null) printOptions.edgeitems = options.edgeitems;
  if (options.linewidth != null) printOptions.linewidth = options.linewidth;
  printOptions.sci_mode = options.sci_mode ?? null;
}

/** Back to PyTorch's defaults, as a fresh interpreter starts (used between golden cases). */
export function resetPrintOptions(): void {
  set_printoptions({ profile: 'default' });
}
