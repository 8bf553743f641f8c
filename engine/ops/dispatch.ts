// The one dispatcher between the user API and the kernels (PyTorch's TensorIterator idea): it promotes dtypes,
// broadcasts operands (broadcast dimensions at stride 0), allocates outputs and runs in-place variants. Op files
// declare ops through `unaryOp` / `binaryOp` here, which also registers them for the table-driven tests.
import type { StridedView, Store } from '../backend/cpu/kernels.ts';
import { copyStrided, mapBinary, mapUnary } from '../backend/cpu/kernels.ts';
import { type BinaryKernel, type KernelDType, type UnaryKernel, wasmBinary, wasmUnary } from '../backend/wasm/index.ts';
import { record, needsGrad } from '../autograd/record.ts';
import { checkSameDevice, gpuCopy, gpuElementwise } from '../backend/webgpu/index.ts';
import { bool, category, type DType, float32, type TypedArray, get_default_dtype, int32, int64, promoteTypes } from '../core/dtype.ts';
import { RuntimeError } from '../core/errors.ts';
import { is_grad_enabled } from '../core/grad-mode.ts';
import { isScalar, type Scalar, scalarKind, scalarValue } from '../core/scalar.ts';
import { broadcastShapes, broadcastStrides } from '../core/shape.ts';
import { emptyTensor, Tensor, viewRebaseError } from '../core/tensor.ts';
import { elementwiseOutput, emptyLike, inOrder, isNonOverlappingAndDense, walkOrder } from './layout.ts';
import { checkOverlap, ELEMENTWISE, type OverlapChecks } from './overlap.ts';

export type TensorOrScalar = Tensor | Scalar;

/** Kernels see tensors as strided views, optionally read as if broadcast to `shape`. */
export function viewOf(t: Tensor, shape?: readonly number[]): StridedView {
  if (!shape) return { data: t.storage.data, shape: t._shape, strides: t._stride, offset: t._offset };
  return { data: t.storage.data, shape, strides: broadcastStrides(t._shape, t._stride, shape), offset: t._offset };
}

/** The store function a kernel needs to write `dtype` correctly from a JavaScript number. */
export function storeFor(dtype: DType): Store | undefined {
  return dtype.name === 'bool' || dtype.name === 'int64' ? (v) => dtype.cast(v) : undefined;
}

/**
 * The store for converting `from` values into `to` storage. Floats become int32 as x86's cvttss2si/cvttsd2si make
 * them: NaN and values beyond int32's range give INT_MIN (a typed array would wrap them instead).
 */
export function convertStore(from: DType, to: DType): Store | undefined {
  if (to === int32 && from.is_floating_point) return (v) => (v >= -(2 ** 31) && v < 2 ** 31 ? v | 0 : -(2 ** 31));
  return storeFor(to) ?? (to === float32 ? Math.fround : undefined);
}

/** A 0-dim tensor holding a scalar, marked as a wrapped number for type promotion. */
export function scalarTensor(value: number, dtype: DType): Tensor {
  const t = emptyTensor([], dtype);
  t.storage.data[0] = dtype.cast(value);
  return t;
}

function scalarDType(value: Scalar): DType {
  const kind = scalarKind(value);
  return kind === 'bool' ? bool : kind === 'int' ? int64 : get_default_dtype();
}

/** PyTorch's result_type over tensors and Python scalars: dimensioned tensors > 0-dim tensors > scalars, by category. */
export function resultType(...operands: readonly TensorOrScalar[]): DType {
  let dimResult: DType | null = null;
  let zeroResult: DType | null = null;
  let scalarResult: DType | null = null;
  const merge = (a: DType | null, b: DType) => (a === null ? b : promoteTypes(a, b));
  for (const o of operands) {
    if (o instanceof Tensor) {
      if (o._shape.length > 0) dimResult = merge(dimResult, o.dtype);
      else zeroResult = merge(zeroResult, o.dtype);
    } else {
      scalarResult = merge(scalarResult, scalarDType(o));
    }
  }
  const combine = (higher: DType | null, lower: DType | null): DType | null => {
    if (higher === null) return lower;
    if (lower === null) return higher;
    if (higher.is_floating_point) return higher;
    if (higher === bool || category(lower) === 2) return promoteTypes(higher, lower);
    return higher;
  };
  return combine(dimResult, combine(zeroResult, scalarResult)) ?? float32;
}

