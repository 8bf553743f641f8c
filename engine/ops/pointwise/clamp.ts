// clamp / clip with scalar or tensor bounds, clamp_min and clamp_max. Scalar bounds record ClampBackward1 (one
// input); a tensor bound makes it ClampBackward0 with gradients for the bounds too. A nan bound gives nan.
import { record } from '../../autograd/record.ts';
import { bool, type DType } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { isScalar, type Scalar } from '../../core/scalar.ts';
import { Tensor } from '../../core/tensor.ts';
import { asTensor, inPlace, resultType } from '../dispatch.ts';
import { isOptions } from '../args.ts';
import { addMethods } from '../methods.ts';
import { mapThree, notImplementedFor } from './support.ts';
import { where } from './where.ts';

type Bound = Tensor | Scalar | null | undefined;
export interface ClampOptions { min?: Bound; max?: Bound }

/** min(max(x, lo), hi) as PyTorch's kernels compute it: -0 stays -0 against a 0 bound, nan anywhere gives nan. */
const clampValue = (x: number, lo: number, hi: number): number => {
  if (lo !== lo || hi !== hi) return NaN;
  const low = x < lo ? lo : x;
  return low > hi ? hi : low;
};

/** Clamps `self` between optional bounds; `name` picks the node and kernel names (clamp, clamp_min, clamp_max). */
function clampBetween(self: Tensor, min: Bound, max: Bound, name: 'clamp' | 'clamp_min' | 'clamp_max'): Tensor {
  const hasMin = min !== null && min !== undefined;
  const hasMax = max !== null && max !== undefined;
  if (!hasMin && !hasMax) throw new RuntimeError('torch.clamp: At least one of \'min\' or \'max\' must not be None');
  const bounds = [min, max].filter((b): b is Tensor | Scalar => b !== null && b !== undefined);
  const dtype: DType = resultType(self, ...bounds);
  const x = asTensor(self, dtype);
  const lo = hasMin ? asTensor(min, dtype) : x;
  const hi = hasMax ? asTensor(max, dtype) : x;
  const kernel = (v: number, l: number, h: number) => clampValue(v, hasMin ? l : -Infinity, hasMax ? h : Infinity);
  if (min instanceof Tensor || max instanceof Tensor) return clampByTensors(self, min, max, mapThree(x, lo, hi, dtype, kernel), name);
  if (dtype === bool) notImplementedFor(hasMin && hasMax ? 'clamp_scalar_cpu' : hasMin ? 'clamp_min_cpu' : 'clamp_max_cpu', bool);
  // Scalar bounds are kernel arguments in PyTorch, not operands: the output is laid out from `x` alone.
  const out = mapThree(x, lo, hi, dtype, kernel, [x]);
  const nodeName = name === 'clamp' ? 'ClampBackward1' : name === 'clamp_min' ? 'ClampMinBackward0' : 'ClampMaxBackward0';
  record(nodeName, [self], out, { self }, ([grad], saved) => {
    const s = saved.self;
    const inside = hasMin && hasMax ? s.ge(min as Scalar).logical_and(s.le(max as Scalar)) : hasMin ? s.ge(min as Scalar) : s.le(max as Scalar);
    return [where(inside, grad!, 0)];
  });
  return out;
}

/** With tensor bounds, the gradient goes to the bound that was chosen (to the max bound when min > max). */
function clampByTensors(self: Tensor, min: Bound, max: Bound, out: Tensor, name: string): Tensor {
  const lo = min instanceof Tensor ? min : null;
  const hi = max instanceof Tensor ? max : null;
  const saved: Record<string, Tensor> = { self };
  if (lo) saved['min'] = lo;
  if (hi) saved['max'] = hi;
  const nodeName = name === 'clamp' ? 'ClampBackward0' : name === 'clamp_min' ? 'ClampMinBackward1' : 'ClampMaxBackward1';
  const inputs = name === 'clamp' ? [self, lo, hi] : [self, lo ?? hi];
  record(nodeName, inputs, out, saved, ([grad], s) => {
    const g = grad!;
    const x = s['self']!;
    const low: Tensor | Scalar = s['min'] ?? (min as Scalar);
    const high: Tensor | Scalar = s['max'] ?? (max as Scalar);
    const hasMin = min !== null && min !== undefined;
    const hasMax = max !== null && max !== undefined;
    if (hasMin && hasMax) {
      const selfGrad = where(x.ge(low).logical_and(x.le(high)), g, 0);
      const minGrad = lo ? where(x.lt(low).logical_and(lo.lt(high)), g, 0) : null;
      const maxGrad = hi ? where(x.gt(high).logical_or(hi.lt(low)), g, 0) : null;
      return name === 'clamp' ? [selfGrad, minGrad, maxGrad] : [selfGrad, minGrad ?? maxGrad];
    }
    if (hasMin) return [where(x.ge(low), g, 0), where(x.lt(low), g, 0)];
    return name === 'clamp' ? [where(x.le(high), g, 0), null, where(x.gt(high), g, 0)] : [where(x.le(high), g, 0), where(x.gt(high), g, 0)];
  });
  return out;
}

