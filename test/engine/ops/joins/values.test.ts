// Joins and shuffles against index arithmetic on arange-like inputs, read through odd strides, plus the algebra
// that ties them together (flip twice, roll a full turn, tril + triu, stack as cat of unsqueezed inputs).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';

/** 0, 1, 2, ... as an int64 tensor of `shape`. */
const counting = (...shape: number[]) =>
  torch.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i), { dtype: torch.int64 }).reshape(shape);

/** The same values through three layouts: contiguous, a transposed copy seen back through permute, and a narrow. */
function layouts(...shape: number[]): [string, Tensor][] {
  const base = counting(...shape);
  const reversed = base.permute(...shape.map((_, i) => shape.length - 1 - i)).contiguous();
  const permuted = reversed.permute(...shape.map((_, i) => shape.length - 1 - i));
  const wide = counting(shape[0]! + 2, ...shape.slice(1)).narrow(0, 0, shape[0]!);
  return [['contiguous', base], ['permuted', permuted], ['narrowed', wide]];
}

describe('shuffles against index arithmetic', () => {
  for (const [layout, x] of layouts(2, 3, 4)) {
    const list = x.tolist() as number[][][];
    test(`flip (${layout})`, () => {
      const flipped = x.flip(0, 2).tolist() as number[][][];
      for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) {
        assert.equal(flipped[i]![j]![k], list[1 - i]![j]![3 - k]);
      }
    });
    test(`roll (${layout})`, () => {
      const rolled = x.roll([1, -1], [1, 2]).tolist() as number[][][];
      for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) {
        assert.equal(rolled[i]![(j + 1) % 3]![(k + 3) % 4], list[i]![j]![k]);
      }
      const flat = x.roll(5)._values();
      const source = x._values();
      source.forEach((v, i) => assert.equal(flat[(i + 5) % 24], v));
    });
    test(`repeat and tile (${layout})`, () => {
      const repeated = x.repeat(2, 1, 2, 3).tolist() as number[][][][];
      for (let r = 0; r < 2; r++) for (let i = 0; i < 2; i++) for (let j = 0; j < 6; j++) for (let k = 0; k < 12; k++) {
        assert.equal(repeated[r]![i]![j]![k], list[i]![j % 3]![k % 4]);
      }
      assert.deepEqual(x.tile([2, 1])._values(), x.repeat(1, 2, 1)._values());
    });
    test(`repeat_interleave (${layout})`, () => {
      const counts = [2, 0, 1];
      const repeated = x.repeat_interleave(torch.tensor(counts), 1).tolist() as number[][][];
      const source = counts.flatMap((c, j) => new Array<number>(c).fill(j));
      for (let i = 0; i < 2; i++) for (let j = 0; j < source.length; j++) for (let k = 0; k < 4; k++) {
        assert.equal(repeated[i]![j]![k], list[i]![source[j]!]![k]);
      }
      const flat = x.repeat_interleave(2)._values();
      x._values().forEach((v, i) => assert.deepEqual([flat[2 * i], flat[2 * i + 1]], [v, v]));
    });
    test(`tril and triu (${layout})`, () => {
      const lower = x.tril(1).tolist() as number[][][];
      const upper = x.triu(2).tolist() as number[][][];
      for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) for (let k = 0; k < 4; k++) {
        assert.equal(lower[i]![j]![k], k - j <= 1 ? list[i]![j]![k] : 0);
        assert.equal(upper[i]![j]![k], k - j >= 2 ? list[i]![j]![k] : 0);
      }
    });
    test(`cat and stack (${layout})`, () => {
      const joined = torch.cat([x, x.neg()], 2);
      assert.deepEqual(joined.narrow(2, 0, 4)._values(), x._values());
      assert.deepEqual(joined.narrow(2, 4, 4)._values(), x.neg()._values());
      for (let d = 0; d <= 3; d++) {
        const stacked = torch.stack([x, x.neg()], d);
        assert.deepEqual(stacked._values(), torch.cat([x.unsqueeze(d), x.neg().unsqueeze(d)], d)._values());
      }
    });
  }
});

describe('identities', () => {
  const x = counting(3, 4).double();
  test('flip twice and a full roll give the input back', () => {
    assert.deepEqual(x.flip(0, 1).flip(1, 0)._values(), x._values());
    assert.deepEqual(x.roll([3, -8], [0, 1])._values(), x._values());
    assert.deepEqual(x.roll(12)._values(), x._values());
  });
  test('tril plus the strict upper triangle is the input', () => {
    assert.deepEqual(x.tril().add(x.triu(1))._values(), x._values());
  });
  test('outputs own new contiguous storage', () => {
    for (const out of [x.flip(0), x.roll(1), x.repeat(1, 1), x.tril(), torch.cat([x]), torch.stack([x])]) {
      assert.notEqual(out.storage, x.storage);
      assert.equal(out.is_contiguous(), true);
      assert.equal(out._base, null);
    }
  });
  test('cat and stack promote dtypes and keep values', () => {
    const mixed = torch.cat([torch.tensor([true, false]), torch.tensor([2, 3], { dtype: torch.int32 }), torch.tensor([4.5])]);
    assert.equal(mixed.dtype, torch.float32);
    assert.deepEqual(mixed._values(), [1, 0, 2, 3, 4.5]);
    assert.equal(torch.stack([torch.tensor([1]), torch.tensor([2.5], { dtype: torch.float64 })]).dtype, torch.float64);
  });
});
