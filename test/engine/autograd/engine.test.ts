import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { torch } from '../../../engine/index.ts';
import type { Tensor } from '../../../engine/index.ts';
import { exportGraph } from '../../../engine/autograd/export.ts';

const values = (t: Tensor | null) => (t === null ? null : t._values());

function throwsTorch(fn: () => unknown, name: string, message: string | RegExp): void {
  assert.throws(fn, (e: Error) => {
    assert.equal(e.name, name);
    if (typeof message === 'string') assert.equal(e.message, message);
    else assert.match(e.message, message);
    return true;
  });
}

describe('backward', () => {
  test('the introduction example: d(12 w^3 + 2)/dw at w = 2 is 144', () => {
    const w = torch.tensor(torch.pyfloat(2), { requires_grad: true });
    const z = w.mul(w).mul(w).mul(12).add(2);
    z.backward();
    assert.deepEqual(values(w.grad), [144]);
    assert.equal(z.grad_fn!.name(), 'AddBackward0');
    assert.equal(w.grad!.requires_grad, false);
  });

  test('an external gradient for a non-scalar output; implicit gradients need scalars', () => {
    const a = torch.tensor([2.5, 3.5], { requires_grad: true });
    const b = torch.tensor([6.5, 4.5], { requires_grad: true });
    const q = a.mul(a).mul(a).mul(3).sub(b.mul(b));
    throwsTorch(() => q.backward(), 'RuntimeError', 'grad can be implicitly created only for scalar outputs');
    q.backward({ gradient: torch.tensor([1.5, 1.5]) });
    assert.deepEqual(values(a.grad), [9 * 2.5 * 2.5 * 1.5, 9 * 3.5 * 3.5 * 1.5]);
    assert.deepEqual(values(b.grad), [-2 * 6.5 * 1.5, -2 * 4.5 * 1.5]);
  });

  test('gradients accumulate across backward calls, into the same .grad tensor', () => {
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    x.mul(3).sum().backward();
    const held = x.grad!;
    x.mul(3).sum().backward();
    assert.deepEqual(values(x.grad), [6, 6]);
    assert.equal(held, x.grad);
  });

  test('a second backward through freed saved tensors fails; retain_graph keeps them', () => {
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    const y = x.mul(x).sum();
    y.backward({ retain_graph: true });
    y.backward();
    assert.deepEqual(values(x.grad), [6, 10]);
    throwsTorch(() => y.backward(), 'RuntimeError', /^Trying to backward through the graph a second time/);
  });

  test('nodes that save nothing can be run again, as in PyTorch', () => {
    const x = torch.tensor([1.5], { requires_grad: true });
    const y = x.add(1).sum();
    y.backward();
    y.backward();
    assert.deepEqual(values(x.grad), [2]);
  });

  test('create_graph builds a differentiable gradient (second derivative of x^3 is 6x)', () => {
    const x = torch.tensor(1.5, { requires_grad: true });
    const y = x.mul(x).mul(x);
    const [dx] = torch.autograd.grad(y, x, { create_graph: true });
    assert.equal(dx!.item(), 3 * 1.5 * 1.5);
    assert.ok(dx!.requires_grad);
    const [ddx] = torch.autograd.grad(dx!, x);
    assert.equal(ddx!.item(), 6 * 1.5);
    assert.equal(x.grad, null);
  });

  test('retain_grad keeps a non-leaf gradient; hooks see and replace gradients', () => {
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    const h = x.mul(2);
    h.retain_grad();
    const seen: number[][] = [];
    h.register_hook((g) => { seen.push(g._values()); return g.mul(10); });
    x.register_hook((g) => { seen.push(g._values()); });
    h.mul(h).sum().backward();
    assert.deepEqual(values(h.grad), [6, 10]);
    assert.deepEqual(seen, [[6, 10], [120, 200]]);
    assert.deepEqual(values(x.grad), [120, 200]);
  });

  test('grad modes: no_grad, enable_grad inside it, set_grad_enabled', () => {
    const x = torch.tensor([1.5], { requires_grad: true });
    const y = torch.no_grad(() => x.mul(2));
    assert.equal(y.requires_grad, false);
    const z = torch.no_grad(() => torch.enable_grad(() => x.mul(2)));
    assert.equal(z.requires_grad, true);
    torch.set_grad_enabled(false);
    try {
      assert.equal(x.mul(2).requires_grad, false);
    } finally {
      torch.set_grad_enabled(true);
    }
    assert.equal(torch.set_grad_enabled(false, () => x.mul(2).requires_grad), false);
  });

  test('detach shares storage without history; detach_ makes a leaf', () => {
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    const y = x.mul(2);
    const d = y.detach();
    assert.equal(d.storage, y.storage);
    assert.equal(d.requires_grad, false);
    assert.equal(d.grad_fn, null);
    y.detach_();
    assert.equal(y.is_leaf, true);
    assert.equal(y.requires_grad, false);
  });

  test('a chain of 100,000 ops runs backward without overflowing the stack', () => {
    const x = torch.tensor([1.5], { requires_grad: true });
    let y = x;
    for (let i = 0; i < 100_000; i++) y = y.add(1);
    y.sum().backward();
    assert.deepEqual(values(x.grad), [1]);
  });

  test('mixed dtypes: gradients come back in each input\'s dtype', () => {
    const a = torch.tensor([1.5, 2.5], { requires_grad: true });
    const b = torch.tensor([0.5, 1.5], { dtype: torch.float64, requires_grad: true });
    const y = a.mul(b);
    assert.equal(String(y.dtype), 'torch.float64');
    y.sum().backward();
    assert.equal(String(a.grad!.dtype), 'torch.float32');
    assert.deepEqual(values(a.grad), [0.5, 1.5]);
    assert.deepEqual(values(b.grad), [1.5, 2.5]);
  });

  test('broadcasting is undone: gradients have the inputs\' shapes', () => {
    const a = torch.ones(2, 3, { requires_grad: true });
    const b = torch.ones(3, { requires_grad: true });
    const c = torch.ones(2, 1, { requires_grad: true });
    a.mul(b).mul(c).sum().backward();
    assert.deepEqual([...b.grad!.shape], [3]);
    assert.deepEqual(values(b.grad), [2, 2, 2]);
    assert.deepEqual(values(c.grad), [3, 3]);
  });
});

