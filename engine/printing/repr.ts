// A tensor's repr as PyTorch's `_str_intern` writes it: `tensor(` + body + suffixes (device, dtype, size,
// requires_grad or grad_fn), wrapped like `_add_suffixes`. Installed into `printer` so that `String(t)` and
// `console.log(t)` print it.
import { get_default_dtype, int64, bool } from '../core/dtype.ts';
import { printer, type Tensor } from '../core/tensor.ts';
import { printOptions } from './options.ts';
import { TensorText } from './tensor-str.ts';

/** Python's `str(tuple(shape))`: `(2, 0)`, `(0,)`. */
function tupleText(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

/** Note [WebGPU prints as CUDA]: the WebGPU device stands in for CUDA, so it prints as PyTorch's `cuda:0` would. */
function deviceText(t: Tensor): string | null {
  if (t.device.type === 'cpu') return null;
  return `cuda:${t.device.index ?? 0}`;
}

/** `_add_suffixes`: each suffix goes on the last line unless it would pass `linewidth`. */
function addSuffixes(text: string, suffixes: readonly string[], indent: number): string {
  const parts = [text];
  // PyTorch's own arithmetic, off by two when there is no newline; kept so lines wrap where PyTorch's do.
  let lastLineLength = text.length - text.lastIndexOf('\n') + 1;
  for (const suffix of suffixes) {
    if (lastLineLength + suffix.length + 2 > printOptions.linewidth) {
      parts.push(',\n' + ' '.repeat(indent) + suffix);
      lastLineLength = indent + suffix.length;
    } else {
      parts.push(', ' + suffix);
      lastLineLength += suffix.length + 2;
    }
  }
  parts.push(')');
  return parts.join('');
}

/** `repr(t)`: `tensor([1., 2.], requires_grad=True)`. */
export function tensorRepr(t: Tensor): string {
  const prefix = 'tensor(';
  const indent = prefix.length;
  const suffixes: string[] = [];
  const device = deviceText(t);
  if (device !== null) suffixes.push(`device='${device}'`);
  const defaultFloat = get_default_dtype();
  let body: string;
  if (t.numel() === 0) {
    // Explicit like NumPy: the shape unless it is (0,), and the dtype, which no element can suggest.
    if (t.ndim !== 1) suffixes.push(`size=${tupleText(t._shape)}`);
    if (t.dtype !== defaultFloat) suffixes.push(`dtype=${t.dtype}`);
    body = '[]';
  } else {
    if (t.dtype !== defaultFloat && t.dtype !== int64 && t.dtype !== bool) suffixes.push(`dtype=${t.dtype}`);
    body = new TensorText(t).render(indent);
  }
  if (t.grad_fn !== null) suffixes.push(`grad_fn=<${t.grad_fn.className}>`);
  else if (t.requires_grad) suffixes.push('requires_grad=True');
  return addSuffixes(prefix + body, suffixes, indent);
}

printer.repr = tensorRepr;
