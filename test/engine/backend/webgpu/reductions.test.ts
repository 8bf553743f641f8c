// Reductions and scans on the webgpu device against the CPU reference: every reduction with a kernel, over strided
// views (transposed, sliced with steps, expanded), single, negative and multiple dims, keepdim, zero sizes, NaN, ties,
// and sizes that take each plan (one thread per output, a workgroup per output, two passes). None may fall back.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { assertMatches, device, startDevice } from './setup.ts';

const skip = startDevice();

type Reduction = (x: Tensor) => Tensor;
const first = (pair: unknown): Tensor => (pair as [Tensor, Tensor])[0];
const second = (pair: unknown): Tensor => (pair as [Tensor, Tensor])[1];

/** Float reductions, each over a dim list given by the caller. */
const floatOps: Record<string, (x: Tensor, dim: number | number[], keepdim: boolean) => Tensor> = {
  sum: (x, dim, keepdim) => x.sum(dim, keepdim),
  mean: (x, dim, keepdim) => x.mean(dim, keepdim),
  var: (x, dim, keepdim) => x.var(dim, true, keepdim),
  std_correction0: (x, dim, keepdim) => x.std({ dim, correction: 0, keepdim }),
  logsumexp: (x, dim, keepdim) => x.logsumexp(dim, keepdim),
  norm2: (x, dim, keepdim) => x.norm(2, dim, keepdim),
  norm1: (x, dim, keepdim) => x.norm(1, dim, keepdim),
  norm_inf: (x, dim, keepdim) => x.norm(Infinity, dim, keepdim),
  norm_neginf: (x, dim, keepdim) => x.norm(-Infinity, dim, keepdim),
  norm0: (x, dim, keepdim) => x.norm(0, dim, keepdim),
  norm3_5: (x, dim, keepdim) => x.norm(3.5, dim, keepdim),
  amax: (x, dim, keepdim) => x.amax(dim, keepdim),
  amin: (x, dim, keepdim) => x.amin(dim, keepdim),
};

/** Ops that take one dim. */
const oneDimOps: Record<string, (x: Tensor, dim: number, keepdim: boolean) => Tensor> = {
  prod: (x, dim, keepdim) => x.prod(dim, keepdim),
  argmax: (x, dim, keepdim) => x.argmax(dim, keepdim),
  argmin: (x, dim, keepdim) => x.argmin(dim, keepdim),
  max_values: (x, dim, keepdim) => first(x.max(dim, keepdim)),
  min_indices: (x, dim, keepdim) => second(x.min(dim, keepdim)),
  cumsum: (x, dim) => x.cumsum(dim),
  cumprod: (x, dim) => x.cumprod(dim),
};

const covered = ['sum', 'mean', 'prod', 'var', 'std', 'logsumexp', 'norm', 'max', 'min', 'argmax', 'argmin', 'cumsum', 'cumprod'];

function sameOnDevice(label: string, x: Tensor, op: Reduction, tolerance?: { rtol: number; atol: number }): void {
  assertMatches(op(x.cuda()), op(x), label, tolerance);
}

/** Named inputs of shape [6, 7, 5] with different layouts over their storage. */
function layouts(seed: number): Record<string, Tensor> {
  torch.manual_seed(seed);
  return {
    contiguous: torch.randn(6, 7, 5),
    transposed: torch.randn(5, 7, 6).transpose(0, 2),
    'sliced with steps': torch.randn(12, 8, 11).getitem('::2, 1:, ::2').getitem(':, :, :5'),
    expanded: torch.randn(1, 7, 1).expand(6, 7, 5),
  };
}

