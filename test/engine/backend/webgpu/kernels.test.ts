// The webgpu device against the CPU reference: every elementwise op of the registry, casts, views, in-place
// writes, reductions, matmul, softmax, autograd through device tensors, and the CPU fallback. Small shapes: the CI
// adapter is a software GPU.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { F, torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { opRegistry } from '../../../../engine/ops/dispatch.ts';
import { assertMatches, device, startDevice, stridedFloats } from './setup.ts';

const skip = startDevice();
type Op = (...args: unknown[]) => Tensor;
const torchOp = (name: string): Op | undefined => (torch as unknown as Record<string, Op | undefined>)[name];

/** Runs `compute` on CPU inputs and on their device copies; the results match, or both throw the same error. */
function sameOnDevice(label: string, inputs: readonly Tensor[], compute: (...xs: Tensor[]) => Tensor, tolerance?: { rtol: number; atol: number }): void {
  let expected: Tensor;
  try {
    expected = compute(...inputs);
  } catch (error) {
    assert.throws(() => compute(...inputs.map((x) => x.cuda())), { message: (error as Error).message }, label);
    return;
  }
  assertMatches(compute(...inputs.map((x) => x.cuda())), expected, label, tolerance);
}

// Transcendentals in WGSL promise a few ulp (sin/cos an absolute 2^-11 near zero); the software GPU does better.
const loose = { rtol: 2e-4, atol: 1e-4 };

