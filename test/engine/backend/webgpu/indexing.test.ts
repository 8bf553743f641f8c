// Joins, indexing and the float kernels with special values on the webgpu device, against the CPU reference:
// contiguous, transposed, sliced-with-step and expanded inputs, every dtype, negative indices, the same errors, one
// gradient per op, and no CPU fallback for the ops covered here.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { assertMatches, device, startDevice } from './setup.ts';

const skip = startDevice();

/** Runs `compute` on CPU inputs and on their device copies; the results match. */
function sameOnDevice(label: string, inputs: readonly Tensor[], compute: (...xs: Tensor[]) => Tensor | Tensor[]): void {
  const expected = compute(...inputs);
  const actual = compute(...inputs.map((x) => x.cuda()));
  if (Array.isArray(expected)) (actual as Tensor[]).forEach((a, i) => assertMatches(a, expected[i]!, `${label}[${i}]`));
  else assertMatches(actual as Tensor, expected, label);
}

/** `compute` throws on the CPU, and the same error (class and message) on the device. */
function sameError(label: string, inputs: readonly Tensor[], compute: (...xs: Tensor[]) => unknown): void {
  let expected: Error | undefined;
  try { compute(...inputs); } catch (error) { expected = error as Error; }
  assert.ok(expected, `${label}: the CPU did not throw`);
  assert.throws(() => compute(...inputs.map((x) => x.cuda())), { name: expected.name, message: expected.message }, label);
}

const dtypes = [torch.float32, torch.int32, torch.int64, torch.bool];

/** A 4x6 tensor of `dtype` in four layouts: contiguous, transposed, sliced with a step, expanded. */
function layouts(dtype: typeof torch.float32, seed: number): [string, Tensor][] {
  torch.manual_seed(seed);
  const base = torch.randn(8, 12).mul(5);
  const cast = (t: Tensor) => (dtype === torch.bool ? t.gt(0) : t.to(dtype));
  return [
    ['contiguous', cast(base.getitem(':4, :6').contiguous())],
    ['transposed', cast(base.getitem(':6, :4').contiguous()).t()],
    ['sliced', cast(base.getitem('::2, 1::2'))],
    ['expanded', cast(base.getitem(':1, :6')).expand(4, 6)],
  ];
}

let counted = new Map<string, number>();
beforeEach(() => { if (skip === null) counted = new Map(device().fallbacks); });

/** Asserts no op named in `names` fell back to the CPU during the current test. */
function noFallback(...names: string[]): void {
  const fallen = [...device().fallbacks].filter(([k, n]) => n > (counted.get(k) ?? 0) && names.some((name) => k === name || k.startsWith(`${name} `)));
  assert.deepEqual(fallen, [], `fallbacks: ${JSON.stringify(fallen)}`);
}