/** Reads `(min, max)`, `(min)`, `({ min, max })` or `(min, { max })`. */
function bounds(min?: Bound | ClampOptions, max?: Bound | ClampOptions): [Bound, Bound] {
  if (isOptions(min)) return [(min as ClampOptions).min, (min as ClampOptions).max];
  if (isOptions(max)) return [min as Bound, (max as ClampOptions).max];
  return [min as Bound, max as Bound];
}
const isBound = (b: unknown): b is Tensor | Scalar => b instanceof Tensor || isScalar(b);

/** `torch.clamp(x, 0, 1)`, `torch.clamp(x, { min: 0 })`, `torch.clamp(x, lo, hi)` with tensor bounds. */
export function clamp(self: Tensor, min?: Bound | ClampOptions, max?: Bound | ClampOptions): Tensor {
  const [lo, hi] = bounds(min, max);
  return clampBetween(self, lo, hi, 'clamp');
}
/** `torch.clamp_min(x, 0)`: max(x, 0), nan kept. */
export function clamp_min(self: Tensor, min: Tensor | Scalar): Tensor {
  if (!isBound(min)) throw new TypeError(`clamp_min() missing required argument 'min' (pos 2)`);
  return clampBetween(self, min, null, 'clamp_min');
}
/** `torch.clamp_max(x, 1)`: min(x, 1), nan kept. */
export function clamp_max(self: Tensor, max: Tensor | Scalar): Tensor {
  if (!isBound(max)) throw new TypeError(`clamp_max() missing required argument 'max' (pos 2)`);
  return clampBetween(self, null, max, 'clamp_max');
}

const methods = {
  /** `x.clamp(0, 1)`, `x.clamp({ max: 0 })`. */
  clamp(this: Tensor, min?: Bound | ClampOptions, max?: Bound | ClampOptions): Tensor { return clamp(this, min, max); },
  clamp_(this: Tensor, min?: Bound | ClampOptions, max?: Bound | ClampOptions): Tensor {
    return inPlace(this, bounds(min, max), (s) => clamp(s, min, max));
  },
  /** `x.clip(0, 1)`: an alias of clamp. */
  clip(this: Tensor, min?: Bound | ClampOptions, max?: Bound | ClampOptions): Tensor { return clamp(this, min, max); },
  clip_(this: Tensor, min?: Bound | ClampOptions, max?: Bound | ClampOptions): Tensor {
    return inPlace(this, bounds(min, max), (s) => clamp(s, min, max));
  },
  /** `x.clamp_min(0)`. */
  clamp_min(this: Tensor, min: Tensor | Scalar): Tensor { return clamp_min(this, min); },
  clamp_min_(this: Tensor, min: Tensor | Scalar): Tensor { return inPlace(this, [min], (s) => clamp_min(s, min)); },
  /** `x.clamp_max(1)`. */
  clamp_max(this: Tensor, max: Tensor | Scalar): Tensor { return clamp_max(this, max); },
  clamp_max_(this: Tensor, max: Tensor | Scalar): Tensor { return inPlace(this, [max], (s) => clamp_max(s, max)); },
};
type ClampMethods = typeof methods;
declare module '../../core/tensor.ts' { interface Tensor extends ClampMethods {} }
addMethods(methods);

export const functions = {
  clamp, clip: clamp, clamp_min, clamp_max,
  clamp_: (input: Tensor, min?: Bound | ClampOptions, max?: Bound | ClampOptions) => input.clamp_(min, max),
  clip_: (input: Tensor, min?: Bound | ClampOptions, max?: Bound | ClampOptions) => input.clip_(min, max),
  clamp_min_: (input: Tensor, min: Tensor | Scalar) => input.clamp_min_(min),
  clamp_max_: (input: Tensor, max: Tensor | Scalar) => input.clamp_max_(max),
};
