// matmul and einsum against naive reference loops, over every rank combination and odd strides, plus the top
// grad_fn PyTorch 1.13 shows for each matmul path.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { prng } from '../../helpers.ts';

const random = prng(31);

/** An int64 tensor of small random integers (products are then exact, so results compare with deepEqual). */
function ints(shape: readonly number[]): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return torch.tensor(Array.from({ length: n }, () => Math.floor(random() * 7) - 3), { dtype: torch.int64 }).reshape([...shape]);
}

/** Values with -0 read as 0 (JavaScript's multiply can produce -0 where int64 has none). */
const values = (t: Tensor) => t._values().map((v) => v + 0);

/** Value at a multi-index, reading through the tensor's strides. */
function at(t: Tensor, index: readonly number[]): number {
  let p = t.storage_offset();
  index.forEach((i, d) => { p += i * t.stride(d); });
  return t.storage.data[p]!;
}

function* indices(shape: readonly number[]): Generator<number[]> {
  const n = shape.reduce((a, b) => a * b, 1);
  for (let flat = 0; flat < n; flat++) {
    const index = new Array<number>(shape.length);
    let rest = flat;
    for (let d = shape.length - 1; d >= 0; d--) { index[d] = rest % shape[d]!; rest = Math.floor(rest / shape[d]!); }
    yield index;
  }
}

/** torch.matmul's meaning, written directly: promote vectors, broadcast batches, multiply, drop the added dims. */
function referenceMatmul(a: Tensor, b: Tensor): { shape: number[]; values: number[] } {
  const as = a.ndim === 1 ? [1, a.shape[0]!] : [...a.shape];
  const bs = b.ndim === 1 ? [b.shape[0]!, 1] : [...b.shape];
  const batchA = as.slice(0, -2);
  const batchB = bs.slice(0, -2);
  const rank = Math.max(batchA.length, batchB.length);
  const batch = Array.from({ length: rank }, (_, i) => Math.max(batchA[batchA.length - rank + i] ?? 1, batchB[batchB.length - rank + i] ?? 1));
  const [n, k] = as.slice(-2) as [number, number];
  const m = bs[bs.length - 1]!;
  const values: number[] = [];
  for (const bi of indices([...batch, n, m])) {
    const i = bi[rank]!;
    const j = bi[rank + 1]!;
    const pick = (own: number[], index: number[]) => own.map((s, d) => (s === 1 ? 0 : index[index.length - own.length + d]!));
    let acc = 0;
    for (let p = 0; p < k; p++) {
      const ai = [...pick(batchA, bi.slice(0, rank)), i, p];
      const bj = [...pick(batchB, bi.slice(0, rank)), p, j];
      acc += at(a, a.ndim === 1 ? [p] : ai) * at(b, b.ndim === 1 ? [p] : bj);
    }
    values.push(acc);
  }
  const shape = [...batch, ...(a.ndim > 1 ? [n] : []), ...(b.ndim > 1 ? [m] : [])];
  return { shape, values };
}

// [shape of a, shape of b, the grad_fn PyTorch 1.13 prints when both require grad]
const cases: [number[], number[], string][] = [
  [[3], [3], 'DotBackward0'],
  [[2, 3], [3], 'MvBackward0'],
  [[3], [3, 2], 'SqueezeBackward3'],
  [[2, 3], [3, 4], 'MmBackward0'],
  [[2, 2, 3], [3, 4], 'UnsafeViewBackward0'],
  [[2, 2, 3], [3], 'UnsafeViewBackward0'],
  [[3], [2, 3, 4], 'UnsafeViewBackward0'],
  [[2, 3], [2, 3, 4], 'CloneBackward0'],
  [[2, 2, 3], [2, 3, 4], 'UnsafeViewBackward0'],
  [[2, 1, 2, 3], [5, 3, 4], 'UnsafeViewBackward0'],
  [[1, 2, 3], [3, 4], 'UnsafeViewBackward0'],
  [[5, 3], [2, 2, 3, 4], 'CloneBackward0'],
  [[2, 2, 2, 3], [3], 'UnsafeViewBackward0'],
  [[2, 0, 3], [3, 4], 'UnsafeViewBackward0'],
  [[3, 5, 0], [0, 2], 'UnsafeViewBackward0'],
];

