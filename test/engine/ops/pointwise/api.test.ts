// The pointwise API surface: each op as a torch function and a Tensor method (and in-place twin where PyTorch has
// one), and every registry declaration complete enough for the table-driven tests and the WebGPU backend.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../../engine/index.ts';
import { Tensor } from '../../../../engine/core/tensor.ts';
import { opRegistry, type BinarySpec, type UnarySpec } from '../../../../engine/ops/dispatch.ts';

const unary = ['abs', 'absolute', 'sign', 'sgn', 'sqrt', 'rsqrt', 'exp', 'exp2', 'expm1', 'log', 'log2', 'log10', 'log1p',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'arcsin', 'arccos',
  'arctan', 'arcsinh', 'arccosh', 'arctanh', 'sigmoid', 'relu', 'floor', 'ceil', 'round', 'trunc', 'fix', 'frac', 'erf', 'erfinv',
  'reciprocal', 'square', 'neg', 'negative', 'logical_not', 'bitwise_not', 'nan_to_num'];
const binary = ['add', 'sub', 'mul', 'div', 'subtract', 'multiply', 'divide', 'true_divide', 'floor_divide', 'remainder',
  'fmod', 'pow', 'float_power', 'atan2', 'arctan2', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'greater', 'greater_equal', 'less',
  'less_equal', 'not_equal', 'logical_and', 'logical_or', 'logical_xor', 'bitwise_and', 'bitwise_or', 'bitwise_xor',
  'bitwise_left_shift', 'bitwise_right_shift', 'clamp', 'clip', 'clamp_min', 'clamp_max', 'lerp', 'addcmul', 'addcdiv'];
const outOfPlaceOnly = ['maximum', 'minimum', 'fmax', 'fmin', 'isnan', 'isinf', 'isfinite', 'isposinf', 'isneginf', 'isreal',
  'isclose', 'allclose', 'equal', 'where', 'positive'];

test('every op is a torch function and a Tensor method', () => {
  const t = torch as unknown as Record<string, unknown>;
  for (const name of [...unary, ...binary, ...outOfPlaceOnly]) {
    assert.equal(typeof t[name], 'function', `torch.${name}`);
    assert.equal(typeof (Tensor.prototype as unknown as Record<string, unknown>)[name], 'function', `Tensor.${name}`);
  }
  assert.equal(typeof t['rsub'], 'function');
  for (const name of ['fill_', 'zero_', 'copy_']) assert.equal(typeof (Tensor.prototype as unknown as Record<string, unknown>)[name], 'function');
});

test('in-place twins exist where PyTorch has them, and only there', () => {
  const proto = Tensor.prototype as unknown as Record<string, unknown>;
  for (const name of [...unary, ...binary]) {
    assert.equal(typeof proto[`${name}_`], 'function', `Tensor.${name}_`);
  }
  for (const name of ['maximum', 'minimum', 'fmax', 'fmin', 'isnan', 'isclose', 'where']) {
    assert.equal(proto[`${name}_`], undefined, `Tensor.${name}_ is not PyTorch's`);
  }
  assert.equal((torch as unknown as Record<string, unknown>)['erfinv_'], undefined, 'PyTorch has x.erfinv_() but no torch.erfinv_');
});

test('every registered pointwise op has a CPU kernel, a WGSL expression and a PyTorch-style node name', () => {
  assert.ok(opRegistry.size > 40);
  for (const [name, { spec }] of opRegistry) {
    const s = spec as UnarySpec | BinarySpec;
    assert.equal(typeof s.cpu, 'function', name);
    assert.ok(s.wgsl.length > 0, name);
    if (s.grad_fn !== undefined) {
      assert.match(s.grad_fn, /^[A-Z][A-Za-z0-9]*Backward\d$/, name);
      assert.equal(typeof s.backward, 'function', name);
    }
  }
});

test('tensor-only ops refuse Python scalars with the parser error', () => {
  const x = torch.tensor([1.5]);
  assert.throws(() => torch.maximum(x, 1), { name: 'TypeError', message: "maximum(): argument 'other' (position 2) must be Tensor, not int" });
  assert.throws(() => x.maximum(1.5), { name: 'TypeError', message: "maximum(): argument 'other' (position 1) must be Tensor, not float" });
  assert.throws(() => torch.logical_and(x, true), { name: 'TypeError', message: "logical_and(): argument 'other' (position 2) must be Tensor, not bool" });
});