describe('webgpu kernels', { skip: skip ?? false }, () => {
  before(() => assert.ok(device().info.adapter.length > 0));

  test('torch.cuda, the cuda alias and printing', () => {
    assert.equal(torch.cuda.is_available(), true);
    assert.equal(torch.cuda.device_count(), 1);
    const x = torch.tensor([1, 2.5]).to('cuda');
    assert.equal(x.device.type, 'webgpu');
    assert.equal(x.is_cuda, true);
    assert.equal(String(x.device), 'cuda:0');
    assert.equal(String(torch.tensor([1.5]).to(torch.device('cuda'))), "tensor([1.5000], device='cuda:0')");
    assert.equal(String(torch.tensor([1, 2], { device: 'cuda' }).add(1)), "tensor([2, 3], device='cuda:0')");
    assert.equal(x.cpu().device.type, 'cpu');
    assert.deepEqual(x.to('cpu').tolist(), [1, 2.5]);
    assert.equal(x.sum().item(), 3.5);
  });

  test('every unary op with a WGSL expression, on float32 strided views', () => {
    let checked = 0;
    for (const [name, { kind, spec }] of opRegistry) {
      const op = torchOp(name);
      if (kind !== 'unary' || !op) continue;
      const [low, high] = spec.domain ?? [-3, 3];
      sameOnDevice(name, [stridedFloats(3, 5, low, high, checked + 1)], (x) => op(x), loose);
      checked++;
    }
    assert.ok(checked > 30, `${checked} unary ops`);
  });

  test('every binary op, broadcasting, on float32 and int32 (int32 exact)', () => {
    let checked = 0;
    for (const [name, { kind }] of opRegistry) {
      const op = torchOp(name);
      if (kind !== 'binary' || !op) continue;
      const a = stridedFloats(4, 3, 0.5, 3, checked + 1).reshape([4, 1, 3]);
      const b = stridedFloats(2, 3, 0.5, 3, checked + 7);
      sameOnDevice(`${name} float32`, [a, b], (x, y) => op(x, y), loose);
      sameOnDevice(`${name} int32`, [a.mul(3).int(), b.mul(3).int()], (x, y) => op(x, y));
      sameOnDevice(`${name} bool`, [a.gt(1.5), b.gt(1.5)], (x, y) => op(x, y));
      checked++;
    }
    assert.ok(checked > 20, `${checked} binary ops`);
  });

  test('NaN and infinities follow PyTorch through max, min, relu and the predicates', () => {
    const x = torch.tensor([NaN, 1, -Infinity, Infinity, -2]);
    const y = torch.tensor([0, NaN, 3, -1, -3]);
    for (const name of ['maximum', 'minimum', 'fmax', 'fmin']) sameOnDevice(name, [x, y], (a, b) => torchOp(name)!(a, b));
    for (const name of ['relu', 'isnan', 'isinf', 'isfinite', 'isposinf', 'isneginf']) sameOnDevice(name, [x], (a) => torchOp(name)!(a));
    sameOnDevice('max with NaN', [x], (a) => a.max());
    sameOnDevice('argmax with NaN', [x], (a) => a.argmax());
  });

  test('a Python scalar or a 0-dim CPU tensor joins a device op; another CPU tensor does not', () => {
    const x = torch.tensor([1.5, -2]);
    assertMatches(x.cuda().mul(2).add(torch.tensor(0.5)), x.mul(2).add(0.5), 'scalars');
    assert.throws(() => x.cuda().add(torch.ones(2)), {
      message: 'Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!',
    });
  });

  test('casts between float32, int32, bool, int64 and float64', () => {
    const x = torch.tensor([[-2.7, 0], [0.5, 3.9]]);
    for (const dtype of [torch.int32, torch.bool, torch.int64, torch.float64, torch.float32]) {
      sameOnDevice(`float32 -> ${dtype.name}`, [x], (a) => a.to(dtype));
      sameOnDevice(`${dtype.name} -> float32 (via views)`, [x.to(dtype).t()], (a) => a.float());
    }
    sameOnDevice('int64 views stay exact', [torch.arange(12).view(3, 4)], (a) => a.t().contiguous());
  });

  test('views, in-place ops and writes through views', () => {
    const base = stridedFloats(4, 6, -2, 2, 3);
    sameOnDevice('slice with step', [base], (a) => a.getitem('::2, 1::2').exp());
    sameOnDevice('expand', [torch.tensor([1.5, 2, 3])], (a) => a.expand(4, 3).mul(a.view(3, 1).expand(3, 3).sum(0)));
    sameOnDevice('add_ on a view', [base], (a) => { const c = a.clone(); c.getitem('1:3').add_(10); return c; });
    sameOnDevice('setitem', [base], (a) => { const c = a.clone(); c.setitem('0', torch.tensor(7.0)); c.setitem(':, 0', c.getitem(':, 1')); return c; });
  });

  test('reductions over dims, keepdim, full, with indices', () => {
    const x = stridedFloats(6, 5, -3, 3, 11).reshape([2, 3, 5]);
    sameOnDevice('sum', [x], (a) => a.sum());
    sameOnDevice('sum over [0, 2]', [x], (a) => a.sum([0, 2]));
    sameOnDevice('sum over 1 keepdim', [x], (a) => a.sum(1, true));
    sameOnDevice('mean over -1', [x], (a) => a.mean(-1));
    sameOnDevice('amax over 1', [x], (a) => a.amax(1));
    sameOnDevice('amin over [0, 1]', [x], (a) => a.amin([0, 1]));
    sameOnDevice('max values', [x], (a) => (a.max(2) as unknown as [Tensor, Tensor])[0]);
    sameOnDevice('max indices', [x], (a) => (a.max(2) as unknown as [Tensor, Tensor])[1]);
    sameOnDevice('min indices keepdim', [x], (a) => (a.min(0, true) as unknown as [Tensor, Tensor])[1]);
    sameOnDevice('argmax', [x], (a) => a.argmax());
    sameOnDevice('argmin over 1', [x], (a) => a.argmin(1));
    sameOnDevice('int32 max over 1', [x.mul(4).int()], (a) => (a.max(1) as unknown as [Tensor, Tensor])[0]);
    sameOnDevice('int32 sum (int64 result, CPU)', [x.mul(4).int()], (a) => a.sum(1));
  });

  test('matmul: odd sizes, transposed operands, batches and broadcast batches', () => {
    torch.manual_seed(5);
    const a = torch.randn(70, 33);
    const b = torch.randn(33, 90);
    sameOnDevice('mm 70x33 @ 33x90', [a, b], (x, y) => x.mm(y));
    sameOnDevice('mm of transposed views', [b, a], (x, y) => x.t().mm(y.t()));
    sameOnDevice('bmm', [torch.randn(3, 5, 7), torch.randn(3, 7, 2)], (x, y) => x.bmm(y));
    sameOnDevice('matmul broadcasting a batch', [torch.randn(2, 1, 4, 3), torch.randn(5, 3, 6)], (x, y) => x.matmul(y));
    sameOnDevice('mv', [a, torch.randn(33)], (x, v) => x.mv(v));
    sameOnDevice('dot', [torch.randn(9), torch.randn(9)], (x, y) => x.dot(y));
    sameOnDevice('F.linear', [torch.randn(4, 33), a], (x, w) => F.linear(x, w));
  });

  test('softmax and log_softmax along every dim', () => {
    const x = stridedFloats(6, 4, -5, 5, 21).reshape([2, 3, 4]);
    for (const dim of [0, 1, 2, -1]) {
      sameOnDevice(`softmax ${dim}`, [x], (a) => F.softmax(a, dim));
      sameOnDevice(`log_softmax ${dim}`, [x], (a) => F.log_softmax(a, dim));
    }
  });

  test('autograd through device tensors', () => {
    torch.manual_seed(2);
    const w = torch.randn(3, 4);
    const x = torch.randn(5, 3);
    const run = (wd: Tensor, xd: Tensor): Tensor => {
      const leaf = wd.detach().requires_grad_(true);
      F.log_softmax(xd.matmul(leaf).relu().add(1), 1).sum().backward();
      return leaf.grad!;
    };
    assertMatches(run(w.cuda(), x.cuda()), run(w, x), 'grad of w', loose);
    // A CPU leaf moved to the device gets its gradient back on the CPU (ToCopyBackward0).
    const leaf = w.detach().requires_grad_(true);
    leaf.cuda().mul(2).sum().backward();
    assert.equal(leaf.grad!.device.type, 'cpu');
    assert.deepEqual(leaf.grad!.tolist(), w.mul(0).add(2).tolist());
  });

  test('ops without a kernel run on the CPU, give the same numbers, and are counted', () => {
    const before = device().fallbacks.get('add') ?? 0;
    sameOnDevice('int64 add', [torch.arange(6)], (a) => a.add(3));
    assert.ok((device().fallbacks.get('add') ?? 0) > before);
    sameOnDevice('cumsum', [stridedFloats(3, 4, -1, 1, 4)], (a) => a.cumsum(1));
    // A host write (what a CPU kernel does to a device tensor) reaches the next kernel.
    const [g, c] = [torch.tensor([1, 2, 3.5]).cuda().exp(), torch.tensor([1, 2, 3.5]).exp()];
    g.storage.data[0] = 42;
    c.storage.data[0] = 42;
    assertMatches(g.add(1), c.add(1), 'host write then kernel');
  });

  test('the device reports its buffer pool and work', () => {
    assert.ok(torch.cuda.memory_reserved() >= torch.cuda.memory_allocated() && torch.cuda.memory_allocated() > 0);
    const stats = device().sync();
    assert.ok(stats.allocatedBytes >= stats.inUseBytes && stats.inUseBytes > 0);
    assert.ok(stats.buffersReused > 0 && stats.pipelines > 10 && stats.dispatches >= stats.submits);
    if (process.env['TENSOR_INSPECTOR_GPU_REPORT'] === '1') console.log(stats, device().fallbacks, device().transfers);
  });
});
