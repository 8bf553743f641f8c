// F.pad (ATen's _pad_enum). 'constant' mode is constant_pad_nd: pads the last dimensions, pairs listed from the last
// dimension backwards; negative amounts crop (through narrow, with its errors). One node, ConstantPadNdBackward0, whose
// backward pads the gradient by the negated amounts. The other modes pad 1 to 3 dimensions of an input with one or
// two more: 'reflect' and 'replicate' in pad_edges.ts, 'circular' in pad_circular.ts.
import { record } from '../../autograd/record.ts';
import { NotImplementedError, RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { isScalar, type Scalar, scalarValue } from '../../core/scalar.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { bindArgs } from './args.ts';
import { circularPad } from './pad_circular.ts';
import { edgePad } from './pad_edges.ts';
import { pythonTypeName } from './python-types.ts';

function constantPad(self: Tensor, pad: readonly number[], value: number): Tensor {
  const ndim = self.ndim;
  const padded = pad.length / 2;
  if (ndim < padded) {
    throw new RuntimeError(`Length of pad should be no more than twice the number of dimensions of the input. Pad length is ${pad.length}while the input has ${ndim}dimensions.`);
  }
  const first = ndim - padded;
  const before = (d: number) => pad[2 * (ndim - d - 1)]!;
  const after = (d: number) => pad[2 * (ndim - d - 1) + 1]!;
  let growing = false;
  const out = withGradMode(false, () => {
    let input = self;
    for (let d = first; d < ndim; d++) {
      if (before(d) < 0) input = input.narrow(d, -before(d), input._shape[d]! + before(d));
      else if (before(d) !== 0) growing = true;
      if (after(d) < 0) input = input.narrow(d, 0, input._shape[d]! + after(d));
      else if (after(d) !== 0) growing = true;
    }
    if (!growing) return input.clone();
    const shape = self._shape.map((size, d) => {
      if (d < first) return size;
      const grown = size + before(d) + after(d);
      if (grown <= 0) {
        throw new RuntimeError(`The input size ${size}, plus negative padding ${before(d)} and ${after(d)} resulted in a negative output size, which is invalid. Check dimension ${d} of your input.`);
      }
      return grown;
    });
    const result = emptyTensor(shape, self.dtype, self.device);
    result.storage.data.fill(self.dtype.cast(value));
    let window = result;
    for (let d = first; d < ndim; d++) {
      if (before(d) > 0) window = window.narrow(d, before(d), window._shape[d]! - before(d));
      if (after(d) > 0) window = window.narrow(d, 0, window._shape[d]! - after(d));
    }
    window.copy_(input);
    return result;
  });
  const negated = pad.map((p) => -p);
  record('ConstantPadNdBackward0', [self], out, {}, ([grad]) => [constantPad(grad!, negated, 0)]);
  return out;
}

/**
 * `F.pad(x, [1, 2])` pads the last dimension with one zero before and two after; `{ value: v }` pads with v;
 * `F.pad(x, [1, 1], { mode: 'reflect' })` mirrors the edges ('replicate' repeats them, 'circular' wraps around).
 */
export function pad(input: Tensor, padding: readonly number[], ...rest: (string | Scalar | null | { mode?: string; value?: Scalar | null })[]): Tensor {
  const bound = bindArgs('pad', [input, padding, ...rest], ['input', 'pad', 'mode', 'value'], 2);
  const amounts = bound['pad'];
  if (!Array.isArray(amounts) || amounts.some((p) => typeof p !== 'number' || !Number.isInteger(p))) {
    throw new TypeError(`pad(): argument 'pad' (position 2) must be tuple of ints, not ${pythonTypeName(amounts)}`);
  }
  if (amounts.length % 2 !== 0) throw new RuntimeError('Padding length must be divisible by 2');
  if (amounts.length > 2 * input.ndim) throw new RuntimeError('Padding length too large');
  const mode = (bound['mode'] as string | undefined) ?? 'constant';
  const value = (bound['value'] as Scalar | null | undefined) ?? null;
  if (mode === 'constant') return constantPad(input, amounts as number[], value !== null && isScalar(value) ? scalarValue(value) : 0);
  if (mode === 'reflect' || mode === 'replicate' || mode === 'circular') {
    if (value !== null && scalarValue(value) !== 0) throw new RuntimeError(`Padding mode "${mode}" doesn't take in value argument`);
    const k = amounts.length / 2;
    if (k >= 1 && (input.ndim === k + 1 || input.ndim === k + 2)) {
      return mode === 'circular' ? circularPad(input, amounts as number[]) : edgePad(input, amounts as number[], mode);
    }
    throw new NotImplementedError('Only 2D, 3D, 4D, 5D padding with non-constant padding are supported for now');
  }
  throw new NotImplementedError(`Unrecognised padding mode ${mode}`);
}

export const F = { pad };
