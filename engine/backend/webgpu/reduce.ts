// Reductions over any set of dims (sum, mean, max, min and their indices) and softmax along one dim. One thread per
// output element walks its reduced block in row-major order, reading the input's strides directly; a wide
// reduction in few outputs (a full sum) is correct but serial: Note [Serial reductions], a known gap.
import type { Tensor } from '../../core/tensor.ts';
import type { DeviceClient } from './client.ts';
import { residencyOf } from './device.ts';
import { specialValueHelpers as helpers } from './special-values.ts';
import { entry, type GpuType, gpuType, gridFor, storageBinding, stridedOffsets, Words } from './wgsl.ts';

export type ReduceOp = 'sum' | 'mean' | 'max' | 'min' | 'argmax' | 'argmin';

/** Writes an integer below 2^32 as the bits of the double that stores int64 values (Note [int64 storage]). */
const int64Bits = `fn int64_bits(n: u32) -> vec2<u32> {
  if (n == 0u) { return vec2<u32>(0u, 0u); }
  let e = firstLeadingBit(n);
  let m = n ^ (1u << e);
  let s = 52u - e;
  var lo = 0u;
  var hi = 0u;
  if (s >= 32u) { hi = m << (s - 32u); } else { lo = m << s; hi = m >> (32u - s); }
  return vec2<u32>(lo, hi | ((1023u + e) << 20u));
}
`;

interface Layout { words: Words; countAt: number; inOffsetAt: number; outOffsetAt: number; keptDimsAt: number; keptStridesAt: number; reducedDimsAt: number; reducedStridesAt: number; totalAt: number }

function layout(input: Tensor, dims: readonly number[], out: Tensor): Layout {
  const kept = input._shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const reduced = [...dims].sort((a, b) => a - b);
  const words = new Words();
  return {
    words,
    countAt: words.push(out.numel()),
    inOffsetAt: words.push(input._offset),
    outOffsetAt: words.push(out._offset),
    totalAt: words.push(reduced.reduce((n, d) => n * input._shape[d]!, 1)),
    keptDimsAt: words.push(...kept.map((d) => input._shape[d]!)),
    keptStridesAt: words.push(...kept.map((d) => input._stride[d]!)),
    reducedDimsAt: words.push(...reduced.map((d) => input._shape[d]!)),
    reducedStridesAt: words.push(...reduced.map((d) => input._stride[d]!)),
  };
}

/** Reduces `input` over `dims` into the contiguous `out` (values, or int64 indices for argmax/argmin); false: use the CPU. */
export function runReduce(device: DeviceClient, op: ReduceOp, input: Tensor, dims: readonly number[], out: Tensor): boolean {
  const type = gpuType(input.dtype);
  const indices = op === 'argmax' || op === 'argmin';
  const sums = op === 'sum' || op === 'mean';
  if (type !== 'f32' && (type !== 'i32' || sums)) return false;
  if (!out.is_contiguous() || (indices ? out.dtype.name !== 'int64' : out.dtype !== input.dtype)) return false;
  const l = layout(input, dims, out);
  const total = l.words.values[l.totalAt]!;
  if (total === 0) return false;
  const keptRank = input.ndim - dims.length;
  let body = `  var base = ${Words.ref(l.inOffsetAt)};\n` + stridedOffsets('i', keptRank, l.keptDimsAt, ['base'], [l.keptStridesAt]);
  body += `  var acc = ${zero(type)};\n  var carry = ${zero(type)};\n  var best = 0u;\n  for (var j = 0u; j < ${Words.ref(l.totalAt)}; j++) {\n    var pos = base;\n`;
  body += stridedOffsets('j', dims.length, l.reducedDimsAt, ['pos'], [l.reducedStridesAt]).replace(/^/gm, '  ');
  body += `    let v = src[pos];\n`;
  // Compensated (Kahan) summation: a serial float32 sum of a long block would drift from the CPU's double sum.
  if (sums) body += '    let y = v - carry;\n    let t = acc + y;\n    carry = (t - acc) - y;\n    acc = t;\n';
  else {
    const better = op === 'max' || op === 'argmax' ? 'v > acc' : 'v < acc';
    // PyTorch's max/min: the first NaN wins and stays; otherwise the first of equal extremes.
    const update = type === 'f32' ? `j == 0u || (!is_nan(acc) && (is_nan(v) || ${better}))` : `j == 0u || ${better}`;
    body += `    if (${update}) { acc = v; best = j; }\n`;
  }
  body += '  }\n';
  const o = `${Words.ref(l.outOffsetAt)} + i`;
  if (indices) body += `  let bits = int64_bits(best);\n  out[2u * (${o})] = bits.x;\n  out[2u * (${o}) + 1u] = bits.y;\n}\n`;
  else body += `  out[${o}] = ${op === 'mean' ? `acc / f32(${Words.ref(l.totalAt)})` : 'acc'};\n}\n`;
  const outType: GpuType = indices ? 'x64' : type;
  const wgsl = l.words.declaration() + storageBinding(1, 'src', type, 'read') + storageBinding(2, 'out', outType, 'read_write') +
    helpers + int64Bits + entry(Words.ref(l.countAt)) + body;
  const key = `reduce-${op}|${input.dtype.name}|rank${input.ndim}-${dims.length}|wg64`;
  if (device.compile(key, `${op} kernel`, wgsl) !== null) return false;
  launch(device, key, op, l.words, input, out);
  return true;
}

/** softmax / log_softmax of `input` along `dim` into the contiguous `out` (float32); false: use the CPU. */
export function runSoftmax(device: DeviceClient, kind: 'softmax' | 'log_softmax', input: Tensor, dim: number, out: Tensor): boolean {
  if (gpuType(input.dtype) !== 'f32' || out.dtype !== input.dtype || !out.is_contiguous() || input.numel() === 0 || input.ndim === 0) return false;
  const l = layout(input, [dim], out);
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

const zero = (type: GpuType): string => (type === 'f32' ? '0.0' : '0');

