import { record } from '../../autograd/record.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { copyDense } from '../dispatch.ts';
import { emptyLike } from '../layout.ts';
import { addMethods } from '../methods.ts';

export type MemoryFormat = 'preserve' | 'contiguous';

/**
 * `x.clone()`: a copy with its own storage (CloneBackward0 passes the gradient through). Like PyTorch's default
 * preserve_format, a dense tensor keeps its strides (`x.t().clone()` is still transposed); `contiguous` lays the
 * copy out row-major.
 */
export function clone(self: Tensor, format: MemoryFormat = 'preserve'): Tensor {
  const out = format === 'preserve' ? emptyLike(self) : emptyTensor(self._shape, self.dtype, self.device);
  copyDense(out, self);
  record('CloneBackward0', [self], out, {}, ([grad]) => [grad!]);
  return out;
}

/** `memory_format` as PyTorch spells it (`torch.contiguous_format`), or as its name. */
function formatOf(options?: { memory_format?: unknown }): MemoryFormat {
  return String(options?.memory_format ?? 'preserve').includes('contiguous') ? 'contiguous' : 'preserve';
}

const methods = {
  /** `x.clone()` or `x.clone({ memory_format: torch.contiguous_format })`. */
  clone(this: Tensor, options?: { memory_format?: unknown }): Tensor { return clone(this, formatOf(options)); },
  /** `x.contiguous()`: `x` itself when already contiguous, else a contiguous copy. */
  contiguous(this: Tensor): Tensor { return this.is_contiguous() ? this : clone(this, 'contiguous'); },
};
type ContiguousMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ContiguousMethods {} }
addMethods(methods);

export const functions = {
  clone: (input: Tensor, options?: { memory_format?: unknown }) => clone(input, formatOf(options)),
};
