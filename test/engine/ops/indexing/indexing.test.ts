// Indexing beyond the golden cases: the expression parser, gradients against finite differences (also through
// setitem's in-place writes), and that a failing op leaves its tensors untouched.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import { parseIndex } from '../../../../engine/ops/indexing/expression.ts';
import { check, prng, randomTensor } from '../../helpers.ts';

describe('parseIndex', () => {
  test('items of every kind', () => {
    assert.deepEqual(parseIndex('1:, None, ..., ::2, -1'), {
      tuple: true,
      items: [
        { kind: 'slice', start: 1, stop: null, step: 1 },
        { kind: 'none' },
        { kind: 'ellipsis' },
        { kind: 'slice', start: null, stop: null, step: 2 },
        { kind: 'int', value: -1 },
      ],
    });
    assert.deepEqual(parseIndex(' -2 : 5 : 3 ').items, [{ kind: 'slice', start: -2, stop: 5, step: 3 }]);
    assert.deepEqual(parseIndex('True, False').items, [{ kind: 'bool', value: true }, { kind: 'bool', value: false }]);
  });
  test('a lone index, a tuple of one and the empty tuple', () => {
    assert.equal(parseIndex('0:2').tuple, false);
    assert.equal(parseIndex('0:2,').tuple, true);
    assert.equal(parseIndex('(0:2,)').tuple, true);
    assert.equal(parseIndex('(0)').tuple, false);
    assert.deepEqual(parseIndex('()'), { items: [], tuple: true });
    assert.deepEqual(parseIndex(''), { items: [], tuple: true });
  });
  test("Python's errors for steps and floats", () => {
    assert.throws(() => parseIndex('::0'), { name: 'ValueError', message: 'slice step cannot be zero' });
    assert.throws(() => parseIndex('::-1'), { name: 'ValueError', message: 'step must be greater than zero' });
    assert.throws(() => parseIndex('1.5'), { name: 'IndexError', message: /valid indices \(got float\)/ });
  });
});

describe('gradients against finite differences', () => {
  const random = prng(77);
  const x = () => randomTensor(random, [3, 4]);
  test('getitem: basic, long index, mask and bool', () => {
    check((t) => t.getitem('1:, None, ::3'), [x()]);
    check((t) => t.getitem(torch.tensor([[2, 0], [-1, 2]])), [x()]);
    check((t) => t.getitem(torch.tensor([true, false, true])), [x()]);
    check((t) => t.getitem(torch.tensor([[true, false, true, true], [false, false, true, false], [true, true, true, true]])), [x()]);
    check((t) => t.getitem(true), [x()]);
    check((t) => t.getitem('1, True'), [x()]);
  });
  test('setitem into a copy: gradients for the tensor and the value', () => {
    const v = randomTensor(random, [4]);
    check((t, value) => { const y = t.mul(1); y.setitem('1', value); return y.mul(y); }, [x(), v]);
    check((t, value) => { const y = t.mul(1); y.setitem(':, ::2', value.getitem(':2')); return y; }, [x(), v]);
    check((t, value) => { const y = t.mul(1); y.setitem('0, 0', value.sum()); return y.mul(2); }, [x(), v]);
    check((t, value) => { const y = t.mul(1); y.setitem(torch.tensor([2, 0]), value); return y.mul(y); }, [x(), v]);
    check((t) => { const y = t.mul(1); y.setitem(torch.tensor([true, false, true]), 0); return y; }, [x()]);
  });
  test('index_select, index_add, gather, scatter, scatter_add', () => {
    const index = torch.tensor([2, 0, 2]);
    check((t) => t.index_select(0, index), [x()]);
    check((t, s) => t.index_add(1, index, s, { alpha: 2 }), [x(), randomTensor(random, [3, 3])]);
    check((t) => t.gather(0, torch.tensor([[2, 0, 1, 1]])), [x()]);
    check((t, s) => t.scatter(1, torch.tensor([[3, 0], [1, 2]]), s), [x(), randomTensor(random, [2, 2])]);
    check((t) => t.scatter(1, torch.tensor([[3, 0]]), 1.5), [x()]);
    check((t, s) => t.scatter_add(0, torch.tensor([[2, 2, 0, 1], [2, 0, 0, 0]]), s), [x(), randomTensor(random, [2, 4])]);
  });
  test('masked_fill (scalar and tensor value), masked_select, take', () => {
    const mask = torch.tensor([true, false, false, true]);
    check((t) => t.masked_fill(mask, 0.5), [x()]);
    check((t, v) => t.masked_fill(mask, v), [x(), randomTensor(random, [])]);
    check((t) => t.masked_select(mask), [x()]);
    check((t) => t.getitem('None').masked_select(torch.tensor([[[true]], [[false]]])), [x()]);
    check((t) => t.take(torch.tensor([[11, 0], [-1, 5]])), [x()]);
  });
});

describe('in place and failures', () => {
  test('setitem bumps the version once and writes through views of the same storage', () => {
    const base = torch.zeros(3, 4);
    const v = base.getitem('1');
    base.setitem('1, 1:3', torch.tensor([1.0, 2.0]));
    assert.equal(base._version, 1);
    assert.equal(v._version, 1);
    assert.deepEqual(v._values(), [0, 1, 2, 0]);
  });
  test('a failing write changes nothing', () => {
    const x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
    const attempts = [
      () => x.scatter_(1, torch.tensor([[0, 3]]), 9),
      () => x.index_add_(0, torch.tensor([0, 5]), torch.ones(2, 3)),
      () => x.setitem('0', torch.ones(2)),
      () => x.setitem(torch.tensor([0, 2]), 9),
      () => x.masked_fill_(torch.ones(2, 2, 3, { dtype: torch.bool }), 9),
      () => x.setitem('5', 1),
    ];
    for (const attempt of attempts) assert.throws(attempt);
    assert.deepEqual(x._values(), [1, 2, 3, 4, 5, 6]);
    assert.equal(x._version, 0);
  });
  test('in-place twins return self and share its storage', () => {
    const x = torch.zeros(2, 3);
    assert.equal(x.scatter_(1, torch.tensor([[1]]), 2), x);
    assert.equal(x.scatter_add_(0, torch.tensor([[1, 1, 1]]), torch.ones(1, 3)), x);
    assert.equal(x.index_add_(1, torch.tensor([0]), torch.ones(2, 1)), x);
    assert.equal(x.masked_fill_(x.eq(0), 5), x);
    assert.deepEqual(x._values(), [1, 2, 5, 2, 1, 1]);
    assert.equal(x._version, 4);
  });
});
