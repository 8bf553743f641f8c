// Elementwise kernels generated from each op's declared WGSL expression, reading strided views directly (a
// broadcast dimension has stride 0), plus the copy/cast kernel behind `.contiguous()`, `.to(dtype)` and writes.
import type { DType } from '../../core/dtype.ts';
import { broadcastStrides, contiguousStrides } from '../../core/shape.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import type { DeviceClient } from './client.ts';
import { residencyOf } from './device.ts';
import { floatExpression, specialValueHelpers } from './special-values.ts';
import { convert, entry, type GpuType, gpuType, gridFor, storageBinding, stridedOffsets, Words } from './wgsl.ts';

/** An operand as a kernel reads it: a device tensor's buffer through `strides` (broadcast to the output's shape). */
export interface Operand {
  tensor: Tensor;
  strides: readonly number[];
  /** Set for a one-element operand read from the uniforms (its value in `tensor`'s dtype). */
  scalar?: number;
}


export interface ElementwiseKernel {
  /** The op's name, for labels and fallback counts. */
  name: string;
  /** The op's WGSL expression over `x` (unary) or `a`, `b` (binary). */
  wgsl: string;
  /** The dtype the expression computes in (inputs are already of it). */
  compute: DType;
  /** The expression yields a WGSL bool (comparisons, predicates) rather than a value of `compute`. */
  predicate: boolean;
}

/** Runs `kernel` over `inputs` into `out`; false when this kernel cannot run on the GPU (the op then uses the CPU). */
export function runElementwise(device: DeviceClient, kernel: ElementwiseKernel, inputs: readonly Operand[], out: Tensor): boolean {
  const computeType = gpuType(kernel.compute);
  const outType = gpuType(out.dtype);
  if (computeType === 'x64' || (inputs.length === 1 && computeType === 'u32') || outType === 'x64' || inputs.some((o) => gpuType(o.tensor.dtype) === 'x64')) return false;
  const names = inputs.length === 1 ? ['x'] : ['a', 'b'];
  const expression = computeType === 'f32' ? floatExpression(kernel.name, kernel.wgsl, inputs.length, kernel.predicate) : kernel.wgsl;
  if (expression === null) return false;
  const rank = out._shape.length;
  const buffered = inputs.map((o, k) => ({ o, name: names[k]! })).filter(({ o }) => o.scalar === undefined);
  const vector = vectorizable(buffered.map(({ o }) => o), out);
  const words = new Words();
  const countAt = words.push(vector ? out.numel() / 4 : out.numel());
  const offsetsAt = words.push(out._offset, ...buffered.map(({ o }) => o.tensor._offset));
  const scalarsAt = words.push(...inputs.map((o) => (o.scalar === undefined ? 0 : scalarBits(o.scalar, gpuType(o.tensor.dtype)))));
  const resultType: GpuType | 'bool' = kernel.predicate ? 'bool' : computeType;
  // A bool result stored from a number is normalised to 0/1 (bool + bool is logical or).
  const value = resultType === 'bool' ? `select(0u, 1u, ${expression})` : outType === 'u32' ? `select(0u, 1u, (${expression}) != 0u)` : convert(`(${expression})`, resultType, outType);
  const operandValue = (o: Operand, k: number, raw: string): string => {
    const type = gpuType(o.tensor.dtype);
    const read = o.scalar === undefined ? raw : type === 'u32' ? Words.ref(scalarsAt + k) : `bitcast<${type}>(${Words.ref(scalarsAt + k)})`;
    return `let ${names[k]} = ${convert(read, type, computeType)};`;
  };
  let body: string;
  if (vector) {
    // Note [vec4 elementwise]: each thread moves 4 contiguous elements as vec4s and computes every lane with the
    // scalar kernel's expression, so special values come out exactly as there.
    body = buffered.map(({ name }, k) => `  let v_${name} = in_${name}[(${Words.ref(offsetsAt + k + 1)} >> 2u) + i];\n`).join('');
    body += `  var result: vec4<${outType}>;\n`;
    for (let lane = 0; lane < 4; lane++) {
      body += `  {\n${inputs.map((o, k) => `    ${operandValue(o, k, `v_${names[k]}[${lane}]`)}\n`).join('')}    result[${lane}] = ${value};\n  }\n`;
    }
    body += `  out[(${Words.ref(offsetsAt)} >> 2u) + i] = result;\n}\n`;
  } else {
    const dimsAt = words.push(...out._shape);
    const stridesAt = [words.push(...out._stride), ...buffered.map(({ o }) => words.push(...o.strides))];
    const positions = ['o', ...buffered.map(({ name }) => `j_${name}`)];
    body = positions.map((name, k) => `  var ${name} = ${Words.ref(offsetsAt + k)};\n`).join('');
    body += stridedOffsets('i', rank, dimsAt, positions, stridesAt);
    inputs.forEach((o, k) => { body += `  ${operandValue(o, k, `in_${names[k]}[j_${names[k]}]`)}\n`; });
    body += `  out[o] = ${value};\n}\n`;
  }
  const binding = (index: number, name: string, type: GpuType, access: 'read' | 'read_write'): string =>
    (vector ? `@group(0) @binding(${index}) var<storage, ${access}> ${name}: array<vec4<${type}>>;\n` : storageBinding(index, name, type, access));
  const bindings = buffered.map(({ o, name }, k) => binding(k + 1, `in_${name}`, gpuType(o.tensor.dtype), 'read')).join('') +
    binding(buffered.length + 1, 'out', outType, 'read_write');
  const wgsl = words.declaration() + bindings + specialValueHelpers + entry(Words.ref(countAt)) + body;
  const operandKey = inputs.map((o) => `${o.scalar === undefined ? '' : 'scalar '}${o.tensor.dtype.name}`).join(',');
  const key = `${kernel.name}|${operandKey}->${out.dtype.name}|${vector ? 'vec4' : `rank${rank}`}|wg64`;
  if (device.compile(key, `${kernel.name} kernel`, wgsl) !== null) return false;
  const buffers = buffered.map(({ o }) => residencyOf(o.tensor.storage).deviceBuffer());
  const target = residencyOf(out.storage);
  target.deviceBuffer();
  device.launch(key, kernel.name, words.data(), [...buffers, target.buffer], gridFor(vector ? out.numel() / 4 : out.numel()), overwritten(out));
  target.written();
  return true;
}