/** Converts an operand to a tensor of `dtype` (scalars become 0-dim tensors; tensors are cast if needed). */
export function asTensor(value: TensorOrScalar, dtype: DType): Tensor {
  if (value instanceof Tensor) return value.dtype === dtype ? value : castTensor(value, dtype);
  if (!isScalar(value)) throw new TypeError(`expected Tensor or Number, but got ${describe(value)}`);
  return scalarTensor(scalarValue(value), dtype);
}

/** Tensors on the webgpu device run through its kernels (engine/backend/webgpu), falling back per op to the CPU. */
const onDevice = (t: Tensor): boolean => t.storage.device.type === 'webgpu';

function describe(value: unknown): string {
  if (value === null) return 'NoneType';
  if (Array.isArray(value)) return 'list';
  return typeof value;
}

/** A copy of `t` converted to `dtype`, laid out as `.to()` lays it out (no autograd; the `to` op records it). */
export function castTensor(t: Tensor, dtype: DType): Tensor {
  const out = emptyLike(t, dtype);
  if (onDevice(out) && gpuCopy({ tensor: t, strides: t._stride }, out)) return out;
  if (dtype === t.dtype) copyDense(out, t);
  else copyStrided(viewOf(out), viewOf(t), convertStore(t.dtype, dtype));
  return out;
}

/**
 * Copies `src` into `out`, a new dense tensor of the same shape and dtype (clone, contiguous, a cast to the same
 * dtype): on the CPU through the fast kernels' gather, which writes `out` in its memory order; else element by element.
 */
export function copyDense(out: Tensor, src: Tensor): void {
  const fastDType = !onDevice(src) && !onDevice(out) ? kernelDType(out.dtype) : null;
  if (fastDType && wasmUnary('copy', fastDType, out.storage.data, inOrder(viewOf(src), walkOrder(out._stride)))) return;
  copyStrided(viewOf(out), viewOf(src));
}

/** PyTorch's canCast: no float -> integral, no non-bool -> bool. */
export function canCast(from: DType, to: DType): boolean {
  if (from.is_floating_point && !to.is_floating_point) return false;
  if (from !== bool && to === bool) return false;
  return true;
}

/** The dtypes the WebAssembly kernels compute in; bool stays on the reference kernels. */
export function kernelDType(dtype: DType): KernelDType | null {
  return dtype.name === 'bool' ? null : dtype.name;
}

export interface UnarySpec {
  name: string;
  /** PyTorch's node name, e.g. `ExpBackward0`; omitted for ops that are not differentiable. */
  grad_fn?: string;
  /** The output dtype: `same` as the input, `float` (integers promote to the default float), or `bool`. */
  dtype: 'same' | 'float' | 'bool';
  cpu: (x: number) => number;
  /** A float32 kernel where PyTorch's float arithmetic rounds or overflows on the way (sigmoid's e^-x). */
  cpuFloat32?: (x: number) => number;
  /** The WGSL expression computing the result from `x`. */
  wgsl: string;
  /** The WebAssembly SIMD kernel computing `cpu` (and `cpuFloat32`) on float tensors, where one exists. */
  wasm?: UnaryKernel;
  /** d(out)/d(in) times grad, written with engine ops; `result` is the op's output. */
  backward?: (grad: Tensor, self: Tensor, result: Tensor) => Tensor;
  /** Inputs the op's derivative needs; saves only these (PyTorch saves e.g. `result` for exp, `self` for sin). */
  saves?: readonly ('self' | 'result')[];
  /** Input range for the generated tests (e.g. positive for log). */
  domain?: readonly [number, number];
}

export interface BinarySpec {
  name: string;
  grad_fn?: string;
  /** `promote`: result_type of the operands; `float`: promoted, then at least the default float; `bool`: comparisons. */
  dtype: 'promote' | 'float' | 'bool';
  cpu: (a: number, b: number) => number;
  /** Integer dtypes may need their own kernel (floor division, integer power). */
  cpuIntegral?: (a: number, b: number) => number;
  /** The int32 computation where it is not the integral one rounded to 32 bits (a wrapping product). */
  cpuInt32?: (a: number, b: number) => number;
  wgsl: string;
  /** The WebAssembly SIMD kernel computing `cpu` on float tensors, where one exists. */
  wasm?: BinaryKernel;
  backward?: (grad: Tensor, self: Tensor, other: Tensor, result: Tensor) => [Tensor | null, Tensor | null];
  saves?: readonly ('self' | 'other' | 'result')[];
  domain?: readonly [number, number];
  /** Validates operands before computing (e.g. integer division by zero). */
  check?: (self: Tensor, other: Tensor, computeDtype: DType) => void;
  /** PyTorch takes no Python scalar operand here (maximum, atan2): its torch function raises TypeError for one. */
  tensorsOnly?: boolean;
}

