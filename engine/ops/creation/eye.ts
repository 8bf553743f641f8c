// `torch.eye`: the identity matrix.
import { get_default_dtype, toDType } from '../../core/dtype.ts';
import { toDevice } from '../../core/device.ts';
import { RuntimeError } from '../../core/errors.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { splitOptions } from '../args.ts';
import { pythonTypeName } from './tensor-data.ts';
import type { TensorOptions } from './tensor.ts';

function size(value: unknown, name: string, position: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(`eye(): argument '${name}' (position ${position}) must be int, not ${pythonTypeName(value)}`);
  }
  if (value < 0) throw new RuntimeError(`${name} must be greater or equal to 0, got ${value}`);
  return value;
}

/** `torch.eye(3)`, `torch.eye(2, 3, { dtype: torch.int64 })`: ones on the diagonal, zeros elsewhere. */
export function eye(...args: (number | TensorOptions & { n?: number; m?: number })[]): Tensor {
  const [positional, options] = splitOptions<TensorOptions & { n?: number; m?: number }>(args);
  const n = size(positional[0] ?? options.n, 'n', 1);
  const m = positional[1] ?? options.m;
  const columns = m === undefined || m === null ? n : size(m, 'm', 2);
  const dtype = options.dtype ? toDType(options.dtype) : get_default_dtype();
  const out = emptyTensor([n, columns], dtype, options.device ? toDevice(options.device) : undefined);
  for (let i = 0; i < Math.min(n, columns); i++) out.storage.data[i * columns + i] = 1;
  if (options.requires_grad) out._factoryRequiresGrad();
  return out;
}

export const functions = { eye };
