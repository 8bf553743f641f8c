// Batched float32 matrix product over strided [batch, rows, cols] views, written into a contiguous output. Tiled and
// register-blocked: each 16x16 workgroup computes a 64x64 output tile, each thread a 4x4 block held in registers,
// stepping through K in tiles of 16 staged in workgroup memory. Out-of-range loads read 0 and out-of-range
// outputs are not written (the bounds checks of a tile that overhangs the matrix).
import type { Tensor } from '../../core/tensor.ts';
import type { DeviceClient } from './client.ts';
import { residencyOf } from './device.ts';
import { gpuType, storageBinding, Words } from './wgsl.ts';

/** A tensor's memory read as a [batch, rows, cols] stack with these strides (a batch stride of 0 broadcasts). */
export interface MatrixStack { tensor: Tensor; shape: readonly number[]; strides: readonly number[] }

const tile = 64;

export function runMatmul(device: DeviceClient, a: MatrixStack, b: MatrixStack, out: Tensor): boolean {
  if (gpuType(a.tensor.dtype) !== 'f32' || gpuType(b.tensor.dtype) !== 'f32' || gpuType(out.dtype) !== 'f32' || !out.is_contiguous()) return false;
  const [batch, m, k] = a.shape as [number, number, number];
  const n = b.shape[2]!;
  if (batch === 0 || m === 0 || n === 0 || batch > 65535) return false;
  const words = new Words();
  const at = {
    sizes: words.push(m, n, k, 0),
    offsets: words.push(a.tensor._offset, b.tensor._offset, out._offset, 0),
    a: words.push(...a.strides, 0),
    b: words.push(...b.strides, 0),
  };
  const r = (i: number): string => Words.ref(i);
  const wgsl = `${words.declaration()}${storageBinding(1, 'lhs', 'f32', 'read')}${storageBinding(2, 'rhs', 'f32', 'read')}${storageBinding(3, 'out', 'f32', 'read_write')}
var<workgroup> tileA: array<f32, 1024>;
var<workgroup> tileB: array<f32, 1024>;
@compute @workgroup_size(16, 16, 1)
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  let M = ${r(at.sizes)}; let N = ${r(at.sizes + 1)}; let K = ${r(at.sizes + 2)};
  let aBase = ${r(at.offsets)} + wid.z * ${r(at.a)};
  let bBase = ${r(at.offsets + 1)} + wid.z * ${r(at.b)};
  let row0 = wid.y * ${tile}u;
  let col0 = wid.x * ${tile}u;
  let tid = lid.y * 16u + lid.x;
  var acc: array<vec4<f32>, 4>;
  for (var k0 = 0u; k0 < K; k0 += 16u) {
    for (var l = 0u; l < 4u; l++) {
      let e = tid + l * 256u;
      let ar = row0 + e / 16u; let ac = k0 + e % 16u;
      var va = 0.0;
      if (ar < M && ac < K) { va = lhs[aBase + ar * ${r(at.a + 1)} + ac * ${r(at.a + 2)}]; }
      tileA[(e % 16u) * 64u + e / 16u] = va;
      let br = k0 + e / 64u; let bc = col0 + e % 64u;
      var vb = 0.0;
      if (br < K && bc < N) { vb = rhs[bBase + br * ${r(at.b + 1)} + bc * ${r(at.b + 2)}]; }
      tileB[e] = vb;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < 16u; kk++) {
      let bv = vec4<f32>(tileB[kk * 64u + lid.x * 4u], tileB[kk * 64u + lid.x * 4u + 1u], tileB[kk * 64u + lid.x * 4u + 2u], tileB[kk * 64u + lid.x * 4u + 3u]);
      for (var i = 0u; i < 4u; i++) { acc[i] += tileA[kk * 64u + lid.y * 4u + i] * bv; }
    }
    workgroupBarrier();
  }
  let oBase = ${r(at.offsets + 2)} + wid.z * M * N;
  for (var i = 0u; i < 4u; i++) {
    let row = row0 + lid.y * 4u + i;
    for (var j = 0u; j < 4u; j++) {
      let col = col0 + lid.x * 4u + j;
      if (row < M && col < N) { out[oBase + row * N + col] = acc[i][j]; }
    }
  }
}
`;
  const key = 'matmul|float32|tile64x64x16|wg16x16';
  if (device.compile(key, 'matmul kernel', wgsl) !== null) return false;
  const lhs = residencyOf(a.tensor.storage).deviceBuffer();
  const rhs = residencyOf(b.tensor.storage).deviceBuffer();
  const target = residencyOf(out.storage);
  target.deviceBuffer();
  device.launch(key, 'matmul', words.data(), [lhs, rhs, target.buffer], [Math.ceil(n / tile), Math.ceil(m / tile), batch]);
  target.written();
  return true;
}
