// Data-movement kernels for indexing and joins: an indexed move (gather, index_select, take, advanced indexing,
// index_put, masked_select), a deterministic scatter over host-made groups (scatter, scatter_add, index_add) and a
// three-way select (where, masked_fill, tril/triu). They move u32 words, so one kernel serves every dtype of a
// storage width; only the scatter's reductions compute.
//
// Note [Indices on the device]: index tensors are int64, stored as the bits of doubles (Note [int64 storage]);
// kernels decode those bits (`index_x64`, exact for |i| < 2^31, every index a tensor can have here) or read an
// int32 index as is. The bounds checks need the index values, and PyTorch raises its IndexError/RuntimeError before
// writing anything, so the ops check on the host from `storage.values` first: a host index costs nothing, and a
// device-computed index is read back once (its host copy then stays valid, so using it again costs no transfer).
// Having the values, the host also groups a scatter's sources by target. Kernels still skip an index outside its
// dimension, so a bad index can never touch memory outside the tensor.
import { Device } from '../../core/device.ts';
import type { DType } from '../../core/dtype.ts';
import { Storage } from '../../core/storage.ts';
import { Tensor } from '../../core/tensor.ts';
import type { DeviceClient } from './client.ts';
import { requireGpu, residencyOf } from './device.ts';
import { entry, type GpuType, gpuType, gridFor, storageBinding, stridedOffsets, Words } from './wgsl.ts';

/** Decodes a double's bits (an int64 element) to an i32; the host has checked the value is an index. */
const indexDecoder = `fn index_x64(lo: u32, hi: u32) -> i32 {
  let e = i32((hi >> 20u) & 0x7ffu) - 1023;
  if (e < 0) { return 0; }
  let m = (hi & 0xfffffu) | 0x100000u;
  var v = 0u;
  if (e <= 20) { v = m >> u32(20 - e); } else { v = (m << u32(e - 20)) | (lo >> u32(52 - e)); }
  return select(i32(v), -i32(v), (hi & 0x80000000u) != 0u);
}
`;

const wordsPer = (dtype: DType): number => (gpuType(dtype) === 'x64' ? 2 : 1);

/** The WGSL reading element `position` of the index buffer `name` as an i32. */
function readIndex(name: string, dtype: DType, position: string): string {
  return gpuType(dtype) === 'x64' ? `index_x64(${name}[2u * (${position})], ${name}[2u * (${position}) + 1u])` : `bitcast<i32>(${name}[${position}])`;
}

const isIndexType = (dtype: DType): boolean => dtype.name === 'int64' || dtype.name === 'int32';

/** Index values read through `strides` (one per thread dimension); each picks `stride * value` in the data. */
export interface IndexOperand { tensor: Tensor; strides: readonly number[]; stride: number; size: number }

/** One side of a move: a device tensor's buffer from `offset` through `strides` (one per thread dimension). */
export interface MoveSide { tensor: Tensor; offset: number; strides: readonly number[]; index?: IndexOperand }

/**
 * Moves elements over the thread space `shape`: dst[dstPos] = src[srcPos], each position its side's offset plus
 * the coordinates times its strides, plus `stride * index` where that side has an index (a negative index counts
 * from `size`). Both sides have the same dtype. Writes from two threads to one element must not happen (callers
 * remove repeated destinations first).
 */