describe('PyTorch\'s autograd errors', () => {
  test('integer tensors cannot require grad', () => {
    throwsTorch(() => torch.tensor([1, 2], { requires_grad: true }), 'RuntimeError', 'Only Tensors of floating point and complex dtype can require gradients');
  });

  test('in-place on a leaf that requires grad', () => {
    const x = torch.tensor([1.5], { requires_grad: true });
    throwsTorch(() => x.add_(1), 'RuntimeError', 'a leaf Variable that requires grad is being used in an in-place operation.');
    assert.deepEqual(values(x), [1.5]);
    torch.no_grad(() => x.add_(1));
    assert.deepEqual(values(x), [2.5]);
  });

  test('a saved tensor modified in place (version counter)', () => {
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    const y = x.mul(2);
    const z = y.mul(y);
    y.add_(1);
    throwsTorch(() => z.sum().backward(), 'RuntimeError',
      'one of the variables needed for gradient computation has been modified by an inplace operation: [torch.FloatTensor [2]], which is output 0 of AddBackward0, is at version 1; expected version 0 instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).');
  });

  test('backward on a tensor without history', () => {
    throwsTorch(() => torch.tensor([1.5]).sum().backward(), 'RuntimeError', 'element 0 of tensors does not require grad and does not have a grad_fn');
  });

  test('changing requires_grad of a non-leaf', () => {
    const y = torch.tensor([1.5], { requires_grad: true }).mul(2);
    throwsTorch(() => { y.requires_grad = false; }, 'RuntimeError', /^you can only change requires_grad flags of leaf variables/);
  });
});

describe('in-place ops and views', () => {
  test('in-place on a non-leaf moves its history onto the new node', () => {
    const x = torch.tensor([1.5, 2.5], { requires_grad: true });
    const y = x.mul(2);
    y.mul_(3);
    assert.equal(y.grad_fn!.name(), 'MulBackward0');
    y.sum().backward();
    assert.deepEqual(values(x.grad), [6, 6]);
  });

  test('in-place through a view rebases the base onto CopySlices', () => {
    const a = torch.ones(2, 3, { requires_grad: true });
    const b = a.mul(1);
    const v = b.select(0, 0);
    v.mul_(2);
    assert.equal(b.grad_fn!.name(), 'torch::autograd::CopySlices');
    assert.equal(v.grad_fn!.name(), 'AsStridedBackward0');
    b.sum().backward();
    assert.deepEqual(values(a.grad), [2, 2, 2, 1, 1, 1]);
  });

  test('writing a requires-grad value into a plain tensor\'s view', () => {
    const z = torch.zeros(2, 3);
    const w = torch.ones(3, { requires_grad: true });
    z.select(0, 1).copy_(w.mul(3));
    assert.equal(z.grad_fn!.name(), 'torch::autograd::CopySlices');
    z.sum().backward();
    assert.deepEqual(values(w.grad), [3, 3, 3]);
  });

  test('a view modified through its base regenerates its history', () => {
    const x = torch.ones(3, { requires_grad: true });
    const y = x.clone();
    const view = y.view(3);
    y.add_(1);
    assert.equal(view.grad_fn!.name(), 'AsStridedBackward0');
    view.mul(2).sum().backward();
    assert.deepEqual(values(x.grad), [2, 2, 2]);
  });
});

describe('graph export', () => {
  test('nodes, edges, leaves and gradients with the tensors\' ids', () => {
    const w = torch.tensor([1.5, 2.5], { requires_grad: true });
    const b = torch.tensor(0.5, { requires_grad: true });
    const y = w.mul(w).add(b).sum();
    const before = exportGraph([y]);
    assert.deepEqual(before.nodes.map((n) => n.name).sort(), ['AccumulateGrad', 'AccumulateGrad', 'AddBackward0', 'MulBackward0', 'SumBackward0']);
    assert.deepEqual(before.leaves.map((l) => l.id).sort(), [w.id, b.id].sort());
    const mul = before.nodes.find((n) => n.name === 'MulBackward0')!;
    assert.deepEqual(mul.saved.map((s) => s.tensor?.id), [w.id, w.id]);
    assert.equal(before.grads.length, 0);
    y.backward();
    const after = exportGraph([y, w, b]);
    assert.deepEqual(after.grads.map((g) => g.tensor).sort(), [w.id, b.id].sort());
    assert.ok(after.nodes.find((n) => n.name === 'MulBackward0')!.saved.every((s) => s.tensor === null));
    const sumNode = after.nodes.find((n) => n.name === 'SumBackward0')!;
    assert.deepEqual(sumNode.outputs, [y.id]);
    assert.ok(after.edges.some((e) => e.from === sumNode.id));
  });
});
