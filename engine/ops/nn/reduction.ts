// Loss reductions: the `reduction` string (and the legacy `size_average` / `reduce` flags) as torch.nn._reduction
// reads them.
import { ValueError } from '../../core/errors.ts';
import { warn } from './args.ts';

export type Reduction = 'none' | 'mean' | 'sum';

export interface ReductionOptions {
  size_average?: boolean | null;
  reduce?: boolean | null;
  reduction?: string;
}

/** The reduction a loss applies, with PyTorch's deprecation warnings and its ValueError for unknown names. */
export function reductionOf(options: ReductionOptions): Reduction {
  const sizeAverage = options.size_average ?? null;
  const reduce = options.reduce ?? null;
  if (sizeAverage !== null || reduce !== null) {
    const legacy: Reduction = (sizeAverage ?? true) && (reduce ?? true) ? 'mean' : (reduce ?? true) ? 'sum' : 'none';
    warn(`size_average and reduce args will be deprecated, please use reduction='${legacy}' instead.`);
    return legacy;
  }
  const name = options.reduction ?? 'mean';
  if (name === 'none' || name === 'mean' || name === 'sum') return name;
  if (name === 'elementwise_mean') {
    warn("reduction='elementwise_mean' is deprecated, please use reduction='mean' instead.");
    return 'mean';
  }
  throw new ValueError(`${String(name)} is not a valid value for reduction`);
}