export function runMove(device: DeviceClient, label: string, shape: readonly number[], dst: MoveSide, src: MoveSide): boolean {
  const dtype = dst.tensor.dtype;
  if (src.tensor.dtype !== dtype || [dst.index, src.index].some((x) => x && !isIndexType(x.tensor.dtype))) return false;
  const count = shape.reduce((a, b) => a * b, 1);
  if (count === 0) return true;
  const words = new Words();
  const countAt = words.push(count);
  const dimsAt = words.push(...shape);
  const sides = [{ side: dst, name: 'o', buffer: 'dst' }, { side: src, name: 'j', buffer: 'src' }];
  const names: string[] = [];
  const stridesAt: number[] = [];
  let body = '';
  let helpers = '';
  const bindings: string[] = [];
  for (const { side, name } of sides) {
    body += `  var ${name} = ${Words.ref(words.push(side.offset))};\n`;
    names.push(name);
    stridesAt.push(words.push(...side.strides));
    if (side.index) {
      body += `  var k_${name} = ${Words.ref(words.push(side.index.tensor._offset))};\n`;
      names.push(`k_${name}`);
      stridesAt.push(words.push(...side.index.strides));
    }
  }
  body += stridedOffsets('i', shape.length, dimsAt, names, stridesAt);
  for (const { side, name, buffer } of sides) {
    if (!side.index) continue;
    const sizeAt = words.push(side.index.size);
    const strideAt = words.push(side.index.stride);
    body += `  var at_${name} = ${readIndex(`index_${buffer}`, side.index.tensor.dtype, `k_${name}`)};
  if (at_${name} < 0) { at_${name} += i32(${Words.ref(sizeAt)}); }
  if (at_${name} < 0 || at_${name} >= i32(${Words.ref(sizeAt)})) { return; }
  ${name} += u32(at_${name}) * ${Words.ref(strideAt)};\n`;
    if (gpuType(side.index.tensor.dtype) === 'x64') helpers = indexDecoder;
  }
  const w = wordsPer(dtype);
  for (let k = 0; k < w; k++) body += `  dst[${w}u * o + ${k}u] = src[${w}u * j + ${k}u];\n`;
  bindings.push(storageBinding(1, 'dst', 'u32', 'read_write'), storageBinding(2, 'src', 'u32', 'read'));
  const buffers = [residencyOf(dst.tensor.storage).buffer, residencyOf(src.tensor.storage).deviceBuffer()];
  for (const { side, buffer } of sides) {
    if (!side.index) continue;
    bindings.push(storageBinding(bindings.length + 1, `index_${buffer}`, 'u32', 'read'));
    buffers.push(residencyOf(side.index.tensor.storage).deviceBuffer());
  }
  const wgsl = words.declaration() + bindings.join('') + helpers + entry(Words.ref(countAt)) + body + '}\n';
  const indexKey = sides.map(({ side }) => side.index?.tensor.dtype.name ?? '-').join(',');
  const key = `move|words${w}|index ${indexKey}|rank${shape.length}|wg64`;
  return launch(device, key, label, wgsl, words, buffers, dst.tensor, count);
}

export type ScatterMode = 'set' | 'add' | 'multiply';

/**
 * The scatter's operands. `groups` (int32) lists, for each key, the positions along `dim` of the source elements
 * aimed at it, in index order: entries `groups[groups[key]] .. groups[groups[key + 1] - 1]`, the key of an element of
 * `out` being its coordinates times `keyStrides`. The source is read through strides over `out`'s dimensions (its
 * stride along `dim` steps through the positions), or is one value.
 */
export interface ScatterOperands {
  groups: Tensor;
  keyStrides: readonly number[];
  source: { tensor: Tensor; strides: readonly number[] } | { scalar: number };
  /** Scale of the added source (index_add's alpha). */
  alpha: number;
}

/**
 * Scatters into `out` (holding the input's values) along `dim`, deterministically: one thread per element of `out`
 * combines the source elements of its group in index order, so repeats resolve as on the CPU (the last write wins,
 * sums add in index order). WGSL has no float atomics; the groups, made on the host from the index values it has
 * already checked, keep each thread's work to its own elements.
 */
