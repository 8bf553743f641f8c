import { RuntimeError } from '../../core/errors.ts';
import { wrapDim } from '../../core/shape.ts';
import type { Tensor } from '../../core/tensor.ts';
import { addMethods } from '../methods.ts';
import { alias } from './alias.ts';
import { bind } from './params.ts';
import { permute } from './permute.ts';

/** `x.movedim(0, 2)` or `x.movedim([0, 1], [2, 0])`: moves dimensions to new places, the others keep their order. */
export function movedim(self: Tensor, source: number | readonly number[], destination: number | readonly number[]): Tensor {
  const src = typeof source === 'number' ? [source] : [...source];
  const dst = typeof destination === 'number' ? [destination] : [...destination];
  if (src.length !== dst.length) {
    throw new RuntimeError(`movedim: Invalid source or destination dims: source ([${src.join(', ')}] dims) should contain the same number of dims as destination ([${dst.join(', ')}] dims)`);
  }
  const ndim = self.ndim;
  const wrappedSrc = src.map((d) => wrapDim(d, ndim));
  const wrappedDst = dst.map((d) => wrapDim(d, ndim));
  if (new Set(wrappedSrc).size !== src.length) throw new RuntimeError(`movedim: repeated dim in \`source\` ([${src.join(', ')}])`);
  if (new Set(wrappedDst).size !== dst.length) throw new RuntimeError(`movedim: repeated dim in \`destination\` ([${dst.join(', ')}])`);
  if (ndim === 0) return alias(self);
  const order = new Array<number>(ndim).fill(-1);
  wrappedSrc.forEach((s, i) => { order[wrappedDst[i]!] = s; });
  // The dimensions not moved fill the free places in their original order.
  const rest = Array.from({ length: ndim }, (_, i) => i).filter((d) => !wrappedSrc.includes(d));
  for (let i = 0, k = 0; i < ndim; i++) if (order[i] === -1) order[i] = rest[k++]!;
  return permute(self, order);
}

type Dims = number | readonly number[];
type MovedimArgs = (Dims | { source?: Dims; destination?: Dims })[];

/** `(source, destination)` positionally or as `{ source, destination }`. */
function boundMovedim(self: Tensor, args: MovedimArgs): Tensor {
  const { source, destination } = bind(args, ['source', 'destination'], {} as { source: Dims; destination: Dims });
  return movedim(self, source, destination);
}

const methods = {
  /** `x.movedim(0, -1)`. */
  movedim(this: Tensor, ...args: MovedimArgs): Tensor { return boundMovedim(this, args); },
  /** `x.moveaxis(0, -1)`, an alias of movedim. */
  moveaxis(this: Tensor, ...args: MovedimArgs): Tensor { return boundMovedim(this, args); },
};
type MovedimMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends MovedimMethods {} }
addMethods(methods);

export const functions = {
  movedim: (input: Tensor, ...args: MovedimArgs) => boundMovedim(input, args),
  moveaxis: (input: Tensor, ...args: MovedimArgs) => boundMovedim(input, args),
};
