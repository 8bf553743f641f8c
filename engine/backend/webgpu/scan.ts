// cumsum and cumprod along one dim, with the sum and product states of accumulators.ts (Note [Reduction states]):
// compensated float32 sums, int64 sums and products of int32 and bool inputs (Note [int64 arithmetic in WGSL]).
//
// Note [Parallel scans]: short rows (or very many rows) get one thread per row, which walks it in order. Long rows
// get one workgroup of 64 threads each: each thread folds one 64th of the row, consecutive elements, the 64 thread
// states are scanned in workgroup memory (Hillis-Steele), and each thread folds its elements again from the state
// of everything before them, writing each running value (a handful of barriers per row: software GPUs pay dearly for
// each). A few long rows are also cut into up to 256 chunks, a workgroup each: the first pass of a two-pass
// reduction (Note [Parallel reductions]) folds every chunk, and each chunk starts from the merged states of the
// chunks before it.
import type { Tensor } from '../../core/tensor.ts';
import { type Accumulator, accumulator, accumulatorHelpers } from './accumulators.ts';
import type { DeviceClient } from './client.ts';
import { residencyOf } from './device.ts';
import { chunksFor, partialStates } from './reduce.ts';
import { int64Helpers } from './int64.ts';
import { specialValueHelpers as helpers } from './special-values.ts';
import { entry, type GpuType, gpuType, gridFor, storageBinding, stridedOffsets, Words } from './wgsl.ts';

export type ScanOp = 'cumsum' | 'cumprod';

const groupSize = 64;

interface Layout {
  words: Words; countAt: number; inOffsetAt: number; outOffsetAt: number; lengthAt: number; inStrideAt: number; outStrideAt: number;
  chunksAt: number; chunkLenAt: number; keptDimsAt: number; keptInAt: number; keptOutAt: number;
}

function layout(input: Tensor, dim: number, out: Tensor): Layout {
  const others = <T>(values: readonly T[]) => values.filter((_, d) => d !== dim);
  const words = new Words();
  const length = input.ndim === 0 ? 1 : input._shape[dim]!;
  return {
    words,
    countAt: words.push(length === 0 ? 0 : input.numel() / length),
    inOffsetAt: words.push(input._offset),
    outOffsetAt: words.push(out._offset),
    lengthAt: words.push(length),
    inStrideAt: words.push(input._stride[dim] ?? 0),
    outStrideAt: words.push(out._stride[dim] ?? 0),
    chunksAt: words.push(1),
    chunkLenAt: words.push(length),
    keptDimsAt: words.push(...others(input._shape)),
    keptInAt: words.push(...others(input._stride)),
    keptOutAt: words.push(...others(out._stride)),
  };
}

type Plan = 'serial' | 'group' | 'chunked';