export interface OpInfo { kind: 'unary' | 'binary'; spec: UnarySpec | BinarySpec }
/** Every op declared through this dispatcher, for the table-driven tests. */
export const opRegistry = new Map<string, OpInfo>();

/**
 * Note [Writing in place]: an in-place op without autograd (nothing requires grad, or grad mode is off) writes its
 * result straight into `self`, as PyTorch's kernels do, instead of computing a new tensor and copying it over. Only
 * ops declared here have such a variant (an op composed of several kernels would overwrite an input it still
 * reads), and only when the result has `self`'s dtype, shape and device and `self` fills a block of its storage
 * (non-overlapping and dense, any offset): the kernels then write that block in `self`'s memory order. Everything
 * else (a cast, a broadcast `self`, a strided slice, autograd) takes inPlace's general path. Inputs that alias
 * `self` are safe: each element is read before it is written, and checkOverlap has refused partial overlaps.
 */
type IntoVariant = (dest: Tensor, args: readonly (TensorOrScalar | undefined)[], direct: boolean) => Tensor | null;
const intoVariants = new WeakMap<object, IntoVariant>();

/** Whether an op may write a result of `shape` and `dtype` over `operands` straight into `dest` (Note [Writing in place]). */
function directTarget(dest: Tensor, shape: readonly number[], dtype: DType, operands: readonly Tensor[]): boolean {
  if (dest.dtype !== dtype || dest.device.type !== 'cpu' || operands.some((t) => t.device.type !== 'cpu')) return false;
  if (dest._shape.length !== shape.length || dest._shape.some((d, i) => d !== shape[i])) return false;
  if (needsGrad(operands) || dest.numel() === 0) return false;
  return isNonOverlappingAndDense(dest._shape, dest._stride);
}

/** The block of storage a non-overlapping, dense tensor fills, in memory order. */
function denseBlock(t: Tensor): TypedArray {
  const data = t.storage.data;
  return t._offset === 0 && t.numel() === data.length ? data : data.subarray(t._offset, t._offset + t.numel());
}

/**
 * For inPlace's `into` argument: `op(before, ...rest)` written straight into the in-place op's tensor, where `op`
 * was declared by unaryOp/binaryOp (Note [Writing in place]); undefined for any other function.
 */
export function writing(op: object, ...rest: TensorOrScalar[]): InPlaceInto | undefined {
  const variant = intoVariants.get(op);
  return variant && ((before, dest, direct) => variant(dest, [before, ...rest], direct));
}

/** Gives `wrapper` (a checking front of `op` with the same arguments) `op`'s in-place form. */
export function sharesInPlaceForm<F extends object>(wrapper: F, op: object): F {
  const variant = intoVariants.get(op);
  if (variant) intoVariants.set(wrapper, variant);
  return wrapper;
}

/**
 * An op's in-place form as inPlace runs it: it checks what TensorIterator checks of an output before the kernel runs
 * (the broadcast shape, then whether the result type casts to `dest`'s), then, when `direct`, writes the result
 * straight into `dest` and returns it (Note [Writing in place]); null when the general path should compute it.
 */
export type InPlaceInto = (before: Tensor, dest: Tensor, direct: boolean) => Tensor | null;

/** The broadcast and cast checks of an in-place op's output, in PyTorch's order and words. */
function checkOutput(dest: Tensor, shape: readonly number[], dtype: DType): void {
  const broadcast = broadcastShapes(dest._shape, shape);
  if (broadcast.length !== dest._shape.length || broadcast.some((d, i) => d !== dest._shape[i])) {
    throw new RuntimeError(`output with shape [${dest._shape.join(', ')}] doesn't match the broadcast shape [${broadcast.join(', ')}]`);
  }
  if (!canCast(dtype, dest.dtype)) {
    throw new RuntimeError(`result type ${dtype.scalarName} can't be cast to the desired output type ${dest.dtype.scalarName}`);
  }
}

function unaryOutputDType(spec: UnarySpec, input: DType): DType {
  if (spec.dtype === 'bool') return bool;
  if (spec.dtype === 'float' && !input.is_floating_point) return get_default_dtype();
  return input;
}

