// Reductions against a plain reference: every slice's values gathered in row-major order and folded in JavaScript,
// over contiguous, transposed, permuted, expanded and offset strided inputs, with and without keepdim.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { scanDim } from '../../../../engine/backend/cpu/kernels.ts';
import { prng, randomTensor } from '../../helpers.ts';

/** Reduces `values` (row-major, of `shape`) over `dims` with `fold`; returns the output values row-major. */
function reference(values: number[], shape: number[], dims: number[], fold: (slice: number[]) => number): number[] {
  const kept = shape.map((_, i) => i).filter((i) => !dims.includes(i));
  const slices = new Map<string, number[]>();
  const order: string[] = [];
  const index = new Array<number>(shape.length).fill(0);
  for (const v of values) {
    const key = kept.map((i) => index[i]).join(',');
    if (!slices.has(key)) { slices.set(key, []); order.push(key); }
    slices.get(key)!.push(v);
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return order.map((key) => fold(slices.get(key)!));
}

function close(actual: number[], expected: number[], tol = 1e-9): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    if (Number.isNaN(e)) assert.ok(Number.isNaN(a), `[${i}] expected nan, got ${a}`);
    else if (!Number.isFinite(e)) assert.equal(a, e);
    else assert.ok(Math.abs(a - e) <= tol * (1 + Math.abs(e)), `[${i}] expected ${e}, got ${a}`);
  });
}

const random = prng(42);
const base = randomTensor(random, [3, 4, 5], -2, 2, false);
const inputs: [string, Tensor][] = [
  ['contiguous', base],
  ['permuted', base.permute(2, 0, 1)],
  ['transposed', base.transpose(0, 2)],
  ['expanded', randomTensor(random, [4, 1], -2, 2, false).expand(3, 4, 5)],
  ['offset and stepped', base.as_strided([2, 3, 2], [20, 5, 2], 1)],
];

const sumOf = (s: number[]) => s.reduce((a, b) => a + b, 0);
const meanOf = (s: number[]) => sumOf(s) / s.length;
const varOf = (correction: number) => (s: number[]) => {
  const m = meanOf(s);
  return sumOf(s.map((x) => (x - m) ** 2)) / Math.max(0, s.length - correction);
};
const folds: [string, (x: Tensor, dims: number[], keepdim: boolean) => Tensor, (s: number[]) => number][] = [
  ['sum', (x, dims, keepdim) => x.sum(dims, keepdim), sumOf],
  ['mean', (x, dims, keepdim) => x.mean(dims, keepdim), meanOf],
  ['amax', (x, dims, keepdim) => x.amax(dims, keepdim), (s) => Math.max(...s)],
  ['amin', (x, dims, keepdim) => x.amin(dims, keepdim), (s) => Math.min(...s)],
  ['var', (x, dims, keepdim) => x.var(dims, true, keepdim), varOf(1)],
  ['std correction 0', (x, dims, keepdim) => x.std({ dim: dims, correction: 0, keepdim }), (s) => Math.sqrt(varOf(0)(s))],
  ['norm 3', (x, dims, keepdim) => x.norm(3, dims, keepdim), (s) => sumOf(s.map((v) => Math.abs(v) ** 3)) ** (1 / 3)],
  ['logsumexp', (x, dims, keepdim) => x.logsumexp(dims, keepdim), (s) => Math.log(sumOf(s.map(Math.exp)))],
  ['count_nonzero', (x, dims) => x.count_nonzero(dims), (s) => s.filter((v) => v !== 0).length],
];

describe('multi-dim reductions match the reference on strided inputs', () => {
  for (const [name, op, fold] of folds) {
    test(name, () => {
      for (const [, x] of inputs) {
        for (const dims of [[0], [2], [0, 2], [1, 0], [-1, -2], [0, 1, 2]]) {
          for (const keepdim of name === 'count_nonzero' ? [false] : [false, true]) {
            const out = op(x, dims, keepdim);
            const wrapped = dims.map((d) => (d + 3) % 3);
            close(out._values(), reference(x._values(), [...x.shape], wrapped, fold));
            const expectedShape = x.shape.flatMap((d, i) => (wrapped.includes(i) ? (keepdim ? [1] : []) : [d]));
            assert.deepEqual([...out.shape], expectedShape);
          }
        }
      }
    });
  }
});

