// `torch.linspace`: `steps` evenly spaced values from start to end, both included.
import { get_default_dtype, toDType } from '../../core/dtype.ts';
import { toDevice } from '../../core/device.ts';
import { RuntimeError } from '../../core/errors.ts';
import { isScalar, type Scalar, scalarValue } from '../../core/scalar.ts';
import { emptyTensor, Tensor } from '../../core/tensor.ts';
import { fma, fmaf } from '../../random/fma.ts';
import { splitOptions } from '../args.ts';
import { pythonTypeName } from './tensor-data.ts';
import { vectorizedSequence } from './sequence.ts';
import type { TensorOptions } from './tensor.ts';

const f = Math.fround;

function number(value: unknown, name: string, position: number): number {
  if (value instanceof Tensor && value.numel() === 1) return Number(value.item());
  if (!isScalar(value)) throw new TypeError(`linspace(): argument '${name}' (position ${position}) must be Number, not ${pythonTypeName(value)}`);
  return scalarValue(value);
}

/**
 * `torch.linspace(0, 1, 5)`: PyTorch's symmetric formula. The first half counts up from start, the second half
 * counts down from end, so both ends are exact; floats are computed in their own precision with fused
 * multiply-adds (Note [Vectorized sequences]).
 */
export function linspace(...args: (Scalar | Tensor | number | (TensorOptions & { steps?: number }))[]): Tensor {
  const [positional, options] = splitOptions<TensorOptions & { start?: Scalar; end?: Scalar; steps?: number }>(args);
  const steps = positional[2] ?? options.steps;
  if (steps === undefined) throw new TypeError('linspace() missing 1 required positional arguments: "steps"');
  if (typeof steps !== 'number' || !Number.isInteger(steps)) {
    throw new TypeError(`linspace(): argument 'steps' (position 3) must be int, not ${pythonTypeName(steps)}`);
  }
  const startValue = number(positional[0] ?? options.start, 'start', 1);
  const endValue = number(positional[1] ?? options.end, 'end', 2);
  const dtype = options.dtype ? toDType(options.dtype) : get_default_dtype();
  if (steps < 0) throw new RuntimeError('number of steps must be non-negative');
  const out = emptyTensor([steps], dtype, options.device ? toDevice(options.device) : undefined);
  const data = out.storage.data;
  if (steps === 1) {
    data[0] = dtype.cast(startValue);
  } else if (steps > 1) {
    if (dtype.name === 'bool') throw new RuntimeError('"linspace_cpu" not implemented for \'Bool\'');
    const half = Math.floor(steps / 2);
    let at: (i: number) => number;
    let lane: (i0: number, k: number) => number;
    if (dtype.name === 'float32') {
      const [start, end] = [f(startValue), f(endValue)];
      const step = f(f(end - start) / f(steps - 1));
      at = (i) => (i < half ? fmaf(step, f(i), start) : fmaf(-step, f(steps - i - 1), end));
      lane = (i0, k) => f(at(i0) + f(k * step));
    } else if (dtype.name === 'float64') {
      const step = (endValue - startValue) / (steps - 1);
      at = (i) => (i < half ? fma(step, i, startValue) : fma(-step, steps - i - 1, endValue));
      lane = (i0, k) => at(i0) + k * step;
    } else {
      // Integer dtypes step in double from truncated ends; each value truncates again.
      const [start, end] = [Math.trunc(startValue), Math.trunc(endValue)];
      const step = (end - start) / (steps - 1);
      at = (i) => (i < half ? fma(step, i, start) : fma(-step, steps - i - 1, end));
      lane = (i0, k) => dtype.cast(at(i0)) + k * step;
    }
    data.set(vectorizedSequence(steps, dtype, at, lane));
  }
  if (options.requires_grad) out._factoryRequiresGrad();
  return out;
}

export const functions = { linspace };
