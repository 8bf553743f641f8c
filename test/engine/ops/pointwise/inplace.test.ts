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

// Note [Writing in place]: without autograd, one-kernel in-place ops write straight into the tensor. Each layout
// below is checked against the out-of-place result, with both CPU paths forced, and by whether a storage was made.
test('in-place ops without autograd write straight into the tensor, on every layout, on both CPU paths', async () => {
  const { setKernelMode, kernelMode } = await import('../../../../engine/backend/wasm/index.ts');
  const previous = kernelMode();
  const storagesMadeBy = (run: () => unknown): number => {
    const before = torch.empty([0]).storage.id;
    run();
    return torch.empty([0]).storage.id - before - 1;
  };
  const big = (rows: number, cols: number, dtype = torch.float32) =>
    torch.arange(rows * cols, { dtype }).reshape([rows, cols]).mul(0.37).sub(rows);
  const layouts: [string, () => Tensor, boolean][] = [
    // name, a fresh tensor to write into, whether it fills a block of its storage (the direct path applies)
    ['contiguous', () => big(40, 64), true],
    ['transposed', () => big(64, 40).t(), true],
    ['rows 3.. of a matrix (an offset block)', () => big(43, 64).narrow(0, 3, 40), true],
    ['a column slice (strided, not dense)', () => big(40, 80).narrow(1, 5, 64), false],
    ['every other row', () => big(80, 64).as_strided([40, 64], [128, 1], 0), false],
  ];
  try {
    for (const mode of ['wasm', 'reference'] as const) {
      setKernelMode(mode);
      for (const [name, make, dense] of layouts) {
        const other = big(40, 64).mul(-0.5).add(1);
        const row = big(1, 64).squeeze(0);
        const cases: [string, (t: Tensor) => Tensor, (t: Tensor) => Tensor, boolean][] = [
          ['add_ tensor', (t) => t.add_(other), (t) => t.add(other), true],
          ['sub_ broadcast row', (t) => t.sub_(row), (t) => t.sub(row), true],
          ['mul_ scalar', (t) => t.mul_(3), (t) => t.mul(3), false],
          ['div_ tensor', (t) => t.div_(other), (t) => t.div(other), true],
          ['add_ itself', (t) => t.add_(t), (t) => t.add(t), true],
          ['neg_', (t) => t.neg_(), (t) => t.neg(), true],
          ['exp_', (t) => t.exp_(), (t) => t.exp(), true],
          ['tanh_', (t) => t.tanh_(), (t) => t.tanh(), true],
        ];
        for (const [label, write, compute, noScalar] of cases) {
          const target = make();
          const whole = target._base ?? target;
          const outside = whole.clone();
          const expected = compute(target).tolist();
          const version = target._version;
          let returned: Tensor | undefined;
          const made = storagesMadeBy(() => { returned = write(target); });
          const where = `${mode} ${name} ${label}`;
          assert.equal(returned, target, where);
          assert.deepEqual(target.tolist(), expected, where);
          assert.equal(target._version, version + 1, where);
          // Elements outside the view are untouched.
          const mask = torch.ones_like(whole, { dtype: torch.bool });
          mask.as_strided(target._shape, target._stride, target._offset).fill_(false);
          assert.deepEqual(whole.masked_select(mask).tolist(), outside.masked_select(mask).tolist(), where);
          if (dense && noScalar) assert.equal(made, 0, `${where}: wrote through a new tensor`);
          if (!dense) assert.ok(made >= 1, `${where}: a strided slice takes the general path`);
        }
      }
    }
  } finally {
    setKernelMode(previous);
  }
});

test('in-place ops with autograd, a cast or a broadcast self still take the general path', () => {
  const w = torch.ones([3, 4], { requires_grad: true });
  const h = w.mul(2);
  h.add_(torch.ones([3, 4]));
  assert.equal(h.grad_fn?.name(), 'AddBackward0');
  h.sum().backward();
  assert.deepEqual(w.grad!.tolist(), [[2, 2, 2, 2], [2, 2, 2, 2], [2, 2, 2, 2]]);
  const i = torch.tensor([1, 2, 2147483647], { dtype: torch.int32 });
  i.add_(torch.tensor([1, 1, 1], { dtype: torch.int32 }));
  assert.deepEqual(i.tolist(), [2, 3, -2147483648]);
  const f = f32([1, 2, 3]);
  f.add_(torch.tensor([0.5, 0.5, 0.5], { dtype: torch.float64 }));
  assert.deepEqual(f.tolist(), [1.5, 2.5, 3.5]);
  const expanded = f32([1, 2, 3]).expand([2, 3]);
  assert.throws(() => expanded.add_(1), /unsupported operation: more than one element of the written-to tensor refers to a single memory location/);
});
