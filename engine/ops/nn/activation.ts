// The elementwise activations of torch.nn.functional that torch has no top-level function for (gelu, leaky_relu,
// elu, silu, softplus). They take parameters (a slope, an alpha), so each call builds its kernel from a small spec
// here rather than through the dispatcher's fixed unary ops; outputs are laid out as the dispatcher's are.
import { record } from '../../autograd/record.ts';
import { mapUnary } from '../../backend/cpu/kernels.ts';
import { RuntimeError } from '../../core/errors.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { inPlace, viewOf } from '../dispatch.ts';
import { elementwiseOutput, emptyLike, inOrder, walkOrder } from '../layout.ts';

export type Round = (value: number) => number;

export interface ActivationSpec {
  /** The kernel's name in PyTorch's error for integer inputs, e.g. `leaky_relu_cpu`. */
  kernel: string;
  grad_fn: string;
  /** The value for one element; `round` rounds an intermediate to the dtype, as PyTorch's float kernels do. */
  cpu: (x: number, round: Round) => number;
  /** What the derivative needs: the input (`self`) or, for in-place variants, the output (`result`). */
  saves: 'self' | 'result';
  /** grad times the derivative, written with engine ops from the saved tensor. */
  backward: (grad: Tensor, saved: Tensor) => Tensor;
  /** The result's layout when not TensorIterator's: empty_like(self) (hardtanh) or contiguous (log_sigmoid). */
  layout?: 'like_input' | 'contiguous';
}

/** The rounding an intermediate value gets in a kernel of `t`'s dtype. */
export function roundingOf(t: Tensor): Round {
  return t.dtype.name === 'float32' ? Math.fround : (v: number) => v;
}

/** Runs `spec` over `self`, out of place. */
export function activation(self: Tensor, spec: ActivationSpec): Tensor {
  if (!self.dtype.is_floating_point) throw new RuntimeError(`"${spec.kernel}" not implemented for '${self.dtype.scalarName}'`);
  // empty_like keeps a dense input's exact strides, which differ from TensorIterator's only over size-1
  // dimensions; either output is dense, so walking it by decreasing stride writes its memory in order.
  const out = spec.layout === 'like_input' ? emptyLike(self)
    : spec.layout === 'contiguous' ? emptyTensor(self._shape, self.dtype, self.device)
      : elementwiseOutput(self._shape, self.dtype, self.device, [self]).out;
  const round = roundingOf(self);
  mapUnary(out.storage.data, inOrder(viewOf(self), walkOrder(out._stride)), (x) => spec.cpu(x, round));
  record(spec.grad_fn, [self], out, { saved: spec.saves === 'self' ? self : out }, ([grad], { saved }) => [spec.backward(grad!, saved)]);
  return out;
}

/** Runs `spec` over `self` in place (the `inplace=True` of torch.nn.functional). */
export function activationInPlace(self: Tensor, spec: ActivationSpec): Tensor {
  if (!self.dtype.is_floating_point) throw new RuntimeError(`"${spec.kernel}" not implemented for '${self.dtype.scalarName}'`);
  return inPlace(self, [], (before) => activation(before, spec));
}