/** `out`'s buffer when a kernel writing every element of `out` writes all of its storage (Note [Skipped clears]). */
export function overwritten(out: Tensor): number | undefined {
  return out._offset === 0 && out.numel() === out.storage.size && out.is_contiguous() ? residencyOf(out.storage).buffer : undefined;
}

/** Whether every buffered operand and `out` are contiguous, unbroadcast and 4-aligned over a multiple of 4 elements. */
function vectorizable(operands: readonly Operand[], out: Tensor): boolean {
  const count = out.numel();
  if (count === 0 || count % 4 !== 0 || out._offset % 4 !== 0 || !out.is_contiguous()) return false;
  const contiguous = contiguousStrides(out._shape);
  return operands.every((o) => o.tensor._offset % 4 === 0 && out._shape.every((size, d) => size === 1 || o.strides[d] === contiguous[d]));
}

/** A scalar's bits as the u32 word a kernel bitcasts back to `type` (x64 never gets here). */
function scalarBits(value: number, type: GpuType): number {
  if (type === 'f32') return new Uint32Array(Float32Array.of(value).buffer)[0]!;
  if (type === 'i32') return value | 0;
  return value === 0 ? 0 : 1;
}

/**
 * Copies (and casts) `source`, read through `strides` at `dst`'s shape, into `dst`'s elements. 64-bit dtypes copy
 * as word pairs without casting; any cast to or from them returns false (the CPU does it).
 */
export function runCopy(device: DeviceClient, source: Operand, dst: Tensor): boolean {
  const from = gpuType(source.tensor.dtype);
  const to = gpuType(dst.dtype);
  if ((from === 'x64' || to === 'x64') && source.tensor.dtype !== dst.dtype) return false;
  const src = residencyOf(source.tensor.storage).deviceBuffer();
  const target = residencyOf(dst.storage);
  if (src === target.buffer) {
    // A buffer cannot be read and written by one dispatch: copy the source out first.
    const staged = emptyTensor(source.tensor._shape, source.tensor.dtype, source.tensor.device);
    if (!runCopy(device, { tensor: source.tensor, strides: source.tensor._stride }, staged)) return false;
    return runCopy(device, { tensor: staged, strides: broadcastStrides(staged._shape, staged._stride, dst._shape) }, dst);
  }
  const rank = dst._shape.length;
  const words = new Words();
  const countAt = words.push(dst.numel());
  const offsetsAt = words.push(dst._offset, source.tensor._offset);
  const dimsAt = words.push(...dst._shape);
  const stridesAt = [words.push(...dst._stride), words.push(...source.strides)];
  let body = `  var o = ${Words.ref(offsetsAt)};\n  var j = ${Words.ref(offsetsAt + 1)};\n`;
  body += stridedOffsets('i', rank, dimsAt, ['o', 'j'], stridesAt);
  body += from === 'x64'
    ? '  out[2u * o] = src[2u * j];\n  out[2u * o + 1u] = src[2u * j + 1u];\n}\n'
    : `  out[o] = ${convert('src[j]', from, to)};\n}\n`;
  const wgsl = words.declaration() + storageBinding(1, 'src', from, 'read') + storageBinding(2, 'out', to, 'read_write') +
    entry(Words.ref(countAt)) + body;
  const key = `copy|${source.tensor.dtype.name}->${dst.dtype.name}|rank${rank}|wg64`;
  if (device.compile(key, 'copy kernel', wgsl) !== null) return false;
  target.deviceBuffer();
  device.launch(key, 'copy', words.data(), [src, target.buffer], gridFor(dst.numel()), overwritten(dst));
  target.written();
  return true;
}
