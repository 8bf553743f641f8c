// Batched float32 matrix product over strided [batch, rows, cols] views, written into a contiguous output.
// Note [Register-blocked matmul]: a workgroup of tx * ty threads computes a (ty * rm) x (tx * rn) output tile; each
// thread holds rm x rn sums in registers as vec4s (its rows and columns are groups of 4, one group per tx or ty
// stride, so the workgroup-memory reads are whole vec4s). K advances bk at a time: both operand tiles are staged in
// workgroup memory k-major ([bk][rows] and [bk][cols]), and the next step's global loads go into registers while the
// current step computes (prefetching). An operand contiguous along a tile dimension, aligned to 4 floats, is read
// as vec4s; any other view (transposed, sliced, broadcast) through its strides, 4 scalars at a time. Out-of-range
// loads read 0 and out-of-range outputs are not written, so any size works.
import type { Tensor } from '../../core/tensor.ts';
import type { DeviceClient } from './client.ts';
import { residencyOf } from './device.ts';
import { overwritten } from './elementwise.ts';
import { gpuType, Words } from './wgsl.ts';

/** A tensor's memory read as a [batch, rows, cols] stack with these strides (a batch stride of 0 broadcasts). */
export interface MatrixStack { tensor: Tensor; shape: readonly number[]; strides: readonly number[] }

/** Threads per workgroup (tx columns by ty rows), outputs per thread (rm x rn, multiples of 4) and the K step. */
interface TileConfig { tx: number; ty: number; rm: number; rn: number; bk: number }

const large: TileConfig = { tx: 16, ty: 16, rm: 8, rn: 8, bk: 8 };
const medium: TileConfig = { tx: 16, ty: 16, rm: 4, rn: 4, bk: 16 };
const narrow: TileConfig = { tx: 4, ty: 64, rm: 4, rn: 4, bk: 8 };
const wide: TileConfig = { tx: 64, ty: 4, rm: 4, rn: 4, bk: 8 };

/**
 * The big tile needs enough workgroups to fill a GPU (one 128x128 tile per workgroup); smaller products take 64x64
 * tiles, and a product with at most 16 columns (mv) or rows a 256x16 (16x256) tile that wastes little. A small
 * product (under 64^3 multiply-adds: its time is the dispatch) takes one general kernel whatever its shape and
 * strides, which keeps the number of pipelines to compile down. Devices
 * that allow fewer than 256 threads per workgroup (OpenGL ES compatibility mode: 128) get the same shapes halved.
 */
function chooseTile(batch: number, m: number, n: number, small: boolean, maxInvocations: number): TileConfig {
  const bigTiles = batch * Math.ceil(m / 128) * Math.ceil(n / 128);
  let config = small ? medium : n <= 16 && m > 16 ? narrow : m <= 16 && n > 16 ? wide : bigTiles >= 128 ? large : medium;
  while (config.tx * config.ty > maxInvocations) {
    config = config.tx > config.ty ? { ...config, tx: config.tx / 2 } : { ...config, ty: config.ty / 2 };
  }
  return config;
}

/** How an operand's tile is loaded: vec4s or scalars, 4 consecutive along the tile's rows/columns or along K. */
type LoadMode = 'outer4' | 'k4' | 'outer1' | 'k1';

/** One operand as the kernel sees it: `outer` is M for the left operand and N for the right one. */
interface OperandView { offset: number; batchStride: number; outerStride: number; kStride: number; outer: number; k: number }

function loadMode(v: OperandView): LoadMode {
  const aligned = v.offset % 4 === 0 && v.batchStride % 4 === 0;
  if (aligned && v.outerStride === 1 && v.outer % 4 === 0 && v.kStride % 4 === 0) return 'outer4';
  if (aligned && v.kStride === 1 && v.k % 4 === 0 && v.outerStride % 4 === 0) return 'k4';
  return v.outer === 1 || (v.k > 1 && v.kStride < v.outerStride) ? 'k1' : 'outer1';
}

