// The register-blocked matmul (every tile shape, vec4 and strided loads, bounds at odd sizes) and the vec4
// elementwise path against the CPU reference. Note [Register-blocked matmul], Note [vec4 elementwise].
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { assertMatches, device, startDevice } from './setup.ts';

const skip = startDevice();

// Sums of a few hundred float32 products in another order: a few ulp of the largest partial sum.
const summed = { rtol: 1e-4, atol: 1e-4 };

const isNegativeZero = (v: number): boolean => Object.is(v, -0);

/** The pipeline keys `run` launches (every launch asks for its pipeline by key). */
function kernelsOf(run: () => void): string[] {
  const client = device();
  const compile = client.compile.bind(client);
  const keys: string[] = [];
  client.compile = (key, label, wgsl) => { keys.push(key); return compile(key, label, wgsl); };
  try { run(); } finally { client.compile = compile; }
  return keys;
}

/** The product on the device matches the CPU's, computed by a matmul kernel whose key contains `kernel`. */
function sameProduct(label: string, inputs: readonly Tensor[], compute: (...xs: Tensor[]) => Tensor, kernel = 'matmul|'): void {
  let result: Tensor | undefined;
  const keys = kernelsOf(() => { result = compute(...inputs.map((x) => x.cuda())); });
  assertMatches(result!, compute(...inputs), label, summed);
  assert.ok(keys.some((key) => key.startsWith('matmul|') && key.includes(kernel)), `${label}: ran ${keys.join(', ')}`);
}

/** A device copy of `t` whose storage starts `shift` elements in (so its views are not 4-aligned when shift is odd). */
function shifted(t: Tensor, shift: number): Tensor {
  return torch.cat([torch.zeros(shift), t.reshape(-1)]).cuda().getitem(`${shift}:`).view(t.shape);
}