describe('matmul against a reference loop', () => {
  for (const [sa, sb, gradFn] of cases) {
    test(`[${sa}] @ [${sb}]`, () => {
      const a = ints(sa);
      const b = ints(sb);
      const expected = referenceMatmul(a, b);
      const result = torch.matmul(a, b);
      assert.deepEqual([...result.shape], expected.shape);
      assert.deepEqual(values(result), expected.values);
      const fa = a.double().requires_grad_();
      const fb = b.double().requires_grad_();
      assert.equal(torch.matmul(fa, fb).grad_fn!.name(), gradFn);
    });
  }

  test('transposed, permuted, sliced and expanded operands', () => {
    const x = ints([4, 3, 2]);
    const operands: [Tensor, Tensor][] = [
      [x.permute(0, 2, 1), ints([3, 2])],
      [x.transpose(0, 1), ints([2, 5])],
      [ints([2, 3]), x.permute(2, 1, 0)],
      [x.narrow(0, 1, 2), ints([2])],
      [ints([1, 2, 3]).expand(4, 2, 3), x],
      [x.select(2, 1), ints([3, 3]).t()],
    ];
    for (const [a, b] of operands) {
      const expected = referenceMatmul(a, b);
      assert.deepEqual(values(torch.matmul(a, b)), expected.values);
    }
  });
});

/** einsum's meaning, written directly: loop over every assignment of every label, multiply, accumulate. */
function referenceEinsum(inputs: string[], output: string, operands: Tensor[]): number[] {
  const sizes = new Map<string, number>();
  inputs.forEach((labels, i) => [...labels].forEach((l, d) => sizes.set(l, Math.max(sizes.get(l) ?? 1, operands[i]!.shape[d]!))));
  const all = [...sizes.keys()];
  const outShape = [...output].map((l) => sizes.get(l)!);
  const out = new Array<number>(outShape.reduce((a, b) => a * b, 1)).fill(0);
  for (const assignment of indices(all.map((l) => sizes.get(l)!))) {
    const value = (l: string) => assignment[all.indexOf(l)]!;
    let product = 1;
    inputs.forEach((labels, i) => {
      product *= at(operands[i]!, [...labels].map((l, d) => (operands[i]!.shape[d] === 1 ? 0 : value(l))));
    });
    let flat = 0;
    [...output].forEach((l, d) => { flat = flat * outShape[d]! + value(l); });
    out[flat]! += product;
  }
  return out;
}

describe('einsum against a reference loop', () => {
  const cases: [string, number[][]][] = [
    ['ij,jk->ik', [[2, 3], [3, 4]]],
    ['ij->ji', [[2, 3]]],
    ['ii->', [[3, 3]]],
    ['ii->i', [[3, 3]]],
    ['iij->j', [[2, 2, 3]]],
    ['bij,bjk->bik', [[2, 2, 3], [2, 3, 2]]],
    ['bij,bjk->bik', [[2, 2, 3], [1, 3, 2]]],
    ['i,j->ij', [[3], [2]]],
    ['ij,ij->', [[2, 3], [2, 3]]],
    ['ijk,i->i', [[2, 3, 2], [2]]],
    ['ij,jk,kl->il', [[2, 3], [3, 2], [2, 2]]],
    ['abc,cd,db->ad', [[2, 3, 2], [2, 4], [4, 3]]],
    ['ijk->kji', [[2, 3, 4]]],
    ['i,i,i->i', [[3], [1], [3]]],
    ['ijij->ji', [[2, 3, 2, 3]]],
  ];
  for (const [equation, shapes] of cases) {
    test(equation, () => {
      const operands = shapes.map((s) => ints(s));
      const [lhs, output] = equation.split('->') as [string, string];
      const expected = referenceEinsum(lhs.split(','), output, operands);
      assert.deepEqual(values(torch.einsum(equation, ...operands)), expected.map((v) => v + 0));
    });
  }

  test('implicit outputs list labels seen once, upper case first, after the ellipsis', () => {
    const a = ints([2, 3]);
    assert.deepEqual([...torch.einsum('ba', a).shape], [3, 2]);
    assert.deepEqual([...torch.einsum('bA', a).shape], [3, 2]);
    assert.deepEqual([...torch.einsum('...ij,jk', ints([4, 2, 3]), ints([3, 5])).shape], [4, 2, 5]);
    assert.deepEqual(torch.einsum('ij', a)._values(), a._values());
  });
});
