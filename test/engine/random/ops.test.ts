import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../engine/index.ts';
import { RuntimeError } from '../../../engine/core/errors.ts';

const bits = (t: ReturnType<typeof torch.rand>) => Array.from(new Int32Array(new Float32Array(t._values()).buffer));

test('torch.manual_seed(0); torch.rand(3) is PyTorch\'s tensor([0.4963, 0.7682, 0.0885])', () => {
  torch.manual_seed(0);
  assert.deepEqual(torch.rand(3).tolist(), [0.49625658988952637, 0.7682217955589294, 0.08847743272781372]);
});

test('randn(16) matches PyTorch\'s AVX2 normal_fill bit for bit', () => {
  torch.manual_seed(0);
  assert.deepEqual(bits(torch.randn(16)), [
    -1081074811, -1080852342, -1098888234, -1092737699, 1062814997, 1060185987, -1096692627, -1073258559,
    1051001144, -1079921420, 1051930879, 1050526651, 1039495031, 1067346835, 1066332814, -1099090308,
  ]);
});

test('randn(3) uses the double Box-Muller, rounded to float32', () => {
  torch.manual_seed(0);
  assert.deepEqual(torch.randn(3).tolist(), [1.5409960746765137, -0.293428897857666, -2.1787893772125244]);
});

test('rand float64 draws 53 bits from two 32-bit outputs', () => {
  torch.manual_seed(0);
  assert.deepEqual(torch.rand(2, { dtype: torch.float64 }).tolist(), [0.9700530018065531, 0.707819864399788]);
});

test('in-place fills go through views in memory order and bump the version once', () => {
  torch.manual_seed(0);
  const x = torch.zeros(3, 4);
  x.t().uniform_();
  assert.equal(x._version, 1);
  assert.deepEqual(x.tolist(), [
    [0.49625658988952637, 0.7682217955589294, 0.08847743272781372, 0.13203048706054688],
    [0.30742281675338745, 0.6340786814689636, 0.4900934100151062, 0.8964447379112244],
    [0.455627977848053, 0.6323062777519226, 0.3488934636116028, 0.40171730518341064],
  ]);
});

test('a rejected call draws nothing from the generator', () => {
  torch.manual_seed(0);
  assert.throws(() => torch.zeros(2).uniform_(2, 1), RuntimeError);
  assert.throws(() => torch.zeros(2).normal_(0, -1), RuntimeError);
  assert.throws(() => torch.zeros(1).expand(3).uniform_(), RuntimeError);
  assert.throws(() => torch.randint(5, 5, [2]), RuntimeError);
  assert.throws(() => torch.zeros(2, { requires_grad: true }).bernoulli_(0.5), RuntimeError);
  assert.equal(torch.rand(1).item(), 0.49625658988952637);
});

test('bad input never corrupts the tensor: an out-of-range probability stops before writing', () => {
  const x = torch.ones(3);
  assert.throws(() => x.bernoulli_(torch.tensor([0.5, 2.0, 0.5])), RuntimeError);
  assert.deepEqual(x.tolist(), [1, 1, 1]);
  assert.equal(x._version, 0);
});

test('factories start at version 0 and random_ on int64 stays exact below 2^53', () => {
  assert.equal(torch.rand(2)._version, 0);
  assert.equal(torch.randperm(4)._version, 0);
  torch.manual_seed(0);
  const values = torch.zeros(100, { dtype: torch.int64 }).random_(-(2 ** 40), 2 ** 40)._values();
  assert.ok(values.every((v) => Number.isInteger(v) && v >= -(2 ** 40) && v < 2 ** 40));
});

test('a Generator passed as { generator } leaves the default stream alone', () => {
  torch.manual_seed(0);
  const g = torch.Generator();
  g.manual_seed(123);
  torch.rand(5, { generator: g });
  torch.randn(20, { generator: g });
  assert.equal(torch.rand(1).item(), 0.49625658988952637);
});

test('randperm is a permutation', () => {
  torch.manual_seed(3);
  const values = torch.randperm(1000)._values().sort((a, b) => a - b);
  assert.deepEqual(values, Array.from({ length: 1000 }, (_, i) => i));
});
