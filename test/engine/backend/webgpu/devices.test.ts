// Results live on their inputs' device, as in PyTorch: every golden case runs with its factories (`torch.tensor`,
// `torch.arange`, `torch.randn`, ...) making GPU tensors while the default device stays the CPU, so an op that
// allocates its result, a gradient or an index tensor without its input's device shows up as a CPU tensor here.
// Explicit cases cover gradients of device leaves, `*_like`, factories' `device` option, `.to('cpu')` and PyTorch's
// mixed-device error.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { torch, F } from '../../../../engine/index.ts';
import { Tensor } from '../../../../engine/core/tensor.ts';
import { cpu, defaultDevice } from '../../../../engine/core/device.ts';
import { runCase } from '../../../golden/run-case.ts';
import { startDevice } from './setup.ts';

const skip = startDevice();
const generated = new URL('../../../golden/generated/', import.meta.url);
const families = readdirSync(generated).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();

/** torch functions that take a `device` option; in the device run they make GPU tensors unless told otherwise. */
const factories = [
  'tensor', 'as_tensor', 'scalar_tensor', 'zeros', 'ones', 'full', 'empty', 'empty_strided', 'arange', 'range',
  'linspace', 'logspace', 'eye', 'rand', 'randn', 'randint', 'randperm', 'normal', 'tril_indices', 'triu_indices',
];

/**
 * Cases whose results PyTorch puts on the CPU whatever the inputs' device, told by their source: the legacy
 * constructors (`torch.FloatTensor` and its kin make CPU tensors; `torch.cuda.FloatTensor` is the GPU type) and
 * explicit moves to the CPU (`.cpu()`, `.to("cpu")`, `device: "cpu"`).
 */
