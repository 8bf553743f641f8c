// PyTorch's `_Formatter` (torch/_tensor_str.py): one formatter per printed tensor decides, from the values shown,
// whether floats print as integers (`1.`), in fixed point or in scientific notation, and how wide every element is.
import { formatExponential, formatFixed, formatInteger } from './float-format.ts';
import { printOptions } from './options.ts';

/** An element as `tolist()` gives it: a number, or a boolean for bool tensors. */
export type Element = number | boolean;

export class Formatter {
  private intMode = true;
  private sciMode = false;
  private maxWidth = 1;

  constructor(private readonly floating: boolean, values: readonly Element[]) {
    if (!floating) {
      for (const value of values) this.maxWidth = Math.max(this.maxWidth, plain(value).length);
      return;
    }
    const nonzeroFinite = (values as readonly number[]).filter((v) => Number.isFinite(v) && v !== 0);
    // With nothing but zeros and non-finite values PyTorch stops here, before `sci_mode` is applied.
    if (nonzeroFinite.length === 0) return;
    let min = Infinity;
    let max = 0;
    for (const v of nonzeroFinite) {
      min = Math.min(min, Math.abs(v));
      max = Math.max(max, Math.abs(v));
    }
    const { precision } = printOptions;
    this.intMode = nonzeroFinite.every((v) => v === Math.ceil(v));
    const widest = (format: (v: number) => string, extra = 0) => {
      for (const v of nonzeroFinite) this.maxWidth = Math.max(this.maxWidth, format(v).length + extra);
    };
    if (this.intMode) {
      // Integers get a trailing `.` to show that the tensor is floating: one more column.
      if (max / min > 1000 || max > 1e8) {
        this.sciMode = true;
        widest((v) => formatExponential(v, precision));
      } else {
        widest((v) => formatFixed(v, 0), 1);
      }
    } else if (max / min > 1000 || max > 1e8 || min < 1e-4) {
      this.sciMode = true;
      widest((v) => formatExponential(v, precision));
    } else {
      widest((v) => formatFixed(v, precision));
    }
    if (printOptions.sci_mode !== null) this.sciMode = printOptions.sci_mode;
  }

  width(): number { return this.maxWidth; }

  format(value: Element): string {
    let text: string;
    if (!this.floating) {
      text = plain(value);
    } else {
      const v = value as number;
      if (this.sciMode) {
        text = formatExponential(v, printOptions.precision);
      } else if (this.intMode) {
        text = formatFixed(v, 0) + (Number.isFinite(v) ? '.' : '');
      } else {
        text = formatFixed(v, printOptions.precision);
      }
    }
    return text.padStart(this.maxWidth);
  }
}

/** Python's `'{}'.format(value)` for ints and bools. */
function plain(value: Element): string {
  return typeof value === 'boolean' ? (value ? 'True' : 'False') : formatInteger(value);
}