export function runScatter(device: DeviceClient, mode: ScatterMode, out: Tensor, dim: number, ops: ScatterOperands): boolean {
  const type = gpuType(out.dtype);
  if (ops.groups.dtype.name !== 'int32' || (mode !== 'set' && type === 'x64')) return false;
  if ('tensor' in ops.source && ops.source.tensor.dtype !== out.dtype) return false;
  const rank = out.ndim;
  const count = out.numel();
  if (count === 0) return true;
  const words = new Words();
  const countAt = words.push(count);
  const dimsAt = words.push(...out._shape);
  const offsetsAt = words.push(out._offset, ops.groups._offset, 'tensor' in ops.source ? ops.source.tensor._offset : 0);
  const outStridesAt = words.push(...out._stride);
  const keyStridesAt = words.push(...ops.keyStrides);
  const sourceStridesAt = words.push(...('tensor' in ops.source ? ops.source.strides : out._shape.map(() => 0)));
  const w = wordsPer(out.dtype);
  const scalarAt = words.push(...('tensor' in ops.source ? [0, 0] : scalarWords(ops.source.scalar, type)));
  const alphaAt = words.push(scalarWords(ops.alpha, type)[0]!);
  const ref = (at: number, d: number) => Words.ref(at + d);
  let body = `  var o = ${Words.ref(offsetsAt)};\n  let g = ${Words.ref(offsetsAt + 1)};\n  var s = ${Words.ref(offsetsAt + 2)};\n  var key = 0u;\n  var rest = i;\n`;
  for (let d = rank - 1; d >= 0; d--) {
    body += `  let c${d} = rest % ${ref(dimsAt, d)}; rest = rest / ${ref(dimsAt, d)};\n`;
    body += `  o += c${d} * ${ref(outStridesAt, d)};\n  key += c${d} * ${ref(keyStridesAt, d)};\n`;
    if (d !== dim) body += `  s += c${d} * ${ref(sourceStridesAt, d)};\n`;
  }
  const load = (buffer: string, position: string) => (w === 2 ? `vec2<u32>(${buffer}[2u * ${position}], ${buffer}[2u * ${position} + 1u])` : `${buffer}[${position}]`);
  const scalar = w === 2 ? `vec2<u32>(${Words.ref(scalarAt)}, ${Words.ref(scalarAt + 1)})` : Words.ref(scalarAt);
  const value = 'tensor' in ops.source ? load('src', `(s + lists[g + e] * ${ref(sourceStridesAt, dim)})`) : scalar;
  body += `  var acc = ${load('out', 'o')};\n  for (var e = lists[g + key]; e < lists[g + key + 1u]; e++) {\n`;
  body += `    let v = ${value};\n    acc = ${combine(mode, type, Words.ref(alphaAt))};\n  }\n`;
  body += w === 2 ? '  out[2u * o] = acc.x;\n  out[2u * o + 1u] = acc.y;\n}\n' : '  out[o] = acc;\n}\n';
  const bindings = storageBinding(1, 'out', 'u32', 'read_write') + storageBinding(2, 'lists', 'u32', 'read') +
    ('tensor' in ops.source ? storageBinding(3, 'src', 'u32', 'read') : '');
  const wgsl = words.declaration() + bindings + entry(Words.ref(countAt)) + body;
  const buffers = [residencyOf(out.storage).deviceBuffer(), residencyOf(ops.groups.storage).deviceBuffer()];
  if ('tensor' in ops.source) buffers.push(residencyOf(ops.source.tensor.storage).deviceBuffer());
  const key = `scatter-${mode}|${out.dtype.name}|${'tensor' in ops.source ? 'source' : 'scalar'}|rank${rank}-dim${dim}|wg64`;
  return launch(device, key, `scatter ${mode}`, wgsl, words, buffers, out, count);
}

/** acc combined with v (both raw u32 words) in `type`, as the CPU's `dtype.cast(acc op v)` does. */
function combine(mode: ScatterMode, type: GpuType, alpha: string): string {
  if (mode === 'set') return 'v';
  const op = mode === 'add' ? '+' : '*';
  const scaled = (t: string) => (mode === 'add' ? `bitcast<${t}>(${alpha}) * bitcast<${t}>(v)` : `bitcast<${t}>(v)`);
  if (type === 'f32') return `bitcast<u32>(bitcast<f32>(acc) ${op} ${scaled('f32')})`;
  if (type === 'i32') return `bitcast<u32>(bitcast<i32>(acc) ${op} ${scaled('i32')})`;
  return `select(0u, 1u, (acc ${op} v${mode === 'add' ? ` * ${alpha}` : ''}) != 0u)`;
}

/** A number as the u32 words a kernel reads for an element of `type`. */
function scalarWords(value: number, type: GpuType): number[] {
  if (type === 'x64') return [...new Uint32Array(Float64Array.of(value).buffer)];
  if (type === 'f32') return [new Uint32Array(Float32Array.of(value).buffer)[0]!, 0];
  if (type === 'i32') return [value | 0, 0];
  return [value === 0 ? 0 : 1, 0];
}

/** A select operand: a buffer read through strides over the output's shape, or a value of the output's dtype. */
export type SelectOperand = { tensor: Tensor; strides: readonly number[] } | { scalar: number };