describe('webgpu matmul', { skip: skip ?? false }, () => {
  test('square sizes around the tile edges, 1 to 129', () => {
    torch.manual_seed(1);
    for (const n of [1, 2, 4, 7, 16, 64, 127, 128, 129]) sameProduct(`mm ${n}`, [torch.randn(n, n), torch.randn(n, n)], (a, b) => a.mm(b));
  });

  test('rectangular, skinny and large-tile products', () => {
    torch.manual_seed(2);
    for (const [m, k, n, tile] of [
      [200, 300, 170, '64x64x16'], [3, 400, 700, '16x256x8'], [700, 400, 3, '256x16x8'], [5, 128, 520, '16x256x8|thread4x4|wg64x4|a:k4|b:outer4'],
      [520, 128, 5, '256x16x8|thread4x4|wg4x64|a:k4|b:outer1|out:f32'], [17, 1, 19, '64x64x16|thread4x4|wg16x16|a:outer1|b:outer1|out:f32'],
      [40, 40, 40, '64x64x16|thread4x4|wg16x16|a:outer1|b:outer1|out:f32'], [256, 64, 256, 'a:k4|b:outer4|out:vec4'], [1500, 9, 1543, '128x128x8|thread8x8|wg16x16|a:k1|b:outer1|out:f32'],
    ] as const) {
      sameProduct(`mm ${m}x${k}x${n}`, [torch.randn(m, k), torch.randn(k, n)], (a, b) => a.mm(b), tile);
    }
    sameProduct('bmm with the 128x128 tile', [torch.randn(130, 129, 8), torch.randn(130, 8, 132)], (a, b) => a.bmm(b), '128x128x8|thread8x8|wg16x16|a:k4|b:outer4|out:vec4');
  });

  test('transposed, sliced and unaligned operands read through their strides', () => {
    torch.manual_seed(3);
    const a = torch.randn(132, 72);
    const b = torch.randn(72, 68);
    sameProduct('a.t() @ b.t()', [b, a], (x, y) => x.t().mm(y.t()));
    sameProduct('a @ b.t() (k-contiguous right operand)', [a, torch.randn(68, 72)], (x, y) => x.mm(y.t()), 'a:k4|b:k4');
    sameProduct('a.t() @ b (row-contiguous left operand)', [torch.randn(72, 132), b], (x, y) => x.t().mm(y), 'a:outer4|b:outer4');
    sameProduct('column slices with steps', [a, b], (x, y) => x.getitem(':, 1::2').mm(y.getitem('1::2, 3:')));
    sameProduct('row slices', [a, b], (x, y) => x.getitem('5:120').mm(y.getitem(':, :-3')));
    for (const shift of [1, 2, 4]) {
      const [l, r] = [shifted(a, shift), shifted(b, shift + 1)];
      assertMatches(l.mm(r), a.mm(b), `storage offset ${shift}`, summed);
    }
  });

  test('bmm, matmul with broadcast batches, mv and dot', () => {
    torch.manual_seed(4);
    sameProduct('bmm', [torch.randn(3, 33, 20), torch.randn(3, 20, 44)], (x, y) => x.bmm(y));
    sameProduct('bmm of transposed batches', [torch.randn(3, 20, 33), torch.randn(3, 44, 20)], (x, y) => x.transpose(1, 2).bmm(y.transpose(1, 2)));
    sameProduct('matmul broadcasting a batch', [torch.randn(2, 1, 40, 24), torch.randn(5, 24, 36)], (x, y) => x.matmul(y));
    sameProduct('matmul of an expanded batch', [torch.randn(1, 9, 8), torch.randn(8, 12)], (x, y) => x.expand(4, 9, 8).matmul(y));
    sameProduct('mv', [torch.randn(130, 77), torch.randn(77)], (x, y) => x.mv(y));
    sameProduct('mv aligned', [torch.randn(64, 128), torch.randn(128)], (x, y) => x.mv(y));
    sameProduct('mv of a transposed matrix', [torch.randn(77, 130), torch.randn(77)], (x, y) => x.t().mv(y));
    sameProduct('vector @ matrix', [torch.randn(77), torch.randn(77, 90)], (x, y) => x.matmul(y));
    sameProduct('dot', [torch.randn(1000), torch.randn(1000)], (x, y) => x.dot(y));
    sameProduct('dot of strided vectors', [torch.randn(999), torch.randn(999)], (x, y) => x.getitem('::3').dot(y.getitem('1::3')));
  });

  test('devices with 128 threads per workgroup (OpenGL ES compatibility) get halved thread grids', () => {
    const info = device().info as { maxComputeInvocationsPerWorkgroup: number };
    const limit = info.maxComputeInvocationsPerWorkgroup;
    info.maxComputeInvocationsPerWorkgroup = 128;
    try {
      torch.manual_seed(6);
      sameProduct('large tile', [torch.randn(130, 130, 16), torch.randn(130, 16, 132)], (a, b) => a.bmm(b), '64x128x8|thread8x8|wg16x8|a:k4|b:outer4|out:vec4');
      sameProduct('narrow tile', [torch.randn(600, 90), torch.randn(90, 5)], (a, b) => a.mm(b), '128x16x8|thread4x4|wg4x32|a:k1|b:outer1|out:f32');
    } finally {
      info.maxComputeInvocationsPerWorkgroup = limit;
    }
  });

  test('NaN and infinities stay in their own rows and columns', () => {
    const a = torch.ones(9, 6);
    a.setitem('2, 3', NaN);
    a.setitem('5, 0', Infinity);
    sameProduct('special values', [a, torch.ones(6, 7)], (x, y) => x.mm(y));
  });
});