describe('single-dim reductions match the reference on strided inputs', () => {
  const firstIndex = (better: (a: number, b: number) => boolean) => (s: number[]) =>
    s.reduce((best, v, i) => (better(v, s[best]!) ? i : best), 0);
  const cases: [string, (x: Tensor, dim: number) => Tensor, (s: number[]) => number][] = [
    ['prod', (x, d) => x.prod(d), (s) => s.reduce((a, b) => a * b, 1)],
    ['max values', (x, d) => x.max(d).values, (s) => Math.max(...s)],
    ['max indices', (x, d) => x.max(d).indices, firstIndex((a, b) => a > b)],
    ['min indices', (x, d) => x.min(d).indices, firstIndex((a, b) => a < b)],
    ['argmax', (x, d) => x.argmax(d), firstIndex((a, b) => a > b)],
    ['argmin', (x, d) => x.argmin(d), firstIndex((a, b) => a < b)],
    ['all', (x, d) => x.gt(-1.5).all(d), (s) => Number(s.every((v) => v > -1.5))],
    ['any', (x, d) => x.gt(1.5).any(d), (s) => Number(s.some((v) => v > 1.5))],
  ];
  for (const [name, op, fold] of cases) {
    test(name, () => {
      for (const [, x] of inputs) {
        for (const dim of [0, 1, 2, -1]) {
          close(op(x, dim)._values(), reference(x._values(), [...x.shape], [(dim + 3) % 3], fold));
        }
      }
    });
  }
});

test('ties and nan: the first index of the extreme, nan beats everything', () => {
  const x = torch.tensor([[1, 3, 3, 2], [NaN, 5, NaN, 1], [-1, -1, -4, -4]], { dtype: torch.float32 });
  assert.deepEqual(x.argmax(1).tolist(), [1, 0, 0]);
  assert.deepEqual(x.argmin(1).tolist(), [0, 0, 2]);
  assert.deepEqual(x.max(1).indices.tolist(), [1, 0, 0]);
  assert.deepEqual(x.min(1).indices.tolist(), [0, 0, 2]);
  assert.equal(x.argmax().item(), 4);
  assert.ok(Number.isNaN(x.max().item() as number));
  assert.ok(Number.isNaN(x.amin(1)._values()[1]!));
  const repeated = torch.tensor(Array.from({ length: 100 }, (_, i) => (i % 7 === 3 ? 9 : i % 5)));
  assert.equal(repeated.argmax().item(), 3);
});

test('cumsum and cumprod scan along a dim of strided inputs', () => {
  for (const [, x] of inputs) {
    for (const dim of [0, 1, 2]) {
      const moved = x.movedim(dim, -1);
      const rows = moved.reshape(-1, x.shape[dim]!).tolist() as number[][];
      const scan = (step: (a: number, b: number) => number) => rows.flatMap((r) => {
        let acc = NaN;
        return r.map((v, i) => (acc = i === 0 ? v : step(acc, v)));
      });
      close(x.cumsum(dim).movedim(dim, -1).reshape(-1)._values(), scan((a, b) => a + b));
      close(x.cumprod(dim).movedim(dim, -1).reshape(-1)._values(), scan((a, b) => a * b));
    }
  }
});

test('scanDim writes a contiguous output from a strided input', () => {
  const out = new Float64Array(6);
  // A [2, 3] view of [0..5] read column-major (strides [1, 2]).
  scanDim(out, { data: new Float64Array([0, 1, 2, 3, 4, 5]), shape: [2, 3], strides: [1, 2], offset: 0 }, 1, 0, (a, b) => a + b);
  assert.deepEqual([...out], [0, 2, 6, 1, 4, 9]);
});

test('integer and bool inputs: sums and products in int64, logsumexp in float', () => {
  const i = torch.tensor([[1, 2], [3, 4]], { dtype: torch.int32 });
  assert.equal(i.sum().dtype.name, 'int64');
  assert.equal(i.prod(0).dtype.name, 'int64');
  assert.equal(i.cumsum(1).dtype.name, 'int64');
  assert.equal(i.max().dtype.name, 'int32');
  assert.equal(i.amax(0).dtype.name, 'int32');
  assert.equal(i.logsumexp(0).dtype.name, 'float32');
  assert.equal(i.all().dtype.name, 'bool');
  const b = torch.tensor([true, true, false]);
  assert.deepEqual(b.sum().tolist(), 2);
  assert.deepEqual(b.cumprod(0).tolist(), [1, 1, 0]);
  assert.equal(b.max().item(), true);
});

test('logsumexp is stable for large and infinite values', () => {
  const x = torch.tensor([[1000, 1000], [-1000, -1000], [Infinity, 1], [-Infinity, -Infinity]], { dtype: torch.float64 });
  close(x.logsumexp(1)._values(), [1000 + Math.log(2), -1000 + Math.log(2), Infinity, -Infinity]);
});

test('a reduction never changes its input', () => {
  const x = torch.tensor([[3, 1], [2, 0]], { dtype: torch.float32 });
  const before = x._values();
  x.sum(0); x.prod(); x.max(1); x.cumprod(1); x.std(); x.norm(0.5); x.logsumexp(0);
  assert.deepEqual(x._values(), before);
});
