// How Python names the type of an argument, for PyTorch's "invalid combination of arguments" TypeErrors.
import { DType } from '../../core/dtype.ts';
import { isScalar, scalarKind } from '../../core/scalar.ts';
import { Tensor } from '../../core/tensor.ts';

export function pythonTypeName(value: unknown): string {
  if (value instanceof Tensor) return 'Tensor';
  if (value instanceof DType) return 'torch.dtype';
  if (value === null || value === undefined) return 'NoneType';
  if (isScalar(value)) return scalarKind(value);
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}