describe('webgpu vec4 elementwise', { skip: skip ?? false }, () => {
  const specials = torch.tensor([NaN, Infinity, -Infinity, -0, 0, 1, -1.5, 3e38, -3e38, 1e-30, 0.5, 2, 88.7, -88.7, 2e-38, 7]);
  const others = torch.tensor([1, -0, NaN, Infinity, -Infinity, 0, 2, 3e38, 0.5, -2, NaN, -0, 1, 0, 2, -7]);

  /** The vec4 result (contiguous, aligned) equals the scalar kernel's (the same values through a strided view). */
  function sameAsScalar(label: string, compute: (...xs: Tensor[]) => Tensor, inputs: readonly Tensor[]): void {
    let vector: Tensor | undefined;
    const keys = kernelsOf(() => { vector = compute(...inputs.map((x) => x.cuda())).cpu(); });
    assert.ok(keys.some((key) => key.includes('|vec4|')), `${label}: ran ${keys.join(', ')}`);
    const strided = compute(...inputs.map((x) => torch.stack([x, x], 1).cuda().getitem(':, 0'))).cpu();
    assert.deepEqual(Array.from(vector!._values(), isNegativeZero), Array.from(strided._values(), isNegativeZero), `${label}: signed zeros`);
    assert.deepEqual(vector!.tolist(), strided.tolist(), label);
    assertMatches(compute(...inputs.map((x) => x.cuda())), compute(...inputs), `${label} against the CPU`);
  }

  test('special values come out as in the scalar kernel', () => {
    for (const [label, fn] of [
      ['add', (x: Tensor, y: Tensor) => x.add(y)], ['mul', (x: Tensor, y: Tensor) => x.mul(y)], ['div', (x: Tensor, y: Tensor) => x.div(y)],
      ['maximum', (x: Tensor, y: Tensor) => x.maximum(y)], ['minimum', (x: Tensor, y: Tensor) => x.minimum(y)],
      ['lt', (x: Tensor, y: Tensor) => x.lt(y)], ['eq', (x: Tensor, y: Tensor) => x.eq(y)],
    ] as const) sameAsScalar(label, fn, [specials, others]);
    for (const [label, fn] of [
      ['exp', (x: Tensor) => x.exp()], ['log', (x: Tensor) => x.log()], ['sqrt', (x: Tensor) => x.sqrt()], ['neg', (x: Tensor) => x.neg()],
      ['relu', (x: Tensor) => x.relu()], ['tanh', (x: Tensor) => x.tanh()], ['isnan', (x: Tensor) => x.isnan()], ['mul by a scalar', (x: Tensor) => x.mul(-0.5)],
    ] as const) sameAsScalar(label, fn, [specials]);
  });

  test('int32 and bool operands take the vec4 path too', () => {
    const i = torch.arange(-8, 8, { dtype: torch.int32 });
    assertMatches(i.cuda().mul(i.flip(0).cuda()), i.mul(i.flip(0)), 'int32 mul');
    assertMatches(i.cuda().gt(0).logical_and(i.cuda().lt(5)), i.gt(0).logical_and(i.lt(5)), 'bool and');
  });

  test('unaligned, broadcast and odd-sized operands fall back to the strided kernel', () => {
    torch.manual_seed(5);
    const x = torch.randn(4, 6);
    assertMatches(x.cuda().getitem('1:').add(x.cuda().getitem(':3')), x.getitem('1:').add(x.getitem(':3')), 'offset by 6 (aligned)');
    assertMatches(x.cuda().reshape(-1).getitem('1:21').add(1), x.reshape(-1).getitem('1:21').add(1), 'offset by 1');
    assertMatches(x.cuda().add(x.cuda().getitem(':1')), x.add(x.getitem(':1')), 'broadcast');
    assertMatches(torch.arange(7).float().cuda().exp(), torch.arange(7).float().exp(), '7 elements');
  });
});

describe('webgpu recycled buffers', { skip: skip ?? false }, () => {
  // Note [Skipped clears]: a recycled buffer is zero-filled at its first use unless a kernel writes all of it.
  test('read as zeros where no kernel wrote, whether or not the zero-fill was skipped', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const reused = device().sync().buffersReused;
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 8; i++) torch.full([1024], 7).cuda().mul(3).add(1).sum().item();
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
      const z = torch.zeros(1024, { device: 'cuda' });
      z.getitem('::2').add_(1);
      const y = torch.ones(1024).cuda().mul(2);
      const expected = Array.from({ length: 1024 }, (_, i) => (i % 2 === 0 ? 1 : 0));
      assert.deepEqual(z.tolist(), expected, `round ${round}: a partly written tensor`);
      assert.deepEqual(y.tolist(), Array(1024).fill(2), `round ${round}: an overwritten tensor`);
      assert.deepEqual(torch.empty(1024, { device: 'cuda' }).tolist(), Array(1024).fill(0), `round ${round}: a fresh tensor`);
    }
    assert.ok(device().sync().buffersReused > reused, 'buffers were recycled');
  });
});