const cpuByDesign = /torch\.(Float|Double|Long|Int|Bool)Tensor\b|\.cpu\(\)|["']cpu["']/;
const fixtures = new URL('../../../golden/fixtures/', import.meta.url);

const isOptions = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;

/** Runs `fn` with the factories making GPU tensors (an explicit `device` still wins); the default device stays the CPU. */
function onGpuInputs<T>(fn: () => T): T {
  const namespace = torch as unknown as Record<string, (...args: unknown[]) => unknown>;
  const saved = new Map<string, (...args: unknown[]) => unknown>();
  for (const name of factories) {
    const original = namespace[name];
    if (typeof original !== 'function') continue;
    saved.set(name, original);
    namespace[name] = (...args: unknown[]) => {
      const last = args[args.length - 1];
      if (isOptions(last)) return original(...args.slice(0, -1), { device: 'cuda', ...last });
      return original(...args, { device: 'cuda' });
    };
  }
  defaultDevice.current = cpu;
  try {
    return fn();
  } finally {
    for (const [name, original] of saved) namespace[name] = original;
  }
}

/** Paths to the CPU tensors reachable from `value` (lists, tuples, named tuples, objects, a leaf's `.grad`). */
function cpuTensors(value: unknown, path: string, out: string[], depth = 0): void {
  if (value instanceof Tensor) {
    if (value.device.type === 'cpu') out.push(path);
    if (value.grad) cpuTensors(value.grad, `${path}.grad`, out, depth + 1);
  } else if (value !== null && typeof value === 'object' && depth < 4 && !(value instanceof Number)) {
    for (const [key, item] of Object.entries(value)) cpuTensors(item, `${path}[${key}]`, out, depth + 1);
  }
}

function silently<T>(fn: () => T): { result?: T; error?: Error; printed: unknown[][] } {
  const printed: unknown[][] = [];
  const { result, error } = runCase(fn, (args) => { printed.push(args); }, { quiet: true });
  return { result, error: error as Error | undefined, printed };
}

describe('results of GPU inputs are GPU tensors', { skip: skip ?? false }, () => {
  for (const family of families) {
    test(family, async (t) => {
      const { cases } = (await import(new URL(`${family}.ts`, generated).href)) as { cases: Record<string, () => unknown> };
      const sources = JSON.parse(readFileSync(new URL(`${family}.json`, fixtures), 'utf8')) as Record<string, { source: string }>;
      const failures: string[] = [];
      let checked = 0;
      for (const [name, fn] of Object.entries(cases)) {
        if (cpuByDesign.test(sources[name]?.source ?? '')) continue;
        const expected = silently(fn);
        if (expected.error) continue;
        const actual = silently(() => onGpuInputs(fn));
        if (actual.error) {
          failures.push(`${name}: ${actual.error.message}`);
          continue;
        }
        const found: string[] = [];
        cpuTensors(actual.result, 'result', found);
        actual.printed.forEach((args, i) => cpuTensors(args, `print ${i + 1}`, found));
        if (found.length > 0) failures.push(`${name}: ${found.join(', ')} on the CPU`);
        checked++;
      }
      t.diagnostic(`${checked} cases checked`);
      assert.deepEqual(failures, []);
    });
  }
});

describe('devices follow PyTorch', { skip: skip ?? false }, () => {
  const onGpu = (t: Tensor | null, label: string): void => assert.equal(t?.device.type, 'webgpu', `${label} is on ${String(t?.device)}`);

  test('gradients of GPU leaves are GPU tensors (AccumulateGrad)', () => {
    const x = torch.randn(3, 4, { device: 'cuda', requires_grad: true });
    const w = torch.randn(4, 2, { device: 'cuda', requires_grad: true });
    x.matmul(w).relu().sum().backward();
    onGpu(x.grad, 'x.grad');
    onGpu(w.grad, 'w.grad');
    const y = torch.tensor([1.5, -2, 3], { device: 'cuda', requires_grad: true });
    y.sort().values.cumsum(0).max().backward();
    onGpu(y.grad, 'y.grad after sort/cumsum/max');
    const z = torch.ones(2, 3, { device: 'cuda', requires_grad: true });
    const [g] = torch.autograd.grad([z.pow(2).sum()], [z], { create_graph: true }) as Tensor[];
    onGpu(g!, 'autograd.grad');
  });

  test('index results, sampled results and gradients of ops the golden cases reach less often', () => {
    const g = torch.tensor([[3, -1, 2, 2], [0, 5, -4, 1]], { device: 'cuda', dtype: torch.float32, requires_grad: true });
    const img = torch.arange(32, { device: 'cuda' }).float().view(1, 2, 4, 4).requires_grad_();
    const idx = torch.tensor([1, 0, 3], { device: 'cuda' });
    const outputs: Record<string, () => unknown> = {
      'max(dim)': () => g.max(1), 'sort': () => g.sort(1), 'topk': () => g.topk(2), 'argsort': () => g.argsort(),
      'kthvalue': () => g.kthvalue(2, 1), 'median(dim)': () => g.median(1), 'mode': () => g.mode(1), 'msort': () => g.msort(),
      'unique': () => torch.unique(g.detach(), { return_inverse: true, return_counts: true }),
      'unique_consecutive': () => torch.unique_consecutive(idx, { return_inverse: true, return_counts: true }),
      'nonzero': () => g.nonzero(), 'argwhere': () => g.argwhere(), 'where(cond)': () => torch.where(g.gt(0)),
      'max_pool2d indices': () => F.max_pool2d(img, 2, { return_indices: true }),
      'avg_pool2d': () => F.avg_pool2d(img, 2), 'adaptive_avg_pool2d': () => F.adaptive_avg_pool2d(img, 3),
      'repeat_interleave(int)': () => g.repeat_interleave(2, 0), 'repeat_interleave(counts)': () => torch.repeat_interleave(idx),
      'one_hot': () => F.one_hot(idx, 4), 'tril': () => g.tril(), 'rsub': () => torch.rsub(g, 1),
      'as_strided': () => g.as_strided([2, 2], [1, 2]), 'normal(mean tensor)': () => torch.normal(g.detach(), 1),
      'bernoulli': () => torch.bernoulli(g.detach().sigmoid()), 'full_like': () => torch.full_like(g, 2),
      'einsum': () => torch.einsum('ij,kj->ik', g, g), 'outer': () => torch.outer(idx.float(), idx.float()),
      'cross_entropy': () => F.cross_entropy(g, torch.tensor([0, 3], { device: 'cuda' })),
      'nll_loss': () => F.nll_loss(g.log_softmax(1), torch.tensor([2, 1], { device: 'cuda' })),
    };
    const backward: Record<string, () => Tensor> = {
      'prod': () => g.prod(1).sum(), 'as_strided': () => g.as_strided([2, 2], [1, 2]).sum(),
      'max_pool2d': () => F.max_pool2d(img, 2).sum(), 'avg_pool2d': () => F.avg_pool2d(img, 3, { stride: 1, padding: 1 }).sum(),
      'conv2d': () => F.conv2d(img, torch.ones(1, 2, 2, 2, { device: 'cuda' })).sum(),
      'embedding': () => F.embedding(idx, g.t()).sum(), 'cross_entropy': () => F.cross_entropy(g, torch.tensor([0, 3], { device: 'cuda' })),
      'rsub': () => torch.rsub(g, 1, { alpha: 2 }).sum(), 'median': () => g.median(), 'sort': () => g.sort(1).values.mul(idx.float().sum()).sum(),
      'std': () => g.std(), 'lerp': () => g.lerp(g.detach().neg(), 0.3).sum(), 'clamp': () => g.clamp(-1, 1).sum(),
    };
    const onCpu: string[] = [];
    const check = (name: string, value: unknown) => {
      const found: string[] = [];
      cpuTensors(value, name, found);
      onCpu.push(...found);
    };
    for (const [name, fn] of Object.entries(outputs)) check(name, fn());
    for (const [name, fn] of Object.entries(backward)) {
      for (const leaf of [g, img]) leaf.grad = null;
      fn().backward();
      check(`${name} backward: g.grad`, g.grad);
      check(`${name} backward: img.grad`, img.grad);
    }
    assert.deepEqual(onCpu, []);
  });

  test('*_like and new_* keep the input device', () => {
    const x = torch.arange(6, { device: 'cuda' }).float().view(2, 3);
    for (const name of ['zeros_like', 'ones_like', 'empty_like', 'rand_like', 'randn_like'] as const) {
      onGpu((torch as unknown as Record<string, (t: Tensor) => Tensor>)[name]!(x), name);
    }
    onGpu(torch.full_like(x, 7), 'full_like');
    onGpu(torch.randint_like(x, 5), 'randint_like');
    onGpu(x.new_zeros(2), 'new_zeros');
    onGpu(x.new_tensor([1, 2]), 'new_tensor');
    assert.equal(torch.zeros_like(x, { device: 'cpu' }).device.type, 'cpu');
  });

  test('factories honour their device option', () => {
    const made: [string, Tensor][] = [
      ['zeros', torch.zeros(3, { device: 'cuda' })], ['ones', torch.ones([2, 2], { device: 'cuda' })],
      ['full', torch.full([2], 3, { device: 'cuda' })], ['empty', torch.empty(2, { device: 'cuda' })],
      ['arange', torch.arange(0, 5, 2, { device: 'cuda' })], ['linspace', torch.linspace(0, 1, 5, { device: 'cuda' })],
      ['eye', torch.eye(3, { device: 'cuda' })], ['normal', torch.normal(0, 1, [2], { device: 'cuda' })],
      ['rand', torch.rand(2, 3, { device: 'cuda' })], ['randn', torch.randn(4, { device: 'cuda' })],
      ['randint', torch.randint(0, 5, [3], { device: 'cuda' })], ['randperm', torch.randperm(5, { device: 'cuda' })],
      ['tensor', torch.tensor([[1, 2]], { device: 'cuda' })], ['tensor of a tensor', torch.tensor(torch.ones(2), { device: 'cuda' })],
    ];
    for (const [name, t] of made) onGpu(t, name);
    assert.equal(torch.zeros(3).device.type, 'cpu');
  });

  test(".to('cpu') and .cpu() come back to the CPU, and .to('cuda') goes to the GPU", () => {
    const x = torch.arange(4, { device: 'cuda' });
    assert.equal(x.to('cpu').device.type, 'cpu');
    assert.equal(x.cpu().device.type, 'cpu');
    onGpu(x.cpu().to('cuda'), ".to('cuda')");
    onGpu(x.cpu().cuda(), '.cuda()');
    const leaf = torch.ones(2, { requires_grad: true });
    leaf.cuda().mul(2).sum().backward();
    assert.equal(leaf.grad?.device.type, 'cpu', 'a CPU leaf moved to the GPU gets a CPU gradient');
  });

  test('mixed devices raise PyTorch\'s error; a 0-dim CPU tensor joins as a scalar', () => {
    const message = 'Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!';
    const g = torch.ones(3, { device: 'cuda' });
    const c = torch.ones(3);
    // Ops outside TensorIterator add which argument they checked, e.g. "(when checking argument for argument mat2 in method wrapper_mm)".
    const mixed = new RegExp(message.replace(/[.!()]/g, '\\$&'));
    assert.throws(() => g.add(c), { message });
    assert.throws(() => g.matmul(c), mixed);
    assert.throws(() => g.view(3, 1).mm(c.view(1, 3)), mixed);
    assert.throws(() => torch.maximum(g, c), { message });
    assert.throws(() => g.add_(c), { message });
    assert.throws(() => c.add(g), { message: message.replace('cuda:0 and cpu', 'cpu and cuda:0') });
    assert.throws(() => torch.cat([g, c]), mixed);
    assert.throws(() => torch.stack([g, c]), mixed);
    assert.throws(() => g.lerp(c, 0.5), { message });
    assert.throws(() => g.clamp(c, c), { message });
    assert.throws(() => g.addcmul(c, g), { message });
    onGpu(g.clone().copy_(c), 'copy_ from the CPU');
    onGpu(g.add(torch.tensor(2)), 'cuda + 0-dim cpu');
    onGpu(torch.tensor(2).mul(g), '0-dim cpu * cuda');
    onGpu(F.relu(g), 'F.relu');
  });
});
