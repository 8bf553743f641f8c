// F.embedding: rows of a weight matrix picked by integer indices. One EmbeddingBackward0 node whose backward adds
// each output row's gradient into the row it came from, skipping padding_idx (that row never learns).
import { type Scalar, scalarValue } from '../../core/scalar.ts';
import { record } from '../../autograd/record.ts';
import { int32, int64 } from '../../core/dtype.ts';
import { IndexError, RuntimeError, TorchError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Tensor } from '../../core/tensor.ts';
import { bindArgs } from './args.ts';

function embeddingForward(weight: Tensor, indices: Tensor, paddingIdx: number): Tensor {
  if (indices.dtype !== int64 && indices.dtype !== int32) {
    throw new RuntimeError(`Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; but got ${indices.dtype.legacyName} instead (while checking arguments for embedding)`);
  }
  if (weight.ndim !== 2) throw new RuntimeError("'weight' must be 2-D");
  const [rows, features] = weight._shape as [number, number];
  const flat = indices.reshape(-1);
  for (const i of flat.tolist() as number[]) if (i < 0 || i >= rows) throw new IndexError('index out of range in self');
  const out = withGradMode(false, () => weight.index_select(0, flat).view([...indices._shape, features]));
  record('EmbeddingBackward0', [weight], out, {}, ([grad]) => {
    let rowsGrad = grad!.reshape(-1, features);
    if (paddingIdx >= 0) rowsGrad = rowsGrad.mul(flat.ne(paddingIdx).unsqueeze(1).to(grad!.dtype));
    return [grad!.new_zeros([rows, features]).index_add(0, flat, rowsGrad)];
  });
  return out;
}

/** Rescales, in place, the rows that `indices` picks whose norm exceeds max_norm (embedding_renorm_). */
function renorm(weight: Tensor, indices: Tensor, maxNorm: number, normType: number): void {
  withGradMode(false, () => {
    for (const i of new Set(indices.reshape(-1).tolist() as number[])) {
      const row = weight.select(0, i);
      const norm = row.norm(normType).item() as number;
      if (norm > maxNorm) row.mul_(maxNorm / (norm + 1e-7));
    }
  });
}

export interface EmbeddingOptions {
  padding_idx?: number | null; max_norm?: Scalar | null; norm_type?: Scalar; scale_grad_by_freq?: boolean; sparse?: boolean;
}

/** `F.embedding(torch.tensor([0, 2]), weight)`: rows 0 and 2 of weight; `padding_idx` rows get no gradient. */
export function embedding(input: Tensor, weight: Tensor, ...rest: (Scalar | boolean | null | EmbeddingOptions)[]): Tensor {
  const bound = bindArgs('embedding', [input, weight, ...rest],
    ['input', 'weight', 'padding_idx', 'max_norm', 'norm_type', 'scale_grad_by_freq', 'sparse'], 2);
  let paddingIdx = (bound['padding_idx'] as number | null | undefined) ?? null;
  if (paddingIdx !== null) {
    const rows = weight._shape[0] ?? 0;
    if (paddingIdx >= rows || paddingIdx < -rows) throw new TorchError('AssertionError', 'Padding_idx must be within num_embeddings');
    if (paddingIdx < 0) paddingIdx += rows;
  }
  if (bound['scale_grad_by_freq'] || bound['sparse']) {
    throw new RuntimeError('embedding: scale_grad_by_freq and sparse gradients are not implemented in this engine');
  }
  const maxNormArg = (bound['max_norm'] as Scalar | null | undefined) ?? null;
  const maxNorm = maxNormArg === null ? null : scalarValue(maxNormArg);
  if (maxNorm !== null) renorm(weight, input.contiguous(), maxNorm, scalarValue((bound['norm_type'] as Scalar | undefined) ?? 2));
  return embeddingForward(weight, input, paddingIdx ?? -1);
}

export const F = { embedding };

export const functions = {
  /** `torch.embedding(weight, indices)`: F.embedding with the arguments the other way round. */
  embedding: (weight: Tensor, indices: Tensor, paddingIdx = -1) => embeddingForward(weight, indices, paddingIdx),
};
