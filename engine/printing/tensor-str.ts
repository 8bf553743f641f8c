// The body of a tensor's repr, as torch/_tensor_str.py's `_tensor_str` lays it out: nested brackets, rows wrapped
// to the line width, and past `threshold` elements only `edgeitems` at each end of every dimension with `...`.
import { RuntimeError } from '../core/errors.ts';
import type { Tensor } from '../core/tensor.ts';
import { type Element, Formatter } from './formatter.ts';
import { printOptions } from './options.ts';

/** A strided window on the tensor's storage: what `self[i]` would be, without making tensors. */
interface Block {
  shape: readonly number[];
  strides: readonly number[];
  offset: number;
}

function row(block: Block, i: number): Block {
  return { shape: block.shape.slice(1), strides: block.strides.slice(1), offset: block.offset + i * block.strides[0]! };
}

/**
 * Indices along the first dimension that are shown: all of them, or the edges when summarizing. Vectors are cut
 * by slicing, where `self[-0:]` is the whole vector, so edgeitems=0 shows everything after the `...`; higher
 * dimensions by index ranges, which are then empty.
 */
function shownIndices(size: number, summarize: boolean, vector: boolean): { head: number[]; tail: number[]; elided: boolean } {
  const all = (from: number, to: number) => Array.from({ length: Math.max(to - from, 0) }, (_, k) => from + k);
  const { edgeitems } = printOptions;
  if (!summarize || size <= 2 * edgeitems) return { head: all(0, size), tail: [], elided: false };
  return { head: all(0, edgeitems), tail: all(edgeitems === 0 && vector ? 0 : size - edgeitems, size), elided: true };
}

export class TensorText {
  private readonly read: (position: number) => Element;

  constructor(private readonly tensor: Tensor) {
    const data = tensor.storage.values;
    this.read = tensor.dtype.name === 'bool' ? (p) => data[p] !== 0 : (p) => data[p]!;
  }

  /** `_tensor_str(self, indent)`. */
  render(indent: number): string {
    const t = this.tensor;
    if (t.numel() === 0) return '[]';
    const summarize = t.numel() > printOptions.threshold;
    const root: Block = { shape: t._shape, strides: t._stride, offset: t._offset };
    const values = summarize ? this.summarized(root) : t.dtype.name === 'bool' ? t._values().map((v) => v !== 0) : t._values();
    const formatter = new Formatter(t.dtype.is_floating_point, values);
    return this.block(root, indent, summarize, formatter);
  }

  /** `get_summarized_data`: the values that will be shown, which alone decide the formatting. */
  private summarized(block: Block): Element[] {
    if (block.shape.length === 0) return [this.read(block.offset)];
    const { head, tail } = shownIndices(block.shape[0]!, true, block.shape.length === 1);
    const indices = [...head, ...tail];
    if (block.shape.length > 1 && indices.length === 0) throw new RuntimeError('stack expects a non-empty TensorList');
    return indices.flatMap((i) => this.summarized(row(block, i)));
  }

  /** `_tensor_str_with_formatter`. */
  private block(block: Block, indent: number, summarize: boolean, formatter: Formatter): string {
    const dim = block.shape.length;
    if (dim === 0) return formatter.format(this.read(block.offset));
    if (dim === 1) return this.vector(block, indent, summarize, formatter);
    const { head, tail, elided } = shownIndices(block.shape[0]!, summarize, false);
    const slices = head.map((i) => this.block(row(block, i), indent + 1, summarize, formatter));
    if (elided) slices.push('...');
    slices.push(...tail.map((i) => this.block(row(block, i), indent + 1, summarize, formatter)));
    return '[' + slices.join(',' + '\n'.repeat(dim - 1) + ' '.repeat(indent + 1)) + ']';
  }

  /** `_vector_str`: as many elements per line as fit in `linewidth`. */
  private vector(block: Block, indent: number, summarize: boolean, formatter: Formatter): string {
    const elementLength = formatter.width() + 2;
    const perLine = Math.max(1, Math.floor((printOptions.linewidth - indent) / elementLength));
    const { head, tail, elided } = shownIndices(block.shape[0]!, summarize, true);
    const text = (i: number) => formatter.format(this.read(block.offset + i * block.strides[0]!));
    const data = head.map(text);
    if (elided) data.push(' ...');
    data.push(...tail.map(text));
    const lines: string[] = [];
    for (let i = 0; i < data.length; i += perLine) lines.push(data.slice(i, i + perLine).join(', '));
    return '[' + lines.join(',\n' + ' '.repeat(indent + 1)) + ']';
  }
}
