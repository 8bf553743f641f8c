// Index tuples beyond the golden cases: how an array index is read (Note [Index tuples]), values against plain
// loops over random shapes, gradients (first and second order) against finite differences, failing writes that
// leave the tensor untouched, and the same results on the webgpu device.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { isIndexTuple } from '../../../../engine/ops/indexing/tuple-index.ts';
import { assertMatches, startDevice } from '../../backend/webgpu/setup.ts';
import { check, checkSecondOrder, prng, randomTensor } from '../../helpers.ts';

describe('index tuples', () => {
  test('an array is a tuple unless it holds only numbers and booleans', () => {
    assert.equal(isIndexTuple([0, 2]), false);
    assert.equal(isIndexTuple([true, false]), false);
    assert.equal(isIndexTuple([]), false);
    assert.equal(isIndexTuple([0, ':']), true);
    assert.equal(isIndexTuple([null]), true);
    assert.equal(isIndexTuple([[0], [1]]), true);
    assert.equal(isIndexTuple([torch.tensor([0])]), true);
  });

  test('an array of tensors picks values, never garbage', () => {
    const x = torch.arange(12).view(3, 4);
    assert.deepEqual(x.getitem([torch.tensor([2, 0]), torch.tensor([1, 3])]).tolist(), [9, 3]);
    assert.deepEqual(x.getitem([[2, 0], [1, 3]]).tolist(), [9, 3]);
    assert.throws(() => x.getitem([{} as never, 0]), { name: 'IndexError' });
    assert.throws(() => x.getitem(['1:, 2', 0]), { name: 'ValueError' });
  });

  test('x[i, :, j] and x[:, i, j] match plain loops over random shapes', () => {
    const random = prng(3);
    for (let trial = 0; trial < 20; trial++) {
      const [a, b, c] = [1 + Math.floor(random() * 4), 1 + Math.floor(random() * 4), 1 + Math.floor(random() * 4)];
      const x = torch.arange(a * b * c).view(a, b, c);
      const n = Math.floor(random() * 5);
      const i = Array.from({ length: n }, () => Math.floor(random() * 2 * a) - a);
      const k = Array.from({ length: n }, () => Math.floor(random() * 2 * c) - c);
      const wrap = (v: number, size: number) => (v < 0 ? v + size : v);
      const separated = x.getitem([torch.tensor(i, { dtype: torch.int64 }), ':', torch.tensor(k, { dtype: torch.int64 })]);
      const expected = i.map((v, p) => Array.from({ length: b }, (_, q) => wrap(v, a) * b * c + q * c + wrap(k[p]!, c)));
      assert.deepEqual([...separated.shape], [n, b]);
      assert.deepEqual(separated.tolist(), expected);
      const j = i.map((v) => wrap(v, a) % b);
      const adjacent = x.permute(2, 0, 1).getitem([':', torch.tensor(i, { dtype: torch.int64 }), torch.tensor(j, { dtype: torch.int64 })]);
      assert.deepEqual(adjacent.tolist(), Array.from({ length: c }, (_, r) => i.map((v, p) => wrap(v, a) * b * c + j[p]! * c + r)));
    }
  });

  test('gradients against finite differences', () => {
    const x = () => randomTensor(prng(5), [3, 4, 2], -1, 1);
    const i = torch.tensor([0, 2, 2, -1]);
    const j = torch.tensor([[1], [3]]);
    check((t) => t.getitem([i, ':', torch.tensor([1, 0, 1, 1])]), [x()]);
    check((t) => t.getitem([':', j, torch.tensor([0, 1])]), [x()]);
    check((t) => t.getitem([torch.tensor([true, false, true]), null, '1:']), [x()]);
    check((t, v) => t.index_put([i], v, true), [x(), randomTensor(prng(6), [4, 4, 2], -1, 1)]);
    // Without accumulate a repeated place keeps one value, while PyTorch's formula gives every value a gradient.
    check((t, v) => t.index_put([torch.tensor([2, 0]), torch.tensor([1])], v), [x(), randomTensor(prng(7), [2], -1, 1)]);
    check((t, v) => {
      const y = t.mul(1);
      y.setitem([torch.tensor([1, -1]), '...', 0], v);
      return y;
    }, [x(), randomTensor(prng(8), [4], -1, 1)]);
    checkSecondOrder((t) => t.getitem([i, ':', 1]).pow(2), [x()]);
    checkSecondOrder((t, v) => t.index_put([torch.tensor([2, 0, 2]), torch.tensor([1, 1, 3])], v.mul(v), true).pow(2), [x(), randomTensor(prng(9), [3, 2], -1, 1)]);
  });

  test('a failing write leaves the tensor untouched', () => {
    const x = torch.arange(6).view(2, 3).float();
    assert.throws(() => x.setitem([torch.tensor([0, 1]), torch.tensor([0, 3])], 9), { name: 'IndexError' });
    assert.throws(() => x.index_put_([torch.tensor([1])], torch.ones(2)), { name: 'RuntimeError' });
    assert.deepEqual(x.tolist(), [[0, 1, 2], [3, 4, 5]]);
    assert.equal(x._version, 0);
  });
});

const skip = startDevice();

describe('index tuples on the webgpu device', { skip: skip ?? false }, () => {
  const same = (label: string, inputs: Tensor[], compute: (...xs: Tensor[]) => Tensor) =>
    assertMatches(compute(...inputs.map((x) => x.cuda())), compute(...inputs), label);

  test('getitem, setitem and index_put match the CPU', () => {
    const x = randomTensor(prng(11), [4, 5, 3], -2, 2, false);
    const i = torch.tensor([3, 0, -1, 0]);
    same('separated', [x], (t) => t.getitem([i, ':', torch.tensor([2, 1, 0, 0])]));
    same('permuted', [x], (t) => t.permute(2, 1, 0).getitem(['...', torch.tensor([[1], [3]])]));
    same('mask', [x], (t) => t.getitem([':', torch.tensor([true, false, true, true, false])]));
    same('put', [x], (t) => t.index_put([i], torch.ones(5, 3, { dtype: torch.float64 }).to(t.device)));
    same('accumulate', [x], (t) => t.index_put([i, torch.tensor([1])], torch.tensor([[1.5], [2.5], [3.5], [4.5]], { dtype: torch.float64 }).to(t.device), true));
    same('setitem', [x], (t) => {
      const y = t.clone();
      y.setitem([torch.tensor([1, 1]), '1:', 0], 7);
      return y;
    });
    same('gradient', [x], (t) => {
      const y = t.detach().requires_grad_();
      y.getitem([i, null, '::2']).sum().backward();
      return y.grad!;
    });
  });
});