/** Declares an elementwise unary op; returns its out-of-place function. */
export function unaryOp(spec: UnarySpec): (self: Tensor) => Tensor {
  opRegistry.set(spec.name, { kind: 'unary', spec });
  const run = (self: Tensor, dest?: Tensor, direct = false): Tensor | null => {
    const dtype = unaryOutputDType(spec, self.dtype);
    if (dest) checkOutput(dest, self._shape, dtype);
    const target = dest && direct && directTarget(dest, self._shape, dtype, [self]) ? dest : null;
    if (dest && !target) return null;
    const input = spec.dtype === 'float' && self.dtype !== dtype ? castTensor(self, dtype) : self;
    const { out, order } = target ? { out: target, order: walkOrder(target._stride) } : elementwiseOutput(self._shape, dtype, self.device, [input]);
    const kernel = { name: spec.name, wgsl: spec.wgsl, compute: input.dtype, predicate: spec.dtype === 'bool' };
    if (!onDevice(out) || !gpuElementwise(kernel, [{ tensor: input, strides: input._stride }], out)) {
      const fn = dtype === float32 && spec.cpuFloat32 ? spec.cpuFloat32 : spec.cpu;
      const view = inOrder(viewOf(input), order);
      const fastDType = kernelDType(dtype);
      const data = target ? denseBlock(target) : out.storage.data;
      if (!(spec.wasm && fastDType && wasmUnary(spec.wasm, fastDType, data, view))) mapUnary(data, view, fn, storeFor(dtype));
    }
    if (target) return target;
    const backward = spec.backward;
    if (backward && spec.grad_fn) {
      const saves = spec.saves ?? ['self'];
      const saved: Record<string, Tensor> = {};
      if (saves.includes('self')) saved['self'] = self;
      if (saves.includes('result')) saved['result'] = out;
      record(spec.grad_fn, [self], out, saved, ([grad], s) => [backward(grad!, s['self']!, s['result']!)]);
    }
    return out;
  };
  const op = (self: Tensor): Tensor => run(self)!;
  intoVariants.set(op, (dest, [self], direct) => run(self as Tensor, dest, direct));
  return op;
}

/** Declares an elementwise binary op with broadcasting and promotion; returns its out-of-place function. */
export function binaryOp(spec: BinarySpec): (self: TensorOrScalar, other: TensorOrScalar) => Tensor {
  opRegistry.set(spec.name, { kind: 'binary', spec });
  const run = (selfArg: TensorOrScalar, otherArg: TensorOrScalar, dest?: Tensor, direct = false): Tensor | null => {
    let compute = resultType(selfArg, otherArg);
    if (spec.dtype === 'float' && !compute.is_floating_point) compute = get_default_dtype();
    const self = asTensor(selfArg, compute);
    const other = asTensor(otherArg, compute);
    const shape = broadcastShapes(self._shape, other._shape);
    const outDType = spec.dtype === 'bool' ? bool : compute;
    // An in-place form checks its output before the kernel's own checks, as TensorIterator does.
    if (dest) checkOutput(dest, shape, outDType);
    spec.check?.(self, other, compute);
    const device = onDevice(self) || onDevice(other) ? (onDevice(self) ? self : other).device : self.device;
    if (device.type === 'webgpu') checkSameDevice([self, other]);
    const target = dest && direct && directTarget(dest, shape, outDType, [self, other]) ? dest : null;
    if (dest && !target) return null;
    const { out, order } = target ? { out: target, order: walkOrder(target._stride) } : elementwiseOutput(shape, outDType, device, [self, other]);
    const kernel = { name: spec.name, wgsl: spec.wgsl, compute, predicate: spec.dtype === 'bool' };
    const operands = [self, other].map((t) => ({ tensor: t, strides: broadcastStrides(t._shape, t._stride, shape) }));
    if (!onDevice(out) || !gpuElementwise(kernel, operands, out)) {
      const fn = compute === int32 && spec.cpuInt32 ? spec.cpuInt32 : !compute.is_floating_point && spec.cpuIntegral ? spec.cpuIntegral : spec.cpu;
      const [a, b] = [inOrder(viewOf(self, shape), order), inOrder(viewOf(other, shape), order)];
      const fastDType = outDType === compute ? kernelDType(compute) : null;
      const data = target ? denseBlock(target) : out.storage.data;
      if (!(spec.wasm && fastDType && wasmBinary(spec.wasm, fastDType, data, a, b))) mapBinary(data, a, b, fn, storeFor(outDType));
    }
    if (target) return target;
    const backward = spec.backward;
    if (backward && spec.grad_fn) {
      const saves = spec.saves ?? ['self', 'other'];
      const saved: Record<string, Tensor> = {};
      if (saves.includes('self')) saved['self'] = self;
      if (saves.includes('other')) saved['other'] = other;
      if (saves.includes('result')) saved['result'] = out;
      // The graph's edges go to the caller's tensors even when they were cast for computing (PyTorch's engine
      // casts the gradients back to each input's dtype).
      const inputs = [selfArg instanceof Tensor ? selfArg : null, otherArg instanceof Tensor ? otherArg : null];
      record(spec.grad_fn, inputs, out, saved, ([grad], s) => backward(grad!, s['self']!, s['other']!, s['result']!));
    }
    return out;
  };
  const op = (self: TensorOrScalar, other: TensorOrScalar): Tensor => run(self, other)!;
  intoVariants.set(op, (dest, [self, other], direct) => run(self!, other!, dest, direct));
  return op;
}

