import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { bind } from '../views/params.ts';
import { intListArgument } from './args.ts';

/**
 * `m.rot90()`: rotates the (dims[0], dims[1]) plane by k quarter turns, from dims[0] towards dims[1]. As in PyTorch
 * a copy: flipped, then transposed in place (so an odd k leaves transposed strides), one Rot90Backward0 node.
 */
export function rot90(self: Tensor, k = 1, dims: readonly number[] = [0, 1]): Tensor {
  const total = self.ndim;
  if (dims.length !== 2) throw new RuntimeError(`expected total rotation dims == 2, but got dims = ${dims.length}`);
  if (total < 2) throw new RuntimeError(`expected total dims >= 2, but got total dims = ${total}`);
  const [d0, d1] = dims as [number, number];
  if (d0 === d1 || Math.abs(d0 - d1) === total) {
    throw new RuntimeError(`expected rotation dims to be different, but got dim0 = ${d0} and dim1 = ${d1}`);
  }
  if (d0 >= total || d0 < -total) throw new RuntimeError(`Rotation dim0 out of range, dim0 = ${d0}`);
  if (d1 >= total || d1 < -total) throw new RuntimeError(`Rotation dim1 out of range, dim1 = ${d1}`);
  const turns = ((k % 4) + 4) % 4;
  const out = withGradMode(false, () => {
    if (turns === 0) return self.clone({ memory_format: 'contiguous_format' });
    if (turns === 2) return self.flip([d0, d1]);
    const flipped = self.flip([turns === 1 ? d1 : d0]);
    // transpose_ on the fresh copy: its own tensor over that storage, not a view of it.
    const a = (d0 + total) % total;
    const b = (d1 + total) % total;
    const shape = [...flipped._shape];
    const strides = [...flipped._stride];
    [shape[a], shape[b]] = [shape[b]!, shape[a]!];
    [strides[a], strides[b]] = [strides[b]!, strides[a]!];
    return new Tensor(flipped.storage, shape, strides, flipped._offset);
  });
  record('Rot90Backward0', [self], out, {}, ([grad]) => [grad!.rot90(-k, [d0, d1])]);
  return out;
}

type Rot90Args = (number | readonly number[] | { k?: number; dims?: readonly number[] })[];

function bound(self: Tensor, args: Rot90Args, first: number): Tensor {
  const { k, dims } = bind(args, ['k', 'dims'], { k: 1, dims: [0, 1] as readonly number[] }, { fn: 'rot90', ints: ['k'], first });
  return rot90(self, k, intListArgument(dims, `rot90(): argument 'dims' (position ${first + 1})`));
}

const methods = {
  /** `m.rot90()`, `x.rot90(2)` or `x.rot90(1, [1, 2])`. */
  rot90(this: Tensor, ...args: Rot90Args): Tensor { return bound(this, args, 1); },
};
type Rot90Methods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends Rot90Methods {} }
addMethods(methods);

export const functions = { rot90: (input: Tensor, ...args: Rot90Args) => bound(input, args, 2) };
