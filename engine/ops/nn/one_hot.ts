// one_hot: class indices to rows of zeros with a single one, in a new last dimension.
import { int64 } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { bindArgs } from './args.ts';
import { pythonTypeName } from './python-types.ts';

/** `F.one_hot(torch.tensor([0, 2]))` is `[[1, 0, 0], [0, 0, 1]]`; `F.one_hot(t, 4)` fixes the number of classes. */
export function one_hot(...args: unknown[]): Tensor {
  const bound = bindArgs('one_hot', args, ['tensor', 'num_classes'], 1);
  const self = bound['tensor'] as Tensor;
  const requested = bound['num_classes'] ?? -1;
  if (typeof requested !== 'number' || !Number.isInteger(requested)) {
    throw new TypeError(`one_hot(): argument 'num_classes' (position 2) must be int, not ${pythonTypeName(requested)}`);
  }
  let classes: number = requested;
  if (self.dtype !== int64) throw new RuntimeError('one_hot is only applicable to index tensor.');
  const values = self._values();
  if (values.length === 0) {
    if (classes <= 0) throw new RuntimeError('Can not infer total number of classes from empty tensor.');
    return emptyTensor([...self._shape, classes], int64, self.device);
  }
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) { min = Math.min(min, v); max = Math.max(max, v); }
  if (min < 0) throw new RuntimeError('Class values must be non-negative.');
  if (classes === -1) classes = max + 1;
  else if (classes <= max) throw new RuntimeError('Class values must be smaller than num_classes.');
  const out = emptyTensor([...self._shape, classes], int64, self.device);
  values.forEach((v, i) => { out.storage.data[i * classes + v] = 1; });
  return out;
}

export const F = { one_hot };