/**
 * Runs an in-place op as PyTorch does: compute the out-of-place result, check it can be cast to `self`'s dtype,
 * write it into `self`'s storage (visible through every view), bump the version counter, and move `self`'s
 * autograd history onto the new node. `compute` receives the value of `self` before the write.
 */
export function inPlace(
  self: Tensor, others: readonly (TensorOrScalar | null | undefined)[], compute: (before: Tensor) => Tensor,
  overlap: OverlapChecks = ELEMENTWISE, into?: InPlaceInto,
): Tensor {
  const tensors = others.filter((o): o is Tensor => o instanceof Tensor);
  const grad = needsGrad([self, ...tensors]);
  if (grad && self._base && self._creationMeta !== 'default') throw viewRebaseError(self, false);
  if (is_grad_enabled() && self.requires_grad && self.is_leaf) {
    throw new RuntimeError('a leaf Variable that requires grad is being used in an in-place operation.');
  }
  if (is_grad_enabled() && self._base && self._base.is_leaf && self._base.requires_grad) {
    throw new RuntimeError('a view of a leaf Variable that requires grad is being used in an in-place operation.');
  }
  checkOverlap(self, tensors, overlap);
  // An op with an in-place form checks self as its output first; without autograd it may write straight into self
  // (Note [Writing in place]), else the general path below computes the result and writes it over self.
  if (into?.(self, self, !grad) === self) {
    self.storage.version++;
    return self;
  }
  // With autograd, the op reads a private snapshot with self's history, so tensors it saves keep their values.
  const before = grad ? snapshot(self) : self;
  const result = compute(before);
  const shape = broadcastShapes(self._shape, result._shape);
  if (shape.length !== self._shape.length || shape.some((d, i) => d !== self._shape[i])) {
    throw new RuntimeError(`output with shape [${self._shape.join(', ')}] doesn't match the broadcast shape [${shape.join(', ')}]`);
  }
  if (!canCast(result.dtype, self.dtype)) {
    throw new RuntimeError(`result type ${result.dtype.scalarName} can't be cast to the desired output type ${self.dtype.scalarName}`);
  }
  writeInto(self, result);
  if (grad && result.grad_fn) {
    self.grad_fn = result.grad_fn;
    self.output_nr = result.output_nr;
    result.grad_fn.outputIds.push(self.id);
    // The node saved the temporary result; like PyTorch it must hold `self` itself, so that a later in-place
    // write to `self` is caught by the version counter.
    for (const saved of Object.values(result.grad_fn.saved)) if (saved.isOutput && saved.peek() === result) saved.rebind(self);
    inPlaceHooks.onViewModified(self);
  }
  return self;
}

/** Rebases a modified view's base onto the new history (CopySlices); installed by the autograd view module. */
export const inPlaceHooks: { onViewModified: (view: Tensor) => void } = { onViewModified: () => {} };

function snapshot(self: Tensor): Tensor {
  const copy = castTensor(self, self.dtype);
  copy.grad_fn = self.grad_fn;
  copy.output_nr = self.output_nr;
  copy._requiresGrad = self._requiresGrad;
  return copy;
}

/** Writes `value` (broadcast and cast) into `self`'s memory and bumps the storage's version. */
export function writeInto(self: Tensor, value: Tensor): void {
  const strides = broadcastStrides(value._shape, value._stride, self._shape);
  if (!onDevice(self) || !gpuCopy({ tensor: value, strides }, self)) copyStrided(viewOf(self), viewOf(value, self._shape), storeFor(self.dtype));
  self.storage.version++;
}