function scanKernel(l: Layout, acc: Accumulator, type: GpuType, plan: Plan, keptRank: number): string {
  const ref = Words.ref;
  const [n, inStride, outStride] = [ref(l.lengthAt), ref(l.inStrideAt), ref(l.outStrideAt)];
  const wgsl = l.words.declaration() + `alias T = ${type};\n` + storageBinding(1, 'src', type, 'read') +
    storageBinding(2, 'out', acc.output, 'read_write') +
    (plan === 'chunked' ? '@group(0) @binding(3) var<storage, read> parts: array<vec4<u32>>;\n' : '') + helpers + int64Helpers + accumulatorHelpers('0u') + acc.code +
    `fn bases(i: u32) -> vec2<u32> {\n  var base = ${ref(l.inOffsetAt)};\n  var obase = ${ref(l.outOffsetAt)};\n` +
    stridedOffsets('i', keptRank, l.keptDimsAt, ['base', 'obase'], [l.keptInAt, l.keptOutAt]) + '  return vec2<u32>(base, obase);\n}\n' +
    `fn write_at(o: u32, a: State, n: u32) {\n` +
    (acc.output === 'x64' ? '  let bits = acc_finish(a, n);\n  out[2u * o] = bits.x;\n  out[2u * o + 1u] = bits.y;\n}\n' : '  out[o] = acc_finish(a, n);\n}\n');
  if (plan === 'serial') {
    return wgsl + entry(ref(l.countAt)) + `  let b = bases(i);
  var a = acc_init();
  for (var k = 0u; k < ${n}; k++) {
    a = acc_step(a, src[b.x + k * ${inStride}], k);
    write_at(b.y + k * ${outStride}, a, k + 1u);
  }
}
`;
  }
  const [chunks, chunkLen] = [ref(l.chunksAt), ref(l.chunkLenAt)];
  // A chunk starts from the merged states of the chunks before it in its row.
  const carryIn = `  for (var k = t; k < c; k += ${groupSize}u) { carry = acc_merge(carry, acc_unpack(parts[i * ${chunks} + k])); }
  tile[t] = carry;
  workgroupBarrier();
  for (var s = ${groupSize / 2}u; s > 0u; s = s >> 1u) {
    if (t < s) { tile[t] = acc_merge(tile[t], tile[t + s]); }
    workgroupBarrier();
  }
  carry = tile[0];
  workgroupBarrier();
`;
  return wgsl + `var<workgroup> tile: array<State, ${groupSize}>;
@compute @workgroup_size(${groupSize})
fn main(@builtin(local_invocation_index) t: u32, @builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let g = wid.x + wid.y * groups.x;
  if (g >= ${ref(l.countAt)}) { return; }
  let i = g / ${chunks};
  let c = g % ${chunks};
  let b = bases(i);
  var carry = acc_init();
${plan === 'chunked' ? carryIn : ''}  let begin = min(${n}, c * ${chunkLen});
  let last = min(${n}, begin + ${chunkLen});
  let segment = (last - begin + ${groupSize - 1}u) / ${groupSize}u;
  let mine = begin + t * segment;
  let end = min(last, mine + segment);
  var local = acc_init();
  for (var k = mine; k < end; k++) { local = acc_step(local, src[b.x + k * ${inStride}], k); }
  tile[t] = local;
  workgroupBarrier();
  for (var reach = 1u; reach < ${groupSize}u; reach = reach << 1u) {
    var earlier = acc_init();
    if (t >= reach) { earlier = tile[t - reach]; }
    workgroupBarrier();
    if (t >= reach) { tile[t] = acc_merge(earlier, tile[t]); }
    workgroupBarrier();
  }
  var running = carry;
  if (t > 0u) { running = acc_merge(carry, tile[t - 1u]); }
  for (var k = mine; k < end; k++) {
    running = acc_step(running, src[b.x + k * ${inStride}], k);
    write_at(b.y + k * ${outStride}, running, k + 1u);
  }
}
`;
}

/** cumsum / cumprod of `input` along `dim` into `out` (same shape; float32, or int64 from int32/bool); false: use the CPU. */
export function runScan(device: DeviceClient, op: ScanOp, input: Tensor, dim: number, out: Tensor): boolean {
  const type = gpuType(input.dtype);
  const acc = type === 'x64' ? null : accumulator(op === 'cumsum' ? 'sum' : 'prod', type);
  if (acc === null || (acc.output === 'x64' ? out.dtype.name !== 'int64' : out.dtype !== input.dtype)) return false;
  if (out.numel() === 0) return true;
  const l = layout(input, dim, out);
  const [rows, length] = [l.words.values[l.countAt]!, l.words.values[l.lengthAt]!];
  const chunks = chunksFor(rows, length);
  const plan: Plan = length < 128 || rows >= 16384 ? 'serial' : chunks < 4 ? 'group' : 'chunked';
  const key = `${op}|${input.dtype.name}|rank${input.ndim}|${plan}|wg${plan === 'serial' ? 64 : groupSize}`;
  if (device.compile(key, `${op} kernel`, scanKernel(l, acc, type, plan, Math.max(0, input.ndim - 1))) !== null) return false;
  const parts = plan === 'chunked' ? partialStates(device, op === 'cumsum' ? 'sum' : 'prod', input, [dim], rows, chunks) : null;
  if (plan === 'chunked' && parts === null) return false;
  const src = residencyOf(input.storage).deviceBuffer();
  const target = residencyOf(out.storage);
  target.deviceBuffer();
  if (parts !== null) {
    l.words.values[l.countAt] = rows * chunks;
    l.words.values[l.chunksAt] = chunks;
    l.words.values[l.chunkLenAt] = Math.ceil(length / chunks);
  }
  const buffers = parts === null ? [src, target.buffer] : [src, target.buffer, parts];
  device.launch(key, op, l.words.data(), buffers, plan === 'serial' ? gridFor(rows) : gridFor(rows * chunks, 1));
  if (parts !== null) device.free(parts);
  target.written();
  return true;
}
