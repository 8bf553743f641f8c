// Reductions over any set of dims (sum, mean, prod, max/min and their indices, var/std, logsumexp, norms) and
// softmax along one dim.
//
// Note [Parallel reductions]: each output's block of n reduced elements (read through the input's strides, in
// row-major order of the reduced dims) is folded by one of three plans, chosen from n and the number of outputs:
// - n <= 32: one thread per output walks its block (many small blocks fill the GPU by themselves);
// - otherwise one workgroup of 64 threads per output: thread t folds elements t, t + 64, ... (neighbouring threads
//   read neighbouring elements), then the 64 states merge in a tree in workgroup memory;
// - few outputs over many elements (a full `sum()`): two passes, the first splitting each block into up to 256 chunks,
//   one workgroup each, that write their states to a scratch buffer; the second merges each output's chunk states.
// The states and their merges are in accumulators.ts (Note [Reduction states]).
import type { Tensor } from '../../core/tensor.ts';
import { type Accumulator, accumulator, accumulatorHelpers, type AccumulatorOp } from './accumulators.ts';
import type { DeviceClient } from './client.ts';
import { residencyOf } from './device.ts';
import { int64Helpers } from './int64.ts';
import { specialValueHelpers as helpers } from './special-values.ts';
import { entry, type GpuType, gpuType, gridFor, storageBinding, stridedOffsets, Words } from './wgsl.ts';

export type ReduceOp = AccumulatorOp;
/** var/std's correction; the norm's order p; where max/min also write their int64 indices (one pass for both). */
export interface ReduceParams { correction?: number; p?: number; indices?: Tensor }

const groupSize = 64;
/** Blocks up to this size get one thread per output. */
const serialLimit = 32;
/** Elements per workgroup aimed at in a two-pass reduction's first pass. */
const chunkTarget = groupSize * 16;
/** Chunks per output in a two-pass reduction: enough workgroups to fill a large GPU (1<<20 elements: 256 of them). */
const maxChunks = 256;

interface Layout {
  words: Words; countAt: number; inOffsetAt: number; outOffsetAt: number; keptDimsAt: number; keptStridesAt: number;
  reducedDimsAt: number; reducedStridesAt: number; totalAt: number; chunksAt: number; chunkLenAt: number; paramAt: number;
}

const floatBits = (x: number): number => new Uint32Array(new Float32Array([x]).buffer)[0]!;

function layout(input: Tensor, dims: readonly number[], outputs: number, outOffset: number, param = 0): Layout {
  const kept = input._shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const reduced = [...dims].sort((a, b) => a - b);
  const words = new Words();
  return {
    words,
    countAt: words.push(outputs),
    inOffsetAt: words.push(input._offset),
    outOffsetAt: words.push(outOffset),
    totalAt: words.push(reduced.reduce((n, d) => n * input._shape[d]!, 1)),
    chunksAt: words.push(1),
    chunkLenAt: words.push(0),
    paramAt: words.push(floatBits(param)),
    keptDimsAt: words.push(...kept.map((d) => input._shape[d]!)),
    keptStridesAt: words.push(...kept.map((d) => input._stride[d]!)),
    reducedDimsAt: words.push(...reduced.map((d) => input._shape[d]!)),
    reducedStridesAt: words.push(...reduced.map((d) => input._stride[d]!)),
  };
}

type Phase = 'serial' | 'group' | 'partial' | 'final';

