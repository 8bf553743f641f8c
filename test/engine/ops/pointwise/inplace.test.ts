// In-place twins: they write through views into the shared storage, bump its version once, and leave the tensor
// untouched when they refuse (Bad input never corrupts a tensor).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';

const f32 = (data: unknown) => torch.tensor(data as number[], { dtype: torch.float32 });

test('an in-place op on a transposed view changes the base and returns the view', () => {
  const base = f32([[1, 2, 3], [4, 5, 6]]);
  const view = base.t();
  const version = base._version;
  assert.equal(view.mul_(10), view);
  assert.deepEqual(base.tolist(), [[10, 20, 30], [40, 50, 60]]);
  assert.equal(base._version, version + 1);
  assert.equal(view.storage, base.storage);
});

test('every unary in-place twin matches its out-of-place op', () => {
  const names = ['exp', 'log1p', 'sqrt', 'sin', 'tanh', 'sigmoid', 'relu', 'abs', 'floor', 'round', 'frac', 'neg', 'reciprocal', 'square', 'erf', 'atan'];
  for (const name of names) {
    const x = f32([0.25, 1.5, 3]);
    const method = x as unknown as Record<string, () => Tensor>;
    const expected = method[name]!.call(x).tolist();
    assert.equal(method[`${name}_`]!.call(x), x, name);
    assert.deepEqual(x.tolist(), expected, name);
  }
});

test('refused in-place ops leave the tensor unchanged', () => {
  const i = torch.tensor([1, 2]);
  assert.throws(() => i.add_(1.5), /result type Float can't be cast to the desired output type Long/);
  assert.throws(() => i.sqrt_(), /result type Float can't be cast/);
  assert.throws(() => i.div_(2), /result type Float can't be cast/);
  const f = f32([1, 2]);
  assert.throws(() => f.add_(f32([[1, 2], [3, 4]])), /output with shape \[2\] doesn't match the broadcast shape \[2, 2\]/);
  assert.deepEqual(i.tolist(), [1, 2]);
  assert.deepEqual(f.tolist(), [1, 2]);
  assert.equal(i._version, 0);
  assert.equal(f._version, 0);
});

test('in-place comparisons and logical ops write 0/1 in the tensor dtype', () => {
  const x = f32([1, 2, 3]);
  x.ge_(2);
  assert.equal(x.dtype, torch.float32);
  assert.deepEqual(x.tolist(), [0, 1, 1]);
  const i = torch.tensor([5, 0]);
  i.logical_not_();
  assert.deepEqual(i.tolist(), [0, 1]);
});

test('fill_ and zero_ write through a strided view only', () => {
  const base = f32([[1, 2], [3, 4]]);
  base.t().select(0, 1).fill_(9);
  assert.deepEqual(base.tolist(), [[1, 9], [3, 9]]);
  base.t().select(0, 0).zero_();
  assert.deepEqual(base.tolist(), [[0, 9], [0, 9]]);
});

test('copy_ broadcasts, casts and writes through views', () => {
  const dst = torch.zeros(2, 3, { dtype: torch.int32 });
  dst.t().copy_(torch.tensor([[1.9], [-2.9], [3.5]]));
  assert.deepEqual(dst.tolist(), [[1, -2, 3], [1, -2, 3]]);
  assert.throws(() => dst.copy_(torch.tensor([1, 2])), /The size of tensor a \(3\) must match the size of tensor b \(2\)/);
});

test('in-place ops record their grad_fn on the modified tensor', () => {
  const x = f32([1, 2]).requires_grad_();
  const y = x.mul(1);
  y.exp_();
  assert.equal(y.grad_fn?.name(), 'ExpBackward0');
  y.clamp_(0, 3);
  assert.equal(y.grad_fn?.name(), 'ClampBackward1');
  // exp_ saved y itself, which clamp_ then modified: PyTorch refuses the backward, and so does the engine.
  assert.throws(() => y.sum().backward(), /which is output 0 of ExpBackward0, is at version 2; expected version 1 instead/);
  const z = x.mul(1);
  z.clamp_(0, 1.5);
  z.sum().backward();
  assert.deepEqual(x.grad!.tolist(), [1, 0]);
});

test('in-place on a leaf that requires grad is refused', () => {
  const x = f32([1, 2]).requires_grad_();
  assert.throws(() => x.add_(1), /a leaf Variable that requires grad is being used in an in-place operation/);
  assert.deepEqual(x.tolist(), [1, 2]);
});
