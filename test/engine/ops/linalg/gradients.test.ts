// Backward of every linear-algebra op against central finite differences in float64, on contiguous, transposed
// and broadcast inputs, through each matmul path; then second derivatives (each backward is written with engine ops).
import { describe, test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import { check, checkSecondOrder, nonContiguous, prng, randomTensor } from '../../helpers.ts';

const random = prng(2024);
const rand = (...shape: number[]) => randomTensor(random, shape);

describe('products against finite differences', () => {
  test('dot, mv, mm, bmm, outer', () => {
    check((a, b) => a.dot(b), [rand(4), rand(4)]);
    check((m, v) => m.mv(v), [rand(3, 4), rand(4)]);
    check((a, b) => a.mm(b), [rand(2, 3), rand(3, 4)]);
    check((a, b) => a.bmm(b), [rand(2, 2, 3), rand(2, 3, 4)]);
    check((a, b) => torch.outer(a, b), [rand(3), rand(2)]);
  });

  test('mm with transposed (column-major) operands takes the column-major backward', () => {
    const a = nonContiguous(random, [3, 2]);
    const b = nonContiguous(random, [2, 4]);
    check((x, y) => x.permute(1, 0).mm(y.permute(1, 0)), [a.leaf, b.leaf]);
    check((x, y) => torch.addmm(torch.ones(3, 4, { dtype: torch.float64 }), x.permute(1, 0), y.permute(1, 0), { alpha: 2 }), [a.leaf, b.leaf]);
  });

  const matmulShapes: [number[], number[]][] = [
    [[3], [3]], [[2, 3], [3]], [[3], [3, 2]], [[2, 3], [3, 4]],
    [[2, 2, 3], [3, 4]], [[2, 2, 3], [3]], [[3], [2, 3, 4]], [[5, 3], [2, 3, 4]],
    [[2, 2, 3], [2, 3, 4]], [[2, 1, 2, 3], [3, 3, 2]], [[1, 2, 3], [4, 3, 2]],
  ];
  for (const [sa, sb] of matmulShapes) {
    test(`matmul [${sa}] @ [${sb}]`, () => { check((a, b) => a.matmul(b), [rand(...sa), rand(...sb)]); });
  }

  test('matmul of a permuted 3-D operand (the bmm path) and of expanded inputs', () => {
    check((x, m) => x.permute(0, 2, 1).matmul(m), [rand(2, 4, 3), rand(4, 2)]);
    check((x, m) => x.expand(3, 2, 2).matmul(m), [rand(1, 2, 2), rand(2, 3)]);
  });

  test('addmm and baddbmm with broadcast self, beta and alpha', () => {
    check((c, a, b) => torch.addmm(c, a, b, { beta: 0.5, alpha: -2 }), [rand(3), rand(2, 4), rand(4, 3)]);
    check((c, a, b) => c.addmm(a, b), [rand(2, 1), rand(2, 4), rand(4, 3)]);
    check((c, a, b) => torch.baddbmm(c, a, b, { beta: 3, alpha: 0.25 }), [rand(1, 3), rand(2, 2, 4), rand(2, 4, 3)]);
    check((c, a, b) => c.baddbmm(a, b, { beta: 0 }), [rand(2, 2, 3), rand(2, 2, 4), rand(2, 4, 3)]);
  });
});

describe('einsum against finite differences', () => {
  const cases: [string, number[][]][] = [
    ['ij,jk->ik', [[2, 3], [3, 4]]],
    ['ij->ji', [[2, 3]]],
    ['ii', [[3, 3]]],
    ['ii->i', [[3, 3]]],
    ['iij->j', [[2, 2, 3]]],
    ['bij,bjk->bik', [[2, 2, 3], [2, 3, 2]]],
    ['...ij,...jk', [[2, 2, 3], [3, 2]]],
    ['i,j->ij', [[3], [2]]],
    ['ij,ij->', [[2, 3], [2, 3]]],
    ['ijk,i->i', [[2, 3, 2], [2]]],
    ['ij,jk,kl->il', [[2, 3], [3, 2], [2, 2]]],
    ['bij,bjk->bik', [[2, 2, 3], [1, 3, 2]]],
    ['ij,jk,k->i', [[2, 3], [3, 4], [4]]],
  ];
  for (const [equation, shapes] of cases) {
    test(equation, () => { check((...xs) => torch.einsum(equation, ...xs), shapes.map((s) => rand(...s))); });
  }
});

describe('second derivatives', () => {
  test('mm, bmm, mv, dot, addmm', () => {
    checkSecondOrder((a, b) => a.mm(b), [rand(2, 3), rand(3, 2)]);
    checkSecondOrder((a, b) => a.bmm(b), [rand(2, 2, 3), rand(2, 3, 2)]);
    checkSecondOrder((m, v) => m.mv(v), [rand(2, 3), rand(3)]);
    checkSecondOrder((a, b) => a.dot(b).mul(a.dot(b)), [rand(3), rand(3)]);
    checkSecondOrder((c, a, b) => torch.addmm(c, a, b, { alpha: 3 }).mul(a.sum()), [rand(2, 2), rand(2, 3), rand(3, 2)]);
  });

  test('matmul paths and einsum diagonals', () => {
    checkSecondOrder((a, b) => a.matmul(b).mul(a.sum()), [rand(2, 2, 3), rand(3, 2)]);
    checkSecondOrder((a, b) => a.matmul(b).mul(b.sum()), [rand(3), rand(2, 3, 2)]);
    checkSecondOrder((s) => torch.einsum('ii->i', s).mul(torch.einsum('ij,jk->ik', s, s).sum()), [rand(3, 3)]);
  });
});