/** The WGSL of one plan's kernel (Note [Parallel reductions]); `type` is the input's storage type. */
function reduceKernel(l: Layout, acc: Accumulator, type: GpuType, phase: Phase, keptRank: number, reducedRank: number, indexed: boolean): string {
  const ref = Words.ref;
  const [count, total, chunks] = [ref(l.countAt), ref(l.totalAt), ref(l.chunksAt)];
  const partials = '<storage, read_write> out: array<vec4<u32>>';
  let wgsl = l.words.declaration() + `alias T = ${type};\n` +
    (phase === 'final' ? '@group(0) @binding(1) var<storage, read> src: array<vec4<u32>>;\n' : storageBinding(1, 'src', type, 'read')) +
    (phase === 'partial' ? `@group(0) @binding(2) var${partials};\n` : storageBinding(2, 'out', acc.output, 'read_write')) +
    (indexed ? storageBinding(3, 'indices', 'x64', 'read_write') : '') +
    helpers + int64Helpers + accumulatorHelpers(ref(l.paramAt)) + acc.code +
    `fn base_of(i: u32) -> u32 {\n  var base = ${ref(l.inOffsetAt)};\n${stridedOffsets('i', keptRank, l.keptDimsAt, ['base'], [l.keptStridesAt])}  return base;\n}\n` +
    `fn offset_of(j: u32) -> u32 {\n  var pos = 0u;\n${stridedOffsets('j', reducedRank, l.reducedDimsAt, ['pos'], [l.reducedStridesAt])}  return pos;\n}\n` +
    (phase === 'partial' ? '' : `fn write_out(k: u32, a: State) {\n  let o = ${ref(l.outOffsetAt)} + k;\n` +
      (acc.output === 'x64' ? `  let bits = acc_finish(a, ${total});\n  out[2u * o] = bits.x;\n  out[2u * o + 1u] = bits.y;\n}\n`
        : `  out[o] = acc_finish(a, ${total});\n` +
          (indexed ? '  let bits = i64_to_f64_bits(vec2<u32>(a.j, 0u));\n  indices[2u * o] = bits.x;\n  indices[2u * o + 1u] = bits.y;\n' : '') + '}\n'));
  // Variances fold each value minus the block's first (Note [Shifted variance]).
  const start = '  let base = base_of(i);\n' +
    (acc.shifted ? `  var pivot = T(0);\n  if (${total} > 0u) { pivot = src[base + offset_of(0u)]; }\n` : '');
  const value = acc.shifted ? 'src[base + offset_of(j)] - pivot' : 'src[base + offset_of(j)]';
  if (phase === 'serial') {
    return wgsl + entry(count) + `${start}  var a = acc_init();
  for (var j = 0u; j < ${total}; j++) { a = acc_step(a, ${value}, j); }
  write_out(i, a);
}
`;
  }
  const fold = (from: string, to: string) => `${start}  for (var j = ${from} + t; j < ${to}; j += ${groupSize}u) { a = acc_step(a, ${value}, j); }
`;
  wgsl += `var<workgroup> tile: array<State, ${groupSize}>;
@compute @workgroup_size(${groupSize})
fn main(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let g = wid.x + wid.y * groups.x;
  if (g >= ${count}) { return; }
  var a = acc_init();
`;
  if (phase === 'group') wgsl += '  let i = g;\n' + fold('0u', total);
  if (phase === 'partial') {
    wgsl += `  let i = g / ${chunks};\n  let start = (g % ${chunks}) * ${ref(l.chunkLenAt)};\n` + fold('start', `min(${total}, start + ${ref(l.chunkLenAt)})`);
  }
  if (phase === 'final') wgsl += `  let i = g;\n  for (var j = t; j < ${chunks}; j += ${groupSize}u) { a = acc_merge(a, acc_unpack(src[i * ${chunks} + j])); }\n`;
  return wgsl + `  tile[t] = a;
  workgroupBarrier();
  for (var s = ${groupSize / 2}u; s > 0u; s = s >> 1u) {
    if (t < s) { tile[t] = acc_merge(tile[t], tile[t + s]); }
    workgroupBarrier();
  }
  if (t == 0u) { ${phase === 'partial' ? 'out[g] = acc_pack(tile[0]);' : 'write_out(i, tile[0]);'} }
}
`;
}

/** Whether `out`'s dtype is what the accumulator writes. */
function fits(output: GpuType, out: Tensor): boolean {
  return output === 'x64' ? out.dtype.name === 'int64' : gpuType(out.dtype) === output;
}

/** The pipeline key of `phase`'s kernel, compiled once; null when the compiler rejects it. */
function compiled(device: DeviceClient, op: ReduceOp, acc: Accumulator, l: Layout, input: Tensor, dims: readonly number[], phase: Phase, indexed = false): string | null {
  const key = `reduce-${op}${acc.variant}${indexed ? '+indices' : ''}|${input.dtype.name}|rank${input.ndim}-${dims.length}|${phase}|wg${phase === 'serial' ? 64 : groupSize}`;
  const wgsl = reduceKernel(l, acc, gpuType(input.dtype), phase, input.ndim - dims.length, dims.length, indexed);
  return device.compile(key, `${op} kernel (${phase})`, wgsl) === null ? key : null;
}

/** How many chunks a two-pass plan splits each of `outputs` blocks of `total` elements into (below 4: one pass). */
export const chunksFor = (outputs: number, total: number): number => (outputs <= 64 ? Math.min(maxChunks, Math.ceil(total / chunkTarget)) : 1);

const paramOf = (op: ReduceOp, params: ReduceParams): number => (op === 'norm' ? params.p ?? 2 : params.correction ?? 0);

/**
 * A two-pass plan's first pass (also a long scan's): the states of `chunks` consecutive chunks of each of the
 * `outputs` blocks over `dims`, in a new buffer of `outputs * chunks` packed states that the caller frees; null when
 * there is no kernel.
 */
export function partialStates(device: DeviceClient, op: ReduceOp, input: Tensor, dims: readonly number[], outputs: number, chunks: number, params: ReduceParams = {}): number | null {
  const acc = accumulator(op, gpuType(input.dtype), params.p);
  if (acc === null) return null;
  const l = layout(input, dims, outputs * chunks, 0, paramOf(op, params));
  const key = compiled(device, op, acc, l, input, dims, 'partial');
  if (key === null) return null;
  l.words.values[l.chunksAt] = chunks;
  l.words.values[l.chunkLenAt] = Math.ceil(l.words.values[l.totalAt]! / chunks);
  const partials = device.createBuffer(outputs * chunks * 16, `${op} partial states`);
  device.launch(key, `${op} partials`, l.words.data(), [residencyOf(input.storage).deviceBuffer(), partials], gridFor(outputs * chunks, 1));
  return partials;
}