/** out = condition ? a : b elementwise (the condition a bool tensor); a, b and out of one dtype. */
export function runSelect(device: DeviceClient, condition: SelectOperand & { tensor: Tensor }, a: SelectOperand, b: SelectOperand, out: Tensor): boolean {
  const type = gpuType(out.dtype);
  if (condition.tensor.dtype.name !== 'bool' || [a, b].some((x) => 'tensor' in x && x.tensor.dtype !== out.dtype)) return false;
  const count = out.numel();
  if (count === 0) return true;
  const w = wordsPer(out.dtype);
  const words = new Words();
  const countAt = words.push(count);
  const dimsAt = words.push(...out._shape);
  const operands = [{ x: condition, name: 'c' }, { x: a, name: 'a' }, { x: b, name: 'b' }];
  const buffered = operands.filter(({ x }) => 'tensor' in x) as { x: { tensor: Tensor; strides: readonly number[] }; name: string }[];
  const names = ['o', ...buffered.map(({ name }) => `j_${name}`)];
  const offsetsAt = words.push(out._offset, ...buffered.map(({ x }) => x.tensor._offset));
  const stridesAt = [words.push(...out._stride), ...buffered.map(({ x }) => words.push(...x.strides))];
  let body = names.map((name, k) => `  var ${name} = ${Words.ref(offsetsAt + k)};\n`).join('');
  body += stridedOffsets('i', out.ndim, dimsAt, names, stridesAt);
  const valueOf = (x: SelectOperand, name: string, k: number): string => {
    if ('tensor' in x) return `in_${name}[${w}u * j_${name} + ${k}u]`;
    return Words.ref(words.push(scalarWords(x.scalar, type)[k]!));
  };
  for (let k = 0; k < w; k++) {
    body += `  out[${w}u * o + ${k}u] = select(${valueOf(b, 'b', k)}, ${valueOf(a, 'a', k)}, in_c[j_c] != 0u);\n`;
  }
  const bindings = buffered.map(({ name }, k) => storageBinding(k + 1, `in_${name}`, 'u32', 'read')).join('') +
    storageBinding(buffered.length + 1, 'out', 'u32', 'read_write');
  const wgsl = words.declaration() + bindings + entry(Words.ref(countAt)) + body + '}\n';
  const key = `select|words${w}|${[a, b].map((x) => ('tensor' in x ? 'buffer' : 'scalar')).join(',')}|rank${out.ndim}|wg64`;
  const buffers = [...buffered.map(({ x }) => residencyOf(x.tensor.storage).deviceBuffer()), residencyOf(out.storage).buffer];
  return launch(device, key, 'select', wgsl, words, buffers, out, count);
}

function launch(device: DeviceClient, key: string, label: string, wgsl: string, words: Words, buffers: number[], out: Tensor, threads: number): boolean {
  if (device.compile(key, `${label} kernel`, wgsl) !== null) return false;
  const target = residencyOf(out.storage);
  target.deviceBuffer();
  device.launch(key, label, words.data(), buffers, gridFor(threads));
  target.written();
  return true;
}

const webgpu = new Device('webgpu', 0);

/** `t`, or a device copy of a CPU operand (a CPU index for a device tensor, as PyTorch's indexing accepts). */
function resident(t: Tensor): Tensor {
  if (t.storage.device.type === 'webgpu') return t;
  return new Tensor(new Storage(t.storage.values.slice(), t.dtype, webgpu), [...t._shape], [...t._stride], t._offset);
}

const residentIndex = (index: IndexOperand | undefined) => index && { ...index, tensor: resident(index.tensor) };

/** `runMove` into the device tensor `dst.tensor`; false (and counted as `label`) when the CPU must do it. */
export function gpuMove(label: string, shape: readonly number[], dst: MoveSide, src: MoveSide): boolean {
  const device = requireGpu();
  const ran = runMove(device, label, shape, { ...dst, index: residentIndex(dst.index) }, { ...src, tensor: resident(src.tensor), index: residentIndex(src.index) });
  if (!ran) device.countFallback(`${label} ${src.tensor.dtype.name}`);
  return ran;
}

/** `runScatter` into the device tensor `out`; false (and counted) when the CPU must do it. */
export function gpuScatter(label: string, mode: ScatterMode, out: Tensor, dim: number, ops: ScatterOperands): boolean {
  const device = requireGpu();
  const source = 'tensor' in ops.source ? { ...ops.source, tensor: resident(ops.source.tensor) } : ops.source;
  const ran = runScatter(device, mode, out, dim, { ...ops, groups: resident(ops.groups), source });
  if (!ran) device.countFallback(`${label} ${out.dtype.name}`);
  return ran;
}

/** `runSelect` into the device tensor `out`; false (and counted) when the CPU must do it. */
export function gpuSelect(label: string, condition: { tensor: Tensor; strides: readonly number[] }, a: SelectOperand, b: SelectOperand, out: Tensor): boolean {
  const device = requireGpu();
  const onDevice = (x: SelectOperand): SelectOperand => ('tensor' in x ? { ...x, tensor: resident(x.tensor) } : x);
  const ran = runSelect(device, { ...condition, tensor: resident(condition.tensor) }, onDevice(a), onDevice(b), out);
  if (!ran) device.countFallback(`${label} ${out.dtype.name}`);
  return ran;
}
