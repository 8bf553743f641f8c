// What the pointwise op files share: PyTorch's argument and dtype errors, the three-operand elementwise path
// (where, clamp with tensor bounds, lerp, addcmul), and installing unary ops as methods with in-place twins.
import { mapTernary } from '../../backend/cpu/kernels.ts';
import type { DType } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { isPyFloat } from '../../core/scalar.ts';
import { broadcastShapes } from '../../core/shape.ts';
import { Tensor } from '../../core/tensor.ts';
import { inPlace, storeFor, viewOf, writing } from '../dispatch.ts';
import { ELEMENTWISE } from '../overlap.ts';
import { commonDevice, elementwiseOutput, inOrder } from '../layout.ts';
import { addMethods } from '../methods.ts';

/** Python's name for a value's type, as argument errors print it. */
export function pythonType(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (isPyFloat(value)) return 'float';
  if (typeof value === 'string') return 'str';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Tensor) return 'Tensor';
  return typeof value;
}

/** The TypeError Python's argument parser raises for a non-tensor where only a tensor fits. */
export function requireTensor(value: unknown, op: string, name: string, position: number): asserts value is Tensor {
  if (!(value instanceof Tensor)) {
    throw new TypeError(`${op}(): argument '${name}' (position ${position}) must be Tensor, not ${pythonType(value)}`);
  }
}

/** The error a kernel raises for a dtype it was not compiled for: `"abs_cpu" not implemented for 'Bool'`. */
export function notImplementedFor(kernel: string, dtype: DType): never {
  throw new RuntimeError(`"${kernel}" not implemented for '${dtype.scalarName}'`);
}

/** Broadcasts three tensors (already of their compute dtype) and maps `fn` over them into a new tensor. */
export function mapThree(
  a: Tensor, b: Tensor, c: Tensor, outDType: DType, fn: (a: number, b: number, c: number) => number,
  layoutFrom: readonly Tensor[] = [a, b, c],
): Tensor {
  const shape = broadcastShapes(broadcastShapes(a._shape, b._shape), c._shape);
  const { out, order } = elementwiseOutput(shape, outDType, commonDevice([a, b, c]), layoutFrom);
  const view = (t: Tensor) => inOrder(viewOf(t, shape), order);
  mapTernary(out.storage.data, view(a), view(b), view(c), fn, storeFor(outDType));
  return out;
}

export type UnaryFunction = (self: Tensor) => Tensor;
/** `x.exp()` and its in-place twin `x.exp_()` for every name in K. */
export type UnaryMethods<K extends string> = { [P in K | `${K}_`]: (this: Tensor) => Tensor };

/**
 * Installs unary ops as methods with in-place twins (`x.exp()`, `x.exp_()`) and returns their torch-level
 * functions (`torch.exp`, `torch.exp_`).
 */
export function installUnary<K extends string>(ops: Record<K, UnaryFunction>): Record<K | `${K}_`, UnaryFunction> {
  const methods: Record<string, (this: Tensor) => Tensor> = {};
  const functions: Record<string, UnaryFunction> = {};
  for (const [name, op] of Object.entries(ops) as [string, UnaryFunction][]) {
    methods[name] = function (this: Tensor) { return op(this); };
    // One-kernel ops write straight into the tensor when autograd is not involved (Note [Writing in place]).
    const into = writing(op);
    methods[`${name}_`] = function (this: Tensor) { return inPlace(this, [], (s) => op(s), ELEMENTWISE, into); };
    functions[name] = (input: Tensor) => op(input);
    functions[`${name}_`] = (input: Tensor) => inPlace(input, [], (s) => op(s), ELEMENTWISE, into);
  }
  addMethods(methods);
  return functions as Record<K | `${K}_`, UnaryFunction>;
}
