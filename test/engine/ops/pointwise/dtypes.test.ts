// Every pointwise op on every dtype: the result dtype, or PyTorch's error for a dtype its kernel refuses.
// dtypes.json was recorded from PyTorch 1.13 with inputs [1.5, -2.] (floats), [3, -2] (integers), [true, false].
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';

const expected = JSON.parse(readFileSync(new URL('./dtypes.json', import.meta.url), 'utf8')) as {
  unary: Record<string, Record<string, string>>;
  binary: Record<string, Record<string, string>>;
};

const inputs: Record<string, () => Tensor> = {
  float32: () => torch.tensor([1.5, -2]),
  float64: () => torch.tensor([1.5, -2], { dtype: torch.float64 }),
  int64: () => torch.tensor([3, -2]),
  int32: () => torch.tensor([3, -2], { dtype: torch.int32 }),
  bool: () => torch.tensor([true, false]),
};

/** The result dtype's name, or `!message` for an error, as the table records them. */
function outcome(run: () => Tensor): string {
  try {
    return run().dtype.name;
  } catch (e) {
    return `!${(e as Error).message}`;
  }
}

const fn = (name: string) => (torch as unknown as Record<string, (...args: unknown[]) => Tensor>)[name]!;

for (const [op, row] of Object.entries(expected.unary)) {
  test(`torch.${op} result dtypes`, () => {
    for (const [dtype, want] of Object.entries(row)) {
      assert.equal(outcome(() => fn(op)(inputs[dtype]!())), want, `torch.${op} on ${dtype}`);
    }
  });
}

for (const [op, row] of Object.entries(expected.binary)) {
  test(`torch.${op} result dtypes`, () => {
    for (const [pair, want] of Object.entries(row)) {
      const [a, b] = pair.split(',');
      assert.equal(outcome(() => fn(op)(inputs[a!]!(), inputs[b!]!())), want, `torch.${op} on ${pair}`);
    }
  });
}
