import assert from 'node:assert/strict';
import { test } from 'node:test';
import { F, torch } from '../../../../engine/index.ts';

/** Runs `fn` and returns what it wrote with console.warn. */
function warnings(fn: () => unknown): string[] {
  const original = console.warn;
  const seen: string[] = [];
  console.warn = (message: string) => { seen.push(message); };
  try { fn(); } finally { console.warn = original; }
  return seen;
}

test('softmax without dim warns and picks the legacy dimension', () => {
  const x = torch.arange(6, { dtype: torch.float32 }).view(2, 3);
  let y = x;
  assert.deepEqual(warnings(() => { y = F.softmax(x); }),
    ['UserWarning: Implicit dimension choice for softmax has been deprecated. Change the call to include dim=X as an argument.']);
  assert.deepEqual(y.tolist(), F.softmax(x, 1).tolist());
  assert.deepEqual(warnings(() => F.softmax(x, 1)), []);
});

test('F.sigmoid and F.tanh warn that they are deprecated', () => {
  assert.deepEqual(warnings(() => F.sigmoid(torch.ones(1))), ['UserWarning: nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.']);
  assert.deepEqual(warnings(() => F.tanh(torch.ones(1))), ['UserWarning: nn.functional.tanh is deprecated. Use torch.tanh instead.']);
});

test('softmax rows sum to one and log_softmax is its log', () => {
  const x = torch.tensor([[1000.0, 0.0, -1000.0], [1.0, 2.0, 3.0]], { dtype: torch.float64 });
  const y = F.softmax(x, 1);
  for (const row of y.sum(1).tolist() as number[]) assert.ok(Math.abs(row - 1) < 1e-15);
  const logs = F.log_softmax(x, 1).tolist() as number[][];
  (y.tolist() as number[][]).forEach((row, i) => row.forEach((v, j) => {
    if (v > 0) assert.ok(Math.abs(Math.log(v) - logs[i]![j]!) < 1e-12);
  }));
});

test('softmax and torch.softmax reject a missing or fractional dim with TypeErrors', () => {
  const x = torch.ones(2);
  assert.throws(() => torch.softmax(x), { name: 'TypeError', message: /^softmax\(\) received an invalid combination of arguments - got \(Tensor\)/ });
  assert.throws(() => x.softmax(1.5), { name: 'TypeError', message: /got \(float\)/ });
});

test('dropout follows the seed and keeps expectations', () => {
  torch.manual_seed(3);
  const a = F.dropout(torch.ones(1000), 0.25);
  torch.manual_seed(3);
  const b = F.dropout(torch.ones(1000), 0.25);
  assert.deepEqual(a.tolist(), b.tolist());
  const values = a.tolist() as number[];
  assert.ok(values.every((v) => v === 0 || Math.abs(v - 1 / 0.75) < 1e-6));
  const kept = values.filter((v) => v !== 0).length;
  assert.ok(kept > 700 && kept < 800, `kept ${kept}`);
});

test('nll_loss sums large float32 batches as PyTorch cascades them', () => {
  // 2^24 + 1 cannot be held by a float32 accumulator; the cascade's partial sums keep the ones from being lost.
  const n = 40000;
  const x = torch.full([n, 1], -1, { dtype: torch.float32 });
  const loss = F.nll_loss(x, torch.zeros([n], { dtype: torch.int64 }), { reduction: 'sum' });
  assert.equal(loss.item(), n);
});

test('one_hot builds int64 rows', () => {
  const y = F.one_hot(torch.tensor([[1, 0], [2, 2]]), 3);
  assert.equal(y.dtype, torch.int64);
  assert.deepEqual(y.tolist(), [[[0, 1, 0], [1, 0, 0]], [[0, 0, 1], [0, 0, 1]]]);
});

test('linear routes 2-d inputs with a bias through addmm', () => {
  const x = torch.ones(2, 3, { requires_grad: true });
  const w = torch.ones(4, 3);
  assert.equal(F.linear(x, w, torch.zeros(4)).grad_fn?.name(), 'AddmmBackward0');
  assert.equal(F.linear(x, w).grad_fn?.name(), 'MmBackward0');
  assert.equal(F.linear(x.view(1, 2, 3), w, torch.zeros(4)).grad_fn?.name(), 'ViewBackward0');
});