describe('webgpu joins and indexing', { skip: skip ?? false }, () => {
  test('cat and stack: every dtype and layout, promotion, errors, gradients', () => {
    for (const dtype of dtypes) {
      for (const [name, x] of layouts(dtype, 1)) {
        sameOnDevice(`cat ${dtype.name} ${name}`, [x, x.getitem('1:3')], (a, b) => torch.cat([a, b, a], 0));
        sameOnDevice(`cat dim 1 ${dtype.name} ${name}`, [x, x.getitem(':, 1:3')], (a, b) => torch.cat([a, b], -1));
        sameOnDevice(`stack ${dtype.name} ${name}`, [x, x], (a, b) => torch.stack([a, b], 1));
        sameOnDevice(`hstack/vstack ${dtype.name} ${name}`, [x], (a) => torch.vstack([torch.hstack([a, a]), torch.hstack([a, a])]));
        sameOnDevice(`flip ${dtype.name} ${name}`, [x], (a) => torch.stack([a.flip(0), a.flip([0, 1]), a.flip(-1)]));
        sameOnDevice(`roll ${dtype.name} ${name}`, [x], (a) => torch.stack([a.roll(1, 0), a.roll([-2, 7], [1, 0]), a.roll(5)]));
        sameOnDevice(`tril and triu ${dtype.name} ${name}`, [x], (a) => torch.stack([a.tril(), a.triu(2), a.tril(-1), torch.triu(a.expand(2, 4, 6), -5).getitem(1)]));
        sameOnDevice(`repeat_interleave ${dtype.name} ${name}`, [x, torch.tensor([2, 0, 1, 3])], (a, r) => a.repeat_interleave(r, 0));
        sameOnDevice(`repeat and tile ${dtype.name} ${name}`, [x], (a) => torch.cat([a.repeat(2, 1, 3).view(-1), torch.tile(a, [2]).view(-1)]));
      }
    }
    const [f, i] = [layouts(torch.float32, 2)[1]![1], layouts(torch.int32, 3)[2]![1]];
    sameOnDevice('cat promotes int32 and float32', [f, i], (a, b) => torch.cat([a, b], 0));
    sameError('cat of mismatched sizes', [f, f.getitem(':, :2')], (a, b) => torch.cat([a, b], 0));
    sameError('stack of mismatched sizes', [f, f.getitem(':, :2')], (a, b) => torch.stack([a, b]));
    sameOnDevice('cat gradient', [f], (a) => {
      const x = a.detach().requires_grad_();
      torch.cat([x, x.mul(2)], 1).mul(torch.arange(48, { dtype: torch.float32 }).view(4, 12).to(x.device)).sum().backward();
      return x.grad!;
    });
    for (const [name, op] of [['tril', (u: Tensor) => u.tril(1)], ['flip', (u: Tensor) => u.flip(1)], ['roll', (u: Tensor) => u.roll([1, -1], [0, 1])], ['repeat', (u: Tensor) => u.repeat(2, 1)]] as const) {
      sameOnDevice(`${name} gradient`, [f], (a) => {
        const x = a.detach().requires_grad_();
        const y = op(x);
        y.mul(torch.arange(y.numel(), { dtype: torch.float32 }).view(y.shape).to(x.device)).sum().backward();
        return x.grad!;
      });
    }
    noFallback('copy', 'tril', 'triu', 'index_select');
  });
});

describe('webgpu gathers', { skip: skip ?? false }, () => {
  const long = (values: number[], shape?: number[]) => torch.tensor(values).view(shape ?? [values.length]);

  test('index_select, gather and take: every dtype and layout, negative and bad indices, gradients', () => {
    for (const dtype of dtypes) {
      for (const [name, x] of layouts(dtype, 4)) {
        const label = `${dtype.name} ${name}`;
        sameOnDevice(`index_select 0 ${label}`, [x, long([3, 0, 3, 1])], (a, i) => a.index_select(0, i));
        sameOnDevice(`index_select 1 int32 index ${label}`, [x, long([5, 2]).int()], (a, i) => torch.index_select(a, -1, i));
        sameOnDevice(`index_select strided index ${label}`, [x, long([4, 1, 0, 2, 5, 3]).getitem('::2')], (a, i) => a.index_select(1, i));
        sameError(`index_select out of range ${label}`, [x, long([0, 4])], (a, i) => a.index_select(0, i));
        sameError(`index_select negative ${label}`, [x, long([-1])], (a, i) => a.index_select(1, i));
        const g = long([0, 5, 2, 1, 3, 3, 4, 0], [2, 4]);
        sameOnDevice(`gather 1 ${label}`, [x, g], (a, i) => a.gather(1, i));
        sameOnDevice(`gather 0 transposed index ${label}`, [x, g.getitem(':, :2').remainder(4).t()], (a, i) => a.gather(0, i));
        sameOnDevice(`gather expanded index ${label}`, [x, long([2, 0]).view(1, 2).expand(3, 2)], (a, i) => torch.gather(a, 1, i));
        sameError(`gather out of range ${label}`, [x, long([0, 6])], (a, i) => a.gather(1, i.view(1, 2)));
        sameError(`gather negative ${label}`, [x, long([-1, 0])], (a, i) => a.gather(1, i.view(1, 2)));
        sameOnDevice(`take ${label}`, [x, long([0, -1, 7, -24, 23, 5], [3, 2])], (a, i) => a.take(i));
        sameOnDevice(`take transposed index ${label}`, [x, long([0, -1, 7, -24, 23, 5], [3, 2]).t()], (a, i) => torch.take(a, i));
        sameError(`take out of range ${label}`, [x, long([24])], (a, i) => a.take(i));
      }
    }
    const x = layouts(torch.float32, 5)[1]![1];
    sameOnDevice('gather of a device-computed index', [x], (a) => a.gather(1, a.argmax(1, true)));
    sameOnDevice('0-dim index_select and take', [x.getitem('0, 0'), torch.tensor(0)], (a, i) => torch.stack([a.index_select(0, i), a.take(i)]));
    noFallback('index_select', 'gather', 'take', 'copy');
  });
});

