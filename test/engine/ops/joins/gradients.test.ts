// Backward of every join and shuffle against central finite differences in float64, on contiguous, transposed and
// expanded inputs; then second derivatives (each backward is written with engine ops).
import { describe, test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { check, checkSecondOrder, nonContiguous, prng, randomTensor } from '../../helpers.ts';

const random = prng(515);
const rand = (...shape: number[]) => randomTensor(random, shape);

const unary: [string, (x: Tensor) => Tensor][] = [
  ['repeat', (x) => x.repeat(2, 1, 3)],
  ['repeat with new leading dims', (x) => x.repeat(2, 1, 1, 2)],
  ['tile', (x) => x.tile(2)],
  ['flip', (x) => x.flip(0, 2)],
  ['roll dims', (x) => x.roll([1, -2], [2, 0])],
  ['roll flattened', (x) => x.roll(5)],
  ['repeat_interleave', (x) => x.repeat_interleave(2, 1)],
  ['repeat_interleave counts', (x) => x.repeat_interleave(torch.tensor([0, 2, 1, 3]), -1)],
  ['repeat_interleave flattened', (x) => x.repeat_interleave(3)],
  ['tril', (x) => x.tril()],
  ['triu offset', (x) => x.triu(-1)],
  ['stack with itself', (x) => torch.stack([x, x.mul(2)], 3)],
  ['cat with itself', (x) => torch.cat([x, x.mul(2), x], 1)],
];

describe('joins against finite differences', () => {
  for (const [name, op] of unary) {
    test(name, () => {
      check(op, [rand(2, 3, 4)]);
      const { leaf, view } = nonContiguous(random, [2, 3, 4]);
      check(() => op(view), [leaf]);
      check((x) => op(x.expand(2, 3, 4)), [rand(1, 3, 1)]);
    });
  }

  test('cat, stack, hstack and vstack of several inputs', () => {
    check((a, b) => torch.cat([a, b], 1), [rand(2, 3), rand(2, 1)]);
    check((a, e, b) => torch.cat([a, e, b]), [rand(2), rand(0), rand(3)]);
    check((a, b) => torch.stack([a, b], 1), [rand(2, 3), rand(2, 3)]);
    check((a, b) => torch.hstack([a, b]), [rand(2, 3), rand(2, 2)]);
    check((a, b) => torch.vstack([a, b]), [rand(2, 3), rand(3)]);
  });
});

describe('second derivatives', () => {
  test('cat, stack, repeat, flip, roll, tril', () => {
    checkSecondOrder((a, b) => { const c = torch.cat([a, b], 0); return c.mul(c); }, [rand(2, 3), rand(1, 3)]);
    checkSecondOrder((a, b) => { const s = torch.stack([a, b]); return s.mul(s); }, [rand(2, 3), rand(2, 3)]);
    checkSecondOrder((a) => { const r = a.repeat(2, 2); return r.mul(r); }, [rand(2, 3)]);
    checkSecondOrder((a) => a.flip(1).mul(a), [rand(2, 3)]);
    checkSecondOrder((a) => a.roll(1, 1).mul(a.roll(2)), [rand(2, 3)]);
    checkSecondOrder((a) => a.tril().mul(a.triu()), [rand(3, 3)]);
  });
});