describe('webgpu reductions', { skip: skip ?? false }, () => {
  before(() => assert.ok(device().info.adapter.length > 0));

  test('float32 reductions over strided views: full, one dim, negative dims, several dims, keepdim', () => {
    for (const [layout, x] of Object.entries(layouts(1))) {
      for (const [name, op] of Object.entries(floatOps)) {
        sameOnDevice(`${name} full (${layout})`, x, (t) => op(t, [0, 1, 2], false));
        sameOnDevice(`${name} dim 1 (${layout})`, x, (t) => op(t, 1, false));
        sameOnDevice(`${name} dim -1 keepdim (${layout})`, x, (t) => op(t, -1, true));
        sameOnDevice(`${name} dims [0, 2] (${layout})`, x, (t) => op(t, [0, -1], false));
      }
      for (const [name, op] of Object.entries(oneDimOps)) {
        sameOnDevice(`${name} dim 0 (${layout})`, x, (t) => op(t, 0, false));
        sameOnDevice(`${name} dim -2 keepdim (${layout})`, x, (t) => op(t, -2, true));
      }
      sameOnDevice(`full prod (${layout})`, x.mul(0.5).add(1), (t) => t.prod());
      sameOnDevice(`full argmax (${layout})`, x, (t) => t.argmax());
      sameOnDevice(`full var (${layout})`, x, (t) => t.var());
    }
  });

  test('int32 and bool inputs: int64 sums and products, int32 extremes, exact', () => {
    for (const [layout, x] of Object.entries(layouts(2))) {
      const ints = x.mul(40).int();
      const small = x.mul(1.5).int();
      const bools = x.gt(0);
      sameOnDevice(`int32 sum (${layout})`, ints, (t) => t.sum());
      sameOnDevice(`int32 sum dims (${layout})`, ints, (t) => t.sum([0, 2], true));
      sameOnDevice(`int32 prod (${layout})`, small, (t) => t.prod(1));
      sameOnDevice(`int32 full prod (${layout})`, small.getitem('0, :3'), (t) => t.prod());
      sameOnDevice(`int32 cumsum (${layout})`, ints, (t) => t.cumsum(-1));
      sameOnDevice(`int32 cumprod (${layout})`, small, (t) => t.cumprod(0));
      sameOnDevice(`int32 max (${layout})`, ints, (t) => first(t.max(1)));
      sameOnDevice(`int32 argmin (${layout})`, ints, (t) => t.argmin());
      sameOnDevice(`bool sum (${layout})`, bools, (t) => t.sum(0));
      sameOnDevice(`bool cumsum (${layout})`, bools, (t) => t.cumsum(1));
      sameOnDevice(`bool prod (${layout})`, bools, (t) => t.prod(2));
    }
    // Negative products and sums past 2^31 wrap nowhere: int64 on the device too.
    sameOnDevice('int32 sum past 2^31', torch.full([70], 2 ** 30, { dtype: torch.int32 }), (t) => t.sum());
    sameOnDevice('int32 prod past 2^31', torch.tensor([-7, 1 << 20, 3 << 10, 5], { dtype: torch.int32 }), (t) => t.prod());
    sameOnDevice('int32 cumprod past 2^31', torch.tensor([-7, 1 << 20, 3 << 10, 5], { dtype: torch.int32 }), (t) => t.cumprod(0));
  });

  test('zero-size inputs and 0-dim tensors', () => {
    const empty = torch.randn(0, 4);
    for (const [name, op] of Object.entries(floatOps)) {
      if (name === 'amax' || name === 'amin') continue;
      sameOnDevice(`${name} over the empty dim`, empty, (t) => op(t, 0, false));
      sameOnDevice(`${name} over the other dim`, empty, (t) => op(t, 1, true));
    }
    sameOnDevice('empty full sum', empty, (t) => t.sum());
    sameOnDevice('empty prod', empty, (t) => t.prod(0));
    sameOnDevice('empty cumsum', empty, (t) => t.cumsum(0));
    sameOnDevice('empty int32 sum', empty.int(), (t) => t.sum(0));
    const scalar = torch.tensor(2.5);
    for (const op of [(t: Tensor) => t.sum(), (t: Tensor) => t.prod(), (t: Tensor) => t.var({ dim: 0, correction: 0 }),
      (t: Tensor) => t.logsumexp(0), (t: Tensor) => t.norm(), (t: Tensor) => t.cumsum(0), (t: Tensor) => t.argmax()]) {
      sameOnDevice(`0-dim ${op.toString()}`, scalar, op);
    }
  });

  test('NaN wins max/min/argmax/argmin (first NaN), and propagates through sums, norms, var and logsumexp', () => {
    const x = torch.randn(4, 50);
    x.setitem('1, 7', NaN);
    x.setitem('1, 30', NaN);
    x.setitem('2, 0', Infinity);
    x.setitem('3, 49', -Infinity);
    x.setitem('0, 3', NaN);
    for (const [name, op] of Object.entries(floatOps)) sameOnDevice(`${name} with NaN`, x, (t) => op(t, 1, false));
    for (const [name, op] of Object.entries(oneDimOps)) sameOnDevice(`${name} with NaN`, x, (t) => op(t, 1, false));
    sameOnDevice('argmax with NaN, flat', x, (t) => t.argmax());
    sameOnDevice('argmin with NaN, flat', x, (t) => t.argmin());
    sameOnDevice('sum of infinities', torch.tensor([Infinity, 1, 2.5]), (t) => t.sum());
    sameOnDevice('logsumexp of -inf', torch.full([3, 40], -Infinity), (t) => t.logsumexp(1));
    sameOnDevice('logsumexp of +inf', torch.tensor([[Infinity, 1.5], [Infinity, Infinity]]), (t) => t.logsumexp(1));
  });

  test('ties go to the first index in every plan', () => {
    for (const n of [20, 300, 1 << 18]) {
      const x = torch.zeros(n);
      for (const i of [n - 1, Math.floor(n / 2), 5, Math.floor(n / 3)]) x.setitem(String(i), 3.0);
      x.setitem(String(n - 2), -3.0);
      x.setitem(String(7), -3.0);
      sameOnDevice(`argmax of ${n}`, x, (t) => t.argmax());
      sameOnDevice(`argmin of ${n}`, x, (t) => t.argmin());
      x.setitem(String(n - 3), NaN);
      x.setitem(String(Math.floor(n / 2) + 1), NaN);
      sameOnDevice(`argmax of ${n} with NaN`, x, (t) => t.argmax());
      sameOnDevice(`max of ${n} with NaN`, x, (t) => t.max());
    }
  });

  test('large sizes: 1<<20 elements in two passes, 1000x3 and 3x1000 both ways', () => {
    torch.manual_seed(3);
    const big = torch.randn(1 << 20);
    for (const [name, op] of Object.entries(floatOps)) {
      if (name === 'norm0') continue;
      sameOnDevice(`${name} of 1<<20`, big, (t) => op(t, 0, false));
    }
    sameOnDevice('argmax of 1<<20', big, (t) => t.argmax());
    sameOnDevice('cumsum of 1<<20', big, (t) => t.cumsum(0));
    sameOnDevice('int32 sum of 1<<20', big.mul(1000).int(), (t) => t.sum());
    sameOnDevice('sum of 1<<20 positive', torch.rand(1 << 20), (t) => t.sum(), { rtol: 1e-6, atol: 0 });
    for (const shape of [[1000, 3], [3, 1000]]) {
      const x = torch.randn(shape);
      for (const dim of [0, 1]) {
        sameOnDevice(`sum ${shape} dim ${dim}`, x, (t) => t.sum(dim));
        sameOnDevice(`sum ${shape} dim ${dim} transposed`, x.t().contiguous().t(), (t) => t.sum(dim));
        sameOnDevice(`var ${shape} dim ${dim}`, x, (t) => t.var(dim));
        sameOnDevice(`argmin ${shape} dim ${dim}`, x, (t) => t.argmin(dim));
        sameOnDevice(`cumsum ${shape} dim ${dim}`, x, (t) => t.cumsum(dim));
        sameOnDevice(`cumprod ${shape} dim ${dim}`, x.mul(0.01).add(1), (t) => t.cumprod(dim));
      }
    }
  });

  test('var and std of values far from zero keep float32 accuracy in every plan', () => {
    torch.manual_seed(4);
    for (const n of [20, 1000, 1 << 18]) {
      const x = torch.randn(n).mul(0.01).add(1000);
      sameOnDevice(`var of ${n}`, x, (t) => t.var(), { rtol: 1e-5, atol: 0 });
      sameOnDevice(`std of ${n}`, x.view(2, -1), (t) => t.std(1), { rtol: 1e-5, atol: 0 });
    }
  });

  test('scans in every plan: a thread per row, a workgroup per row, chunked rows', () => {
    torch.manual_seed(5);
    for (const [rows, length] of [[40, 20], [3, 1000], [2, 1 << 17]] as const) {
      const x = torch.randn(length, rows).t();
      sameOnDevice(`cumsum ${rows}x${length}`, x, (t) => t.cumsum(1));
      sameOnDevice(`cumprod ${rows}x${length}`, x.mul(0.001).add(1), (t) => t.cumprod(-1));
      sameOnDevice(`int32 cumsum ${rows}x${length}`, x.mul(1000).int(), (t) => t.cumsum(1));
      sameOnDevice(`bool cumsum ${rows}x${length}`, x.gt(0), (t) => t.cumsum(1));
    }
  });

  test('no reduction above fell back to the CPU', () => {
    const fallen = [...device().fallbacks.keys()].filter((k) => covered.includes(k.split(' ')[0]!));
    assert.deepEqual(fallen, [], JSON.stringify([...device().fallbacks]));
  });
});