describe('webgpu scatters and selects', { skip: skip ?? false }, () => {
  const long = (values: number[], shape?: number[]) => torch.tensor(values).view(shape ?? [values.length]);

  test('scatter, scatter_add and index_add: repeated indices resolve as on the CPU, every dtype and layout', () => {
    for (const dtype of dtypes) {
      for (const [name, x] of layouts(dtype, 6)) {
        const label = `${dtype.name} ${name}`;
        const self = x.clone();
        const index = long([0, 3, 3, 1, 2, 2, 0, 0], [2, 4]);
        sameOnDevice(`scatter 0 ${label}`, [self, index, x], (a, i, s) => a.scatter(0, i, s));
        sameOnDevice(`scatter 1 value ${label}`, [self, index.t()], (a, i) => a.scatter(1, i, 2));
        sameOnDevice(`scatter_ in place ${label}`, [self, index], (a, i) => a.clone().scatter_(1, i, x.to(a.device)));
        sameError(`scatter out of range ${label}`, [self, long([0, 9], [1, 2])], (a, i) => a.scatter(1, i, 1));
        sameError(`scatter negative ${label}`, [self, long([0, -1], [1, 2])], (a, i) => a.scatter(1, i, 1));
        if (dtype !== torch.int64) {
          sameOnDevice(`scatter_add ${label}`, [self, index, x], (a, i, s) => a.scatter_add(0, i, s));
          sameOnDevice(`scatter reduce multiply ${label}`, [self, index, x], (a, i, s) => a.scatter(0, i, s, { reduce: 'multiply' }));
          sameOnDevice(`index_add ${label}`, [self, long([5, 0, 5]), x.getitem(':, :3')], (a, i, s) => a.index_add(1, i, s));
          sameOnDevice(`index_add broadcast source ${label}`, [self, long([1, 1]).int(), x.getitem(':2, :1')], (a, i, s) => a.index_add(0, i, s));
          sameError(`index_add out of range ${label}`, [self, long([4]), x.getitem(':1')], (a, i, s) => a.index_add(0, i, s));
        }
      }
    }
    const x = layouts(torch.float32, 7)[2]![1];
    sameOnDevice('index_add alpha', [x, long([3, 3, 0])], (a, i) => a.index_add(0, i, a.getitem(':3'), { alpha: 0.5 }));
    noFallback('scatter', 'index_add', 'copy');
  });

  test('masked_fill and where: every dtype and layout, broadcasting, scalars', () => {
    for (const dtype of dtypes) {
      for (const [name, x] of layouts(dtype, 8)) {
        const label = `${dtype.name} ${name}`;
        const mask = layouts(torch.bool, 9)[1]![1];
        sameOnDevice(`masked_fill ${label}`, [x, mask], (a, m) => a.masked_fill(m, 3));
        sameOnDevice(`masked_fill broadcast mask ${label}`, [x, mask.getitem('0')], (a, m) => a.masked_fill(m, 1));
        sameOnDevice(`masked_fill tensor value ${label}`, [x, mask, torch.tensor(7)], (a, m, v) => a.masked_fill(m, v));
        sameOnDevice(`masked_fill float tensor value ${label}`, [x, mask, torch.tensor(-2.5)], (a, m, v) => a.masked_fill(m, v));
        sameOnDevice(`masked_select ${label}`, [x, mask.getitem('1:2')], (a, m) => a.masked_select(m));
        sameOnDevice(`masked_fill_ ${label}`, [x, mask], (a, m) => a.clone().masked_fill_(m, 0));
        sameOnDevice(`where ${label}`, [mask, x, x.flip(0)], (m, a, b) => torch.where(m, a, b));
        sameOnDevice(`where scalars ${label}`, [mask.getitem(':1'), x], (m, a) => torch.where(m, a, 2));
        sameOnDevice(`where method ${label}`, [mask, x], (m, a) => a.where(m, a.getitem('1:2')));
      }
    }
    sameOnDevice('where(cond) gives device indices', [layouts(torch.bool, 17)[2]![1]], (m) => [...torch.where(m)]);
    sameOnDevice('where with two scalars', [layouts(torch.bool, 10)[0]![1]], (m) => torch.where(m, 1.5, -2));
    sameOnDevice('where promotes', [layouts(torch.bool, 11)[0]![1], layouts(torch.int32, 12)[0]![1]], (m, a) => torch.where(m, a, 0.5));
    sameError('masked_fill with a non-bool mask', [torch.ones(3), torch.ones(3)], (a, m) => a.masked_fill(m, 1));
    noFallback('masked_fill', 'masked_select', 'where', 'copy bool->bool', 'copy float32', 'copy int32');
  });
});

