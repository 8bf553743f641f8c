import { test } from 'node:test';
import assert from 'node:assert/strict';
import { torch } from '../../../engine/index.ts';
import { Generator, toSeed } from '../../../engine/random/generator.ts';
import { RuntimeError } from '../../../engine/core/errors.ts';

test('seeds wrap into [0, 2^64) like manual_seed; beyond that they overflow', () => {
  assert.equal(toSeed(5), 5n);
  assert.equal(toSeed(-1), 2n ** 64n - 1n);
  assert.equal(toSeed(3.7), 3n);
  assert.equal(toSeed(true), 1n);
  assert.throws(() => toSeed(2n ** 64n), new RuntimeError('Overflow when unpacking long'));
  assert.throws(() => toSeed(-(2n ** 63n) - 1n), RuntimeError);
});

test('random64 puts the first 32-bit draw in the high word; random53 keeps its low 53 bits', () => {
  const a = new Generator().manual_seed(0);
  const b = new Generator().manual_seed(0);
  const high = 2357136044n;
  const low = 2546248239n;
  assert.equal(a.random64(), (high << 32n) | low);
  assert.equal(b.random53(), Number(((high << 32n) | low) & (2n ** 53n - 1n)));
});

test('a new generator has PyTorch\'s default seed; the default one is seeded nondeterministically', () => {
  assert.equal(new Generator().initial_seed(), 67280421310721);
  const seed = torch.seed();
  assert.ok(Number.isSafeInteger(seed));
  assert.equal(torch.initial_seed(), seed);
});

test('manual_seed returns the generator and forgets the cached normal sample', () => {
  const g = torch.manual_seed(0);
  assert.ok(g instanceof Generator);
  torch.randn(1);
  assert.notEqual(g.nextDoubleNormal, null);
  torch.manual_seed(0);
  assert.equal(g.nextDoubleNormal, null);
});

test('get_state / set_state round-trip, including the cached normal sample', () => {
  const g = new Generator().manual_seed(9);
  torch.randn(1, { generator: g });
  const state = g.get_state();
  assert.equal(state.numel(), 5056);
  const first = torch.randn(5, { generator: g }).tolist();
  g.set_state(state);
  assert.deepEqual(torch.randn(5, { generator: g }).tolist(), first);
});

test('an invalid state is rejected and leaves the generator untouched', () => {
  const g = new Generator().manual_seed(1);
  const state = g.get_state();
  state.storage.data[12] = 0; // seeded = false
  assert.throws(() => g.set_state(state), new RuntimeError('Invalid mt19937 state'));
  assert.throws(() => g.set_state(torch.zeros(5, { dtype: torch.int64 })), RuntimeError);
  assert.throws(() => g.set_state(torch.zeros(5056)), TypeError);
  const fresh = new Generator().manual_seed(1);
  assert.deepEqual(torch.rand(3, { generator: g }).tolist(), torch.rand(3, { generator: fresh }).tolist());
});

test('the state bytes follow CPUGeneratorImplState: seed, left, seeded, next, then 624 words', () => {
  torch.manual_seed(5);
  torch.randn(1);
  const bytes = torch.get_rng_state()._values();
  assert.deepEqual(bytes.slice(0, 24), [5, 0, 0, 0, 0, 0, 0, 0, 109, 2, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(bytes[5040], 1); // normal_is_valid
});
