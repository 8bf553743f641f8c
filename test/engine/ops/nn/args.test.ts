import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bindArgs } from '../../../../engine/ops/nn/args.ts';
import { reductionOf } from '../../../../engine/ops/nn/reduction.ts';

test('bindArgs binds positional and keyword arguments as Python does', () => {
  assert.deepEqual(bindArgs('f', [1, 2, { c: 3 }], ['a', 'b', 'c'], 1), { a: 1, b: 2, c: 3 });
  assert.deepEqual(bindArgs('f', [1, { k: 4 }], ['a'], 1, ['k']), { a: 1, k: 4 });
});

test("bindArgs raises Python's TypeErrors", () => {
  assert.throws(() => bindArgs('gelu', [1, 2], ['input'], 1, ['approximate']), { name: 'TypeError', message: 'gelu() takes 1 positional argument but 2 were given' });
  assert.throws(() => bindArgs('f', [1, 2, 3], ['a', 'b'], 1), { message: 'f() takes from 1 to 2 positional arguments but 3 were given' });
  assert.throws(() => bindArgs('f', [1, { z: 1 }], ['a'], 1), { message: "f() got an unexpected keyword argument 'z'" });
  assert.throws(() => bindArgs('f', [1, { a: 1 }], ['a'], 1), { message: "f() got multiple values for argument 'a'" });
  assert.throws(() => bindArgs('f', [{}], ['a', 'b'], 2), { message: "f() missing 2 required positional arguments: 'a' and 'b'" });
});

test('reductionOf reads reduction names and the legacy flags', () => {
  const warn = console.warn;
  const warnings: string[] = [];
  console.warn = (message: string) => { warnings.push(message); };
  try {
    assert.equal(reductionOf({}), 'mean');
    assert.equal(reductionOf({ reduction: 'none' }), 'none');
    assert.equal(reductionOf({ size_average: false }), 'sum');
    assert.equal(reductionOf({ reduce: false, reduction: 'sum' }), 'none');
    assert.equal(reductionOf({ reduction: 'elementwise_mean' }), 'mean');
  } finally {
    console.warn = warn;
  }
  assert.equal(warnings.length, 3);
  assert.equal(warnings[0], "UserWarning: size_average and reduce args will be deprecated, please use reduction='sum' instead.");
  assert.throws(() => reductionOf({ reduction: 'avg' }), { name: 'ValueError', message: 'avg is not a valid value for reduction' });
});