describe('webgpu advanced indexing', { skip: skip ?? false }, () => {
  test('getitem and setitem with a tensor index: every dtype and layout, negative and repeated indices, masks', () => {
    for (const dtype of dtypes) {
      for (const [name, x] of layouts(dtype, 13)) {
        const label = `${dtype.name} ${name}`;
        const index = torch.tensor([[3, -1], [0, 0]]);
        sameOnDevice(`x[index] ${label}`, [x, index], (a, i) => a.getitem(i));
        sameOnDevice(`x[list] ${label}`, [x], (a) => a.getitem([3, -1, 3]));
        sameOnDevice(`x[mask] ${label}`, [x, layouts(torch.bool, 14)[0]![1]], (a, m) => a.getitem(m));
        sameOnDevice(`x[row mask] ${label}`, [x, torch.tensor([true, false, true, true])], (a, m) => a.getitem(m));
        sameError(`x[index] out of range ${label}`, [x, torch.tensor([4])], (a, i) => a.getitem(i));
        sameOnDevice(`x[index] = v, repeated ${label}`, [x, torch.tensor([1, -3, 2, 1])], (a, i) => {
          const y = a.clone();
          y.setitem(i, torch.arange(24, { dtype: torch.float32 }).view(4, 6).to(y.dtype).to(y.device));
          return y;
        });
        sameOnDevice(`x[mask] = scalar ${label}`, [x, layouts(torch.bool, 15)[2]![1]], (a, m) => {
          const y = a.clone();
          y.setitem(m, 1);
          return y;
        });
        sameOnDevice(`x[index] = broadcast row ${label}`, [x, torch.tensor([0, 2])], (a, i) => {
          const y = a.t().contiguous().t();
          y.setitem(i, a.getitem('0'));
          return y;
        });
      }
    }
    noFallback('index', 'index_put', 'copy');
  });
});

describe('webgpu float kernels at special values', { skip: skip ?? false }, () => {
  const special = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 0.5, -0.5, 2, -2, 3, -3, 2.5, -2.5, 7.25, -1e-3, 1e30, -1e30, 1e-30, 65, -64];
  const column = torch.tensor(special).view(-1, 1);
  const row = torch.tensor(special).view(1, -1);
  const wide = torch.tensor([...special, ...[...special].reverse()]).view(1, -1);

  test('pow, atan2, remainder, fmod and floor/trunc division on a grid of special values', () => {
    const ops: [string, (a: Tensor, b: Tensor) => Tensor][] = [
      ['pow', (a, b) => torch.pow(a, b)],
      ['atan2', (a, b) => torch.atan2(a, b)],
      ['remainder', (a, b) => torch.remainder(a, b)],
      ['fmod', (a, b) => torch.fmod(a, b)],
      ['floor_divide', (a, b) => torch.floor_divide(a, b)],
      ['div floor', (a, b) => torch.div(a, b, { rounding_mode: 'floor' })],
      ['div trunc', (a, b) => torch.div(a, b, { rounding_mode: 'trunc' })],
    ];
    for (const [name, op] of ops) {
      sameOnDevice(`${name} grid`, [column, row], op);
      // Signed zeros are part of the answer: compare 1 / x, which tells -0 from 0.
      sameOnDevice(`${name} signed zeros`, [column, row], (a, b) => op(a, b).reciprocal());
      sameOnDevice(`${name} transposed and sliced`, [column.expand(-1, 4).t(), wide.getitem(':, ::2')], op);
    }
    torch.manual_seed(3);
    const x = torch.randn(40).mul(100);
    const y = torch.randn(40).mul(7);
    for (const [name, op] of ops) sameOnDevice(`${name} random`, [x, y], op);
    sameOnDevice('pow with scalar exponents', [column], (a) => torch.stack([0.5, -0.5, 2, 3, -1, -2, 0, 1.5, -3].map((e) => a.pow(e))));
    sameOnDevice('scalar base', [row], (b) => torch.pow(2, b));
    noFallback('pow', 'atan2', 'remainder', 'fmod', 'div_floor', 'div_trunc', 'sqrt', 'rsqrt');
  });

  test('gradients of the float kernels on the device', () => {
    const a = torch.tensor([0.5, 1.5, -2.5, 3]);
    const b = torch.tensor([2, -1.5, 0.75, 4]);
    const grads = (f: (x: Tensor, y: Tensor) => Tensor) => (x: Tensor, y: Tensor) => {
      const [u, v] = [x.detach().requires_grad_(), y.detach().requires_grad_()];
      f(u, v).sum().backward();
      return [u.grad!, v.grad!];
    };
    sameOnDevice('pow backward', [a.abs(), b], grads((x, y) => x.pow(y)));
    sameOnDevice('atan2 backward', [a, b], grads((x, y) => torch.atan2(x, y)));
    sameOnDevice('remainder backward', [a, b], grads((x, y) => x.remainder(y)));
    sameOnDevice('fmod backward', [a, b], grads((x, y) => x.fmod(y)));
    noFallback('pow', 'atan2', 'remainder', 'fmod', 'div_floor');
  });
});

