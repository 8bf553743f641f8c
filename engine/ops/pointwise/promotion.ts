// Type promotion as functions: `torch.result_type`, `torch.promote_types`, `torch.can_cast`. The rules themselves
// live in core/dtype.ts (promoteTypes) and ops/dispatch.ts (resultType, canCast), which every op goes through.
import { type DType, promoteTypes, toDType } from '../../core/dtype.ts';
import { canCast, resultType, type TensorOrScalar } from '../dispatch.ts';

/** `torch.result_type(torch.tensor([1, 2]), 2.5)`: the dtype an op over these operands computes in (torch.float32). */
export function result_type(tensor: TensorOrScalar, other: TensorOrScalar): DType { return resultType(tensor, other); }

/** `torch.promote_types(torch.int32, torch.float64)`: the smallest dtype holding both (torch.float64). */
export function promote_types(type1: DType, type2: DType): DType { return promoteTypes(toDType(type1), toDType(type2)); }

/** `torch.can_cast(torch.float32, torch.int32)`: whether an op may write `from` results into `to` (false). */
export function can_cast(from: DType, to: DType): boolean { return canCast(toDType(from), toDType(to)); }

export const functions = { result_type, promote_types, can_cast };
