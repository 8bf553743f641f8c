import { record } from '../../autograd/record.ts';
import { IndexError, RuntimeError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { isOptions } from '../args.ts';
import { emptyLike } from '../layout.ts';
import { addMethods } from '../methods.ts';
import { intList } from './args.ts';
import { copyPart, type Part, partOf, whole } from './parts.ts';

/** Copies `source` into `target` (same shape) rotated by `shift` places along `dim`. */
function copyRolled(target: Part, source: Part, dim: number, shift: number): void {
  const size = source.shape[dim]!;
  const s = ((shift % size) + size) % size;
  const part = (v: Part, start: number, length: number): Part => {
    const shape = [...v.shape];
    shape[dim] = length;
    return { ...v, shape, offset: v.offset + start * v.strides[dim]! };
  };
  copyPart(part(target, s, size - s), part(source, 0, size - s));
  copyPart(part(target, 0, s), part(source, size - s, s));
}

/** roll's dims do not wrap for 0-dim tensors, unlike most ops. */
function rollDim(dim: number, ndim: number): number {
  if (ndim === 0) throw new IndexError(`Dimension specified as ${dim} but tensor has no dimensions`);
  return wrapDim(dim, ndim);
}

/**
 * `x.roll(1, 0)`: rotates elements along dims (those pushed off the end come back at the start); with no dims the
 * tensor is rolled as if flattened. Always a copy.
 */
export function roll(self: Tensor, shifts: readonly number[], dims: readonly number[] = []): Tensor {
  if (shifts.length === 0) throw new RuntimeError('`shifts` required');
  const flattened = dims.length === 0 && shifts.length === 1;
  if (!flattened && shifts.length !== dims.length) {
    throw new RuntimeError(`shifts and dimensions must align. shifts: ${shifts.length}, dims:${dims.length}`);
  }
  // PyTorch returns a copy of an empty tensor laid out like it (clone with preserve_format) before looking at dims;
  // a flattened roll is viewed back from a 1-d copy, so contiguous unless the input was 1-d already.
  const preserved = self.numel() === 0 && (!flattened || self.ndim === 1);
  const out = preserved ? emptyLike(self) : emptyTensor(self._shape, self.dtype, self.device);
  if (self.numel() === 0) {
    copyPart(whole(out), whole(self));
  } else if (flattened) {
    // Flattening reads the elements in row-major order, so a non-contiguous input is copied first.
    const source = self.is_contiguous() ? self : emptyTensor(self._shape, self.dtype, self.device);
    if (source !== self) copyPart(whole(source), whole(self));
    const line = (t: Tensor): Part => partOf(t, [t.numel()], [1], t._offset);
    copyRolled(line(out), line(source), 0, shifts[0]!);
  } else {
    let current = whole(self);
    dims.forEach((dim, i) => {
      const next = i === dims.length - 1 ? out : emptyTensor(self._shape, self.dtype, self.device);
      copyRolled(whole(next), current, rollDim(dim, self.ndim), shifts[i]!);
      current = whole(next);
    });
  }
  const backShifts = shifts.map((s) => -s).reverse();
  const backDims = [...dims].reverse();
  record('RollBackward0', [self], out, {}, ([grad]) => [grad!.roll(backShifts, backDims)]);
  return out;
}

type RollArgument = number | readonly number[];
export interface RollOptions { shifts?: RollArgument; dims?: RollArgument | null }

/** Binds `(shifts, dims?)`, `(shifts, { dims })` or `({ shifts, dims })`; `where` prefixes argument errors. */
function bindRoll(args: readonly (RollArgument | RollOptions | null | undefined)[], where: string, first: number): [number[], number[]] {
  const positional = args.filter((a) => !isOptions(a)) as (RollArgument | null | undefined)[];
  const options = (args.find((a) => isOptions(a)) ?? {}) as RollOptions;
  const shifts = options.shifts ?? positional[0];
  const dims = options.dims ?? positional[1];
  if (shifts === undefined || shifts === null) throw new TypeError(`${where.slice(0, -2)} missing 1 required positional arguments: "shifts"`);
  const list = (value: RollArgument, name: string, position: number) =>
    intList([value], `${where}argument '${name}' (position ${position})`);
  return [list(shifts, 'shifts', first), dims === undefined || dims === null ? [] : list(dims, 'dims', first + 1)];
}

const methods = {
  /** `x.roll(1)`, `x.roll(1, 0)`, `x.roll([1, 2], [0, 1])` or `x.roll({ shifts: 1, dims: 0 })`. */
  roll(this: Tensor, ...args: (RollArgument | RollOptions | null)[]): Tensor {
    return roll(this, ...bindRoll(args, 'roll(): ', 1));
  },
};
type RollMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends RollMethods {} }
addMethods(methods);

export const functions = {
  roll: (input: Tensor, ...args: (RollArgument | RollOptions | null)[]) => roll(input, ...bindRoll(args, 'roll(): ', 2)),
};