/**
 * Reduces `input` over `dims` into the contiguous `out` (Note [Parallel reductions]); false: use the CPU. int32 and
 * bool sums and products write int64 (Note [int64 arithmetic in WGSL]), argmax/argmin int64 indices.
 */
export function runReduce(device: DeviceClient, op: ReduceOp, input: Tensor, dims: readonly number[], out: Tensor, params: ReduceParams = {}): boolean {
  const type = gpuType(input.dtype);
  const acc = type === 'x64' ? null : accumulator(op, type, params.p);
  if (acc === null || !out.is_contiguous() || !fits(acc.output, out)) return false;
  const { indices } = params;
  if (indices && ((op !== 'max' && op !== 'min') || !indices.is_contiguous() || indices._offset !== out._offset || indices.dtype.name !== 'int64')) return false;
  const outputs = out.numel();
  const l = layout(input, dims, outputs, out._offset, paramOf(op, params));
  const total = l.words.values[l.totalAt]!;
  // Extremes of nothing are errors the op raises itself.
  if (total === 0 && /max|min/.test(op)) return false;
  if (outputs === 0) return true;
  const chunks = chunksFor(outputs, total);
  const phase = total <= serialLimit ? 'serial' : chunks < 4 ? 'group' : 'final';
  const key = compiled(device, op, acc, l, input, dims, phase, indices !== undefined);
  if (key === null) return false;
  const targets = [out, ...(indices ? [indices] : [])].map((t) => residencyOf(t.storage));
  const written = targets.map((target) => target.deviceBuffer());
  if (phase === 'final') {
    const partials = partialStates(device, op, input, dims, outputs, chunks, params);
    if (partials === null) return false;
    l.words.values[l.chunksAt] = chunks;
    device.launch(key, op, l.words.data(), [partials, ...written], gridFor(outputs, 1));
    device.free(partials);
  } else {
    const src = residencyOf(input.storage).deviceBuffer();
    device.launch(key, op, l.words.data(), [src, ...written], phase === 'serial' ? gridFor(outputs) : gridFor(outputs, 1));
  }
  for (const target of targets) target.written();
  return true;
}

/** softmax / log_softmax of `input` along `dim` into the contiguous `out` (float32); false: use the CPU. */
export function runSoftmax(device: DeviceClient, kind: 'softmax' | 'log_softmax', input: Tensor, dim: number, out: Tensor): boolean {
  if (gpuType(input.dtype) !== 'f32' || out.dtype !== input.dtype || !out.is_contiguous() || input.numel() === 0 || input.ndim === 0) return false;
  const l = layout(input, [dim], out.numel(), out._offset);
  const outStride = out._stride[dim] ?? 1;
  const keptRank = input.ndim - 1;
  const outBaseStrides = l.words.push(...out._stride.filter((_, d) => d !== dim));
  const outStrideAt = l.words.push(outStride);
  let body = `  var base = ${Words.ref(l.inOffsetAt)};\n  var obase = ${Words.ref(l.outOffsetAt)};\n`;
  body += stridedOffsets('i', keptRank, l.keptDimsAt, ['base', 'obase'], [l.keptStridesAt, outBaseStrides]);
  const n = Words.ref(l.totalAt);
  const step = Words.ref(l.reducedStridesAt);
  body += `  var top = src[base];
  for (var j = 0u; j < ${n}; j++) { let v = src[base + j * ${step}]; if (is_nan(v) || v > top) { top = v; } }
  var total = 0.0;
  for (var j = 0u; j < ${n}; j++) { total += exp_ieee(src[base + j * ${step}] - top); }
  for (var j = 0u; j < ${n}; j++) {
    let shifted = src[base + j * ${step}] - top;
    // All -inf gives -inf - -inf = NaN, as PyTorch's softmax does.
    out[obase + j * ${Words.ref(outStrideAt)}] = ${kind === 'softmax' ? 'exp_ieee(shifted) / total' : 'shifted - log_ieee(total)'};
  }
}
`;
  const wgsl = l.words.declaration() + storageBinding(1, 'src', 'f32', 'read') + storageBinding(2, 'out', 'f32', 'read_write') +
    helpers + entry(Words.ref(l.countAt)) + body;
  const key = `${kind}|float32|rank${input.ndim}|wg64`;
  if (device.compile(key, `${kind} kernel`, wgsl) !== null) return false;
  const rows = Math.max(1, input.numel() / Math.max(1, input._shape[dim] ?? 1));
  l.words.values[l.countAt] = rows;
  launch(device, key, kind, l.words, input, out, rows);
  return true;
}

function launch(device: DeviceClient, key: string, label: string, words: Words, input: Tensor, out: Tensor, threads = out.numel()): void {
  const src = residencyOf(input.storage).deviceBuffer();
  const target = residencyOf(out.storage);
  target.deviceBuffer();
  device.launch(key, label, words.data(), [src, target.buffer], gridFor(threads));
  target.written();
}

