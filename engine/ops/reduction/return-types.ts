// PyTorch's `torch.return_types` named tuples (`max(dim)` gives `(values, indices)`): a real array, so that
// `const [values, indices] = x.max(0)` destructures, with `.values` / `.indices` and Python's repr.
import type { Tensor } from '../../core/tensor.ts';

const inspect = Symbol.for('nodejs.util.inspect.custom');

/** `torch.return_types.<op>(values=..., indices=...)`. */
export type ValuesIndices = Omit<[Tensor, Tensor], 'values'> & {
  readonly values: Tensor;
  readonly indices: Tensor;
};

class ReturnType extends Array<Tensor> {
  static override get [Symbol.species](): ArrayConstructor { return Array; }
  op = '';
  fields: readonly string[] = [];
  override toString(): string {
    const body = this.fields.map((f, i) => `${f}=${String(this[i])}`).join(',\n');
    return `torch.return_types.${this.op}(\n${body})`;
  }
  [inspect](): string { return this.toString(); }
}

/** Builds the named tuple `torch.return_types.<op>` with `values` and `indices`. */
export function valuesIndices(op: string, values: Tensor, indices: Tensor): ValuesIndices {
  const result = new ReturnType();
  result.push(values, indices);
  result.op = op;
  result.fields = ['values', 'indices'];
  // Own properties shadow Array.prototype.values; iteration uses Symbol.iterator, which stays the array's.
  Object.defineProperty(result, 'values', { value: values, enumerable: false });
  Object.defineProperty(result, 'indices', { value: indices, enumerable: false });
  for (const key of ['op', 'fields']) Object.defineProperty(result, key, { enumerable: false });
  return result as unknown as ValuesIndices;
}

/** `torch.return_types.aminmax(min=..., max=...)`. */
export type MinMax = Omit<[Tensor, Tensor], 'min' | 'max'> & { readonly min: Tensor; readonly max: Tensor };

/** Builds the named tuple `torch.return_types.aminmax` with `min` and `max`. */
export function minMax(min: Tensor, max: Tensor): MinMax {
  const result = new ReturnType();
  result.push(min, max);
  result.op = 'aminmax';
  result.fields = ['min', 'max'];
  Object.defineProperty(result, 'min', { value: min, enumerable: false });
  Object.defineProperty(result, 'max', { value: max, enumerable: false });
  for (const key of ['op', 'fields']) Object.defineProperty(result, key, { enumerable: false });
  return result as unknown as MinMax;
}
