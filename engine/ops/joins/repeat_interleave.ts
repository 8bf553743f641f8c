import { int64 } from '../../core/dtype.ts';
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { isOptions } from '../args.ts';
import { addMethods } from '../methods.ts';
import { pythonType } from './args.ts';

/** `torch.repeat_interleave(torch.tensor([1, 2]))` is [0, 1, 1]: index i repeated repeats[i] times. */
export function repeatIndices(repeats: Tensor): Tensor {
  if (repeats.ndim !== 1) throw new RuntimeError('repeat_interleave only accept 1D vector as repeat');
  if (!repeats.dtype.isIntegral) throw new RuntimeError(`"repeat_interleave_cpu" not implemented for '${repeats.dtype.scalarName}'`);
  const counts = repeats._values();
  if (counts.some((c) => c < 0)) throw new RuntimeError('repeats can not be negative');
  const out = emptyTensor([counts.reduce((a, b) => a + b, 0)], repeats.dtype, repeats.device);
  let k = 0;
  counts.forEach((count, i) => { for (let j = 0; j < count; j++) out.storage.data[k++] = i; });
  return out;
}

/**
 * `x.repeat_interleave(2, 0)`: each slice along `dim` repeated in place ([a, a, b, b], unlike repeat's [a, b, a, b]);
 * `repeats` may be one count or a tensor of counts per slice. Without `dim` the input is flattened. An index_select,
 * as in PyTorch (IndexSelectBackward0).
 */
export function repeatInterleave(self: Tensor, repeats: number | Tensor, dim: number | null = null): Tensor {
  const input = dim === null ? self.flatten() : self;
  const d = dim ?? 0;
  if (input.ndim === 0) throw new IndexError(`Dimension specified as ${d} but tensor has no dimensions`);
  let counts = typeof repeats === 'number' ? emptyTensor([1], int64) : repeats;
  if (typeof repeats === 'number') counts.storage.data[0] = repeats;
  const size = input.size(d);
  if (counts.ndim === 0 || (counts.ndim === 1 && counts.shape[0] === 1)) {
    counts = counts.reshape([1]).expand([size]);
  } else if (counts.ndim === 1) {
    if (counts.shape[0] !== size) throw new RuntimeError('repeats must have the same size as input along dim');
  } else {
    throw new RuntimeError('repeats must be 0-dim or 1-dim tensor');
  }
  return input.index_select(d, repeatIndices(counts));
}

type Repeats = number | Tensor;
export interface RepeatInterleaveOptions { repeats?: Repeats; dim?: number | null; output_size?: number | null }

/** Binds `(repeats, dim?)` with an optional trailing options object; repeats must be an int or a tensor. */
function bindRepeats(args: readonly (Repeats | number | null | RepeatInterleaveOptions | undefined)[]): [Repeats | undefined, number | null] {
  const positional = args.filter((a) => !isOptions(a));
  const options = (args.find((a) => isOptions(a)) ?? {}) as RepeatInterleaveOptions;
  const repeats = (options.repeats ?? positional[0]) as Repeats | undefined;
  if (repeats !== undefined && !(repeats instanceof Tensor) && !(typeof repeats === 'number' && Number.isInteger(repeats))) {
    throw new TypeError(`repeat_interleave() received an invalid combination of arguments - got (${pythonType(repeats)})`);
  }
  return [repeats, (options.dim ?? positional[1] ?? null) as number | null];
}

const methods = {
  /** `x.repeat_interleave(2)`, `x.repeat_interleave(torch.tensor([1, 2]), 0)` or with `{ dim }`. */
  repeat_interleave(this: Tensor, ...args: (Repeats | null | RepeatInterleaveOptions)[]): Tensor {
    const [repeats, dim] = bindRepeats(args);
    if (repeats === undefined) throw new TypeError('repeat_interleave() missing 1 required positional arguments: "repeats"');
    return repeatInterleave(this, repeats, dim);
  },
};
type RepeatInterleaveMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends RepeatInterleaveMethods {} }
addMethods(methods);

export const functions = {
  /** `torch.repeat_interleave(x, 2, 0)`, or `torch.repeat_interleave(counts)` for the indices alone. */
  repeat_interleave: (input: Tensor, ...args: (Repeats | null | RepeatInterleaveOptions)[]): Tensor => {
    const [repeats, dim] = bindRepeats(args);
    return repeats === undefined ? repeatIndices(input) : repeatInterleave(input, repeats, dim);
  },
};