export function runMatmul(device: DeviceClient, a: MatrixStack, b: MatrixStack, out: Tensor): boolean {
  if (gpuType(a.tensor.dtype) !== 'f32' || gpuType(b.tensor.dtype) !== 'f32' || gpuType(out.dtype) !== 'f32' || !out.is_contiguous()) return false;
  const [batch, m, k] = a.shape as [number, number, number];
  const n = b.shape[2]!;
  if (batch === 0 || m === 0 || n === 0 || batch > 65535) return false;
  // The stride of a dimension of size 1 never moves the index: 0 keeps it from spoiling vec4 alignment.
  const stride = (size: number, s: number): number => (size === 1 ? 0 : s);
  const [sa, sb] = [a.strides, b.strides];
  const lhs: OperandView = {
    offset: a.tensor._offset, batchStride: stride(batch, sa[0]!), outerStride: stride(m, sa[1]!), kStride: stride(k, sa[2]!), outer: m, k,
  };
  const rhs: OperandView = {
    offset: b.tensor._offset, batchStride: stride(batch, sb[0]!), outerStride: stride(n, sb[2]!), kStride: stride(k, sb[1]!), outer: n, k,
  };
  const small = batch * m * n * k < 1 << 18;
  const config = chooseTile(batch, m, n, small, device.info.maxComputeInvocationsPerWorkgroup);
  const [tileM, tileN] = [config.ty * config.rm, config.tx * config.rn];
  const groups: [number, number, number] = [Math.ceil(n / tileN), Math.ceil(m / tileM), batch];
  if (groups[0] > 65535 || groups[1] > 65535) return false;
  const modes = small ? ['outer1', 'outer1'] as const : [loadMode(lhs), loadMode(rhs)] as const;
  const vectorOut = !small && out._offset % 4 === 0 && n % 4 === 0;
  const words = new Words();
  const at = {
    sizes: words.push(m, n, k, out._offset),
    lhs: words.push(lhs.offset, lhs.batchStride, lhs.outerStride, lhs.kStride),
    rhs: words.push(rhs.offset, rhs.batchStride, rhs.outerStride, rhs.kStride),
  };
  const shape = `${tileM}x${tileN}x${config.bk}|thread${config.rm}x${config.rn}|wg${config.tx}x${config.ty}`;
  const key = `matmul|float32|${shape}|a:${modes[0]}|b:${modes[1]}|out:${vectorOut ? 'vec4' : 'f32'}`;
  const wgsl = matmulKernel(config, modes, vectorOut, words, at);
  if (device.compile(key, 'matmul kernel', wgsl) !== null) return false;
  const target = residencyOf(out.storage);
  const buffers = [residencyOf(a.tensor.storage).deviceBuffer(), residencyOf(b.tensor.storage).deviceBuffer(), target.deviceBuffer()];
  device.launch(key, 'matmul', words.data(), buffers, groups, overwritten(out));
  target.written();
  return true;
}