describe('webgpu backward of joins and indexing', { skip: skip ?? false }, () => {
  test('a lookup, join and select step waits for the device only when asked for a value', () => {
    torch.manual_seed(0);
    const table = torch.randn(64, 16).cuda().requires_grad_();
    const index = torch.randint(0, 64, [32]).cuda();
    const columns = torch.randint(0, 16, [32, 4]).cuda();
    const mask = torch.rand(32, 20).gt(0.5).cuda();
    const readbacks = device().transfers.readbacks;
    const rows = table.index_select(0, index);
    const joined = torch.cat([rows, rows.gather(1, columns)], 1);
    torch.where(mask, joined, joined.mul(0.5)).pow(2).sum().backward();
    assert.equal(device().transfers.readbacks, readbacks);
    assert.ok(Number(table.grad!.abs().sum().item()) > 0);
  });

  test('one gradient per op, computed on the device, matches the CPU', () => {
    const x = layouts(torch.float32, 16)[1]![1];
    const weights = torch.arange(1, 49, { dtype: torch.float32 });
    /** The gradient of sum(w * f(x)) at x, with w a fixed ramp (so each output element counts differently). */
    const grad = (f: (x: Tensor) => Tensor) => (a: Tensor) => {
      const u = a.detach().requires_grad_();
      const y = f(u);
      y.mul(weights.to(y.device).getitem(`:${y.numel()}`).view(y.shape)).sum().backward();
      return u.grad!;
    };
    const index = torch.tensor([[3, 0, 3], [1, 2, 2]]);
    const cases: [string, (x: Tensor) => Tensor][] = [
      ['stack', (u) => torch.stack([u, u.mul(2)], 1)],
      ['index_select', (u) => u.index_select(1, torch.tensor([5, 0, 5]).to(u.device))],
      ['gather', (u) => u.gather(0, index.to(u.device))],
      ['scatter', (u) => u.scatter(0, index.to(u.device), u.getitem(':2, :3').mul(3))],
      ['scatter_add', (u) => u.scatter_add(0, index.to(u.device), u.getitem(':2, :3').mul(3))],
      ['index_add', (u) => u.index_add(1, torch.tensor([1, 1]).to(u.device), u.getitem(':, :2'))],
      ['take', (u) => u.take(torch.tensor([0, -1, 5, 5]).to(u.device))],
      ['masked_fill', (u) => u.masked_fill(u.gt(0), 2)],
      ['masked_select', (u) => u.masked_select(u.gt(0.5))],
      ['masked_fill with a tensor value', (u) => u.masked_fill(u.gt(0), u.getitem('1, 1').mul(2))],
      ['where', (u) => torch.where(u.gt(0), u, u.mul(-3))],
      ['getitem', (u) => u.getitem(torch.tensor([2, -1, 2]).to(u.device))],
      ['index_put', (u) => {
        const y = u.mul(1);
        y.setitem(torch.tensor([0, 2, 0]).to(u.device), u.getitem(':3').mul(5));
        return y;
      }],
    ];
    for (const [name, f] of cases) sameOnDevice(`${name} backward`, [x], grad(f));
    noFallback('copy', 'index_select', 'gather', 'scatter', 'index_add', 'take', 'masked_fill', 'masked_select', 'where', 'index', 'index_put', 'mul', 'sum');
  });
});
