// Python-style arguments of reductions and the `torch.return_types` named tuples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../../engine/index.ts';
import { pyArgs } from '../../../../engine/ops/reduction/reduce.ts';

test('pyArgs maps positional parameters in order and merges one keyword object', () => {
  assert.deepEqual(pyArgs<{ dim?: number; keepdim?: boolean }>('sum', [1, true], ['dim', 'keepdim']), { dim: 1, keepdim: true });
  assert.deepEqual(pyArgs<{ dim?: number; keepdim?: boolean }>('sum', [1, { keepdim: true }], ['dim', 'keepdim']), { dim: 1, keepdim: true });
  assert.deepEqual(pyArgs<{ dim?: number }>('sum', [{ dim: [0, 1] }], ['dim']), { dim: [0, 1] });
  assert.deepEqual(pyArgs<{ dim?: number }>('sum', [], ['dim']), {});
});

test('pyArgs rejects too many positional arguments and an argument given twice', () => {
  assert.throws(() => pyArgs<{ dim?: number; keepdim?: boolean }>('sum', [0, true, 1], ['dim', 'keepdim']), TypeError);
  assert.throws(() => pyArgs<{ dim?: number; keepdim?: boolean }>('sum', [0, { dim: 1 }], ['dim', 'keepdim']), /multiple values for argument 'dim'/);
});

test('positional and keyword forms agree', () => {
  const x = torch.tensor([[1, 2, 3], [4, 5, 6]], { dtype: torch.float32 });
  assert.deepEqual(x.sum(1, true).tolist(), x.sum({ dim: 1, keepdim: true }).tolist());
  assert.deepEqual(torch.sum(x, [0, 1]).tolist(), x.sum({ dim: [1, 0] }).tolist());
  assert.deepEqual(x.std(0, false, true).tolist(), x.std({ dim: 0, correction: 0, keepdim: true }).tolist());
  assert.deepEqual(x.norm(1, 1).tolist(), torch.norm(x, { p: 1, dim: 1 }).tolist());
});

test('dims of the wrong type are rejected as by PyTorch\'s parser', () => {
  const x = torch.ones(2, 3);
  assert.throws(() => x.sum([0, 1.5]), /argument 'dim' must be tuple of ints, but found element of type float at pos 2/);
  assert.throws(() => x.max(1.5), /argument 'dim' must be int/);
});

test('max along a dim is a named tuple: destructures, has fields and prints like Python', () => {
  const x = torch.tensor([[1, 5, 5], [7, 2, 7]]);
  const result = x.max(1);
  const [values, indices] = result;
  assert.deepEqual(values.tolist(), [5, 7]);
  assert.deepEqual(indices.tolist(), [1, 0]);
  assert.equal(result.values, values);
  assert.equal(result.indices, indices);
  assert.equal(result.length, 2);
  assert.ok(Array.isArray(result));
  assert.equal(String(result), `torch.return_types.max(\nvalues=${String(values)},\nindices=${String(indices)})`);
  assert.equal(String(x.min(0)).split('\n')[0], 'torch.return_types.min(');
  assert.deepEqual([...result].map((t) => t.dtype.name), ['int64', 'int64']);
});

test('var_mean and std_mean return a Python tuple', () => {
  const x = torch.tensor([1, 2, 4], { dtype: torch.float64 });
  const pair = torch.var_mean(x);
  const [v, m] = pair;
  assert.ok(Math.abs((v.item() as number) - 7 / 3) < 1e-12);
  assert.ok(Math.abs((m.item() as number) - 7 / 3) < 1e-12);
  assert.equal(String(pair), `(${String(v)}, ${String(m)})`);
});