function matmulKernel(c: TileConfig, modes: readonly [LoadMode, LoadMode], vectorOut: boolean, words: Words, at: { sizes: number; lhs: number; rhs: number }): string {
  const r = (i: number): string => Words.ref(i);
  const threads = c.tx * c.ty;
  const [tileM, tileN] = [c.ty * c.rm, c.tx * c.rn];
  const element = (mode: LoadMode): string => (mode.endsWith('4') ? 'vec4<f32>' : 'f32');
  const operands = [
    { name: 'lhs', tile: 'tileA', reg: 'pa', mode: modes[0], rows: tileM, origin: 'row0', outer: 'M', at: at.lhs },
    { name: 'rhs', tile: 'tileB', reg: 'pb', mode: modes[1], rows: tileN, origin: 'col0', outer: 'N', at: at.rhs },
  ];
  const loadsOf = (rows: number): number => Math.ceil((rows * c.bk) / 4 / threads);
  // Loads the K step starting at `k0` into the registers `reg<l>` (4 values each).
  const load = (o: (typeof operands)[number], k0: string): string => {
    let code = '';
    const count = (o.rows * c.bk) / 4;
    for (let l = 0; l < loadsOf(o.rows); l++) {
      const v = `(tid + ${l * threads}u)`;
      const along = o.mode.startsWith('k');
      // Along K: one tile row, 4 consecutive k; along the rows: one k, 4 consecutive rows.
      const [row, kk] = along
        ? [`${o.origin} + ${v} / ${c.bk / 4}u`, `${k0} + ${v} % ${c.bk / 4}u * 4u`]
        : [`${o.origin} + ${v} % ${o.rows / 4}u * 4u`, `${k0} + ${v} / ${o.rows / 4}u`];
      const plus = (d: number): string => (d ? ` + ${d}u` : '');
      const index = (dr: number, dk: number): string => `${o.name}Base + (${row}${plus(dr)}) * ${r(o.at + 2)} + (${kk}${plus(dk)}) * ${r(o.at + 3)}`;
      let body = `${o.reg}${l} = vec4<f32>(0.0);\n`;
      if (o.mode.endsWith('4')) {
        body += `if (${row} < ${o.outer} && ${kk} < K) { ${o.reg}${l} = ${o.name}[(${index(0, 0)}) >> 2u]; }\n`;
      } else {
        for (let e = 0; e < 4; e++) {
          const [dr, dk] = along ? [0, e] : [e, 0];
          body += `if (${row} + ${dr}u < ${o.outer} && ${kk} + ${dk}u < K) { ${o.reg}${l}[${e}] = ${o.name}[${index(dr, dk)}]; }\n`;
        }
      }
      code += count % threads !== 0 && (l + 1) * threads > count ? `if (${v} < ${count}u) {\n${body}}\n` : body;
    }
    return code;
  };
  // Writes the registers into the k-major workgroup tile (a K-wise load lands in four tile rows).
  const store = (o: (typeof operands)[number]): string => {
    let code = '';
    const count = (o.rows * c.bk) / 4;
    for (let l = 0; l < loadsOf(o.rows); l++) {
      const v = `(tid + ${l * threads}u)`;
      let body: string;
      if (o.mode.startsWith('k')) {
        const row = `(${v} / ${c.bk / 4}u)`;
        body = [0, 1, 2, 3].map((e) => `${o.tile}[(${v} % ${c.bk / 4}u * 4u + ${e}u) * ${o.rows / 4}u + ${row} / 4u][${row} % 4u] = ${o.reg}${l}[${e}];\n`).join('');
      } else {
        body = `${o.tile}[${v}] = ${o.reg}${l};\n`;
      }
      code += count % threads !== 0 && (l + 1) * threads > count ? `if (${v} < ${count}u) {\n${body}}\n` : body;
    }
    return code;
  };
  const [groupsM, groupsN] = [c.rm / 4, c.rn / 4];
  const accumulators: string[] = [];
  for (let i = 0; i < c.rm; i++) for (let h = 0; h < groupsN; h++) accumulators.push(`acc${i}_${h}`);
  let compute = '';
  for (let g = 0; g < groupsM; g++) compute += `    let a${g} = tileA[kk * ${tileM / 4}u + ${g * c.ty}u + lid.y];\n`;
  for (let h = 0; h < groupsN; h++) compute += `    let b${h} = tileB[kk * ${tileN / 4}u + ${h * c.tx}u + lid.x];\n`;
  for (let i = 0; i < c.rm; i++) {
    for (let h = 0; h < groupsN; h++) compute += `    acc${i}_${h} += a${i >> 2}[${i & 3}] * b${h};\n`;
  }
  let write = '';
  for (let i = 0; i < c.rm; i++) {
    write += `  { let row = row0 + ${(i >> 2) * c.ty * 4}u + lid.y * 4u + ${i & 3}u;\n`;
    for (let h = 0; h < groupsN; h++) {
      const col = `col0 + ${h * c.tx * 4}u + lid.x * 4u`;
      write += vectorOut
        ? `    if (row < M && ${col} < N) { out[(oBase + row * N + ${col}) >> 2u] = acc${i}_${h}; }\n`
        : [0, 1, 2, 3].map((j) => `    if (row < M && ${col} + ${j}u < N) { out[oBase + row * N + ${col} + ${j}u] = acc${i}_${h}[${j}]; }\n`).join('');
    }
    write += '  }\n';
  }
  const registers = operands.map((o) => Array.from({ length: loadsOf(o.rows) }, (_, l) => `  var ${o.reg}${l}: vec4<f32>;\n`).join('')).join('');
  return `${words.declaration()}@group(0) @binding(1) var<storage, read> lhs: array<${element(modes[0])}>;
@group(0) @binding(2) var<storage, read> rhs: array<${element(modes[1])}>;
@group(0) @binding(3) var<storage, read_write> out: array<${vectorOut ? 'vec4<f32>' : 'f32'}>;
var<workgroup> tileA: array<vec4<f32>, ${(c.bk * tileM) / 4}>;
var<workgroup> tileB: array<vec4<f32>, ${(c.bk * tileN) / 4}>;
@compute @workgroup_size(${c.tx}, ${c.ty}, 1)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let M = ${r(at.sizes)}; let N = ${r(at.sizes + 1)}; let K = ${r(at.sizes + 2)};
  let lhsBase = ${r(at.lhs)} + wid.z * ${r(at.lhs + 1)};
  let rhsBase = ${r(at.rhs)} + wid.z * ${r(at.rhs + 1)};
  let row0 = wid.y * ${tileM}u;
  let col0 = wid.x * ${tileN}u;
  let tid = lid.y * ${c.tx}u + lid.x;
${accumulators.map((name) => `  var ${name} = vec4<f32>(0.0);\n`).join('')}${registers}${operands.map((o) => load(o, '0u')).join('')}
  for (var k0 = 0u; k0 < K; k0 += ${c.bk}u) {
    workgroupBarrier();
${operands.map(store).join('')}    workgroupBarrier();
    if (k0 + ${c.bk}u < K) {
      let k1 = k0 + ${c.bk}u;
${operands.map((o) => load(o, 'k1')).join('')}    }
    for (var kk = 0u; kk < ${c.bk}u; kk++) {
${compute}    }
  }
  let oBase = ${r(at.sizes + 3)} + wid.z * M * N;
${write}}
`;
}
