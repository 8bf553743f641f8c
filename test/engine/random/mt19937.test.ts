import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MT19937 } from '../../../engine/random/mt19937.ts';

test('the default seed 5489 gives std::mt19937\'s stream', () => {
  const engine = new MT19937();
  assert.equal(engine.nextUint32(), 3499211612);
  let value = 0;
  for (let i = 2; i <= 10000; i++) value = engine.nextUint32();
  assert.equal(value, 4123659995); // the C++ standard's check value for the 10000th output
});

test('seed 0 starts 2357136044, 2546248239, 3071714933, 3626093760', () => {
  const engine = new MT19937(0n);
  assert.deepEqual([1, 2, 3, 4].map(() => engine.nextUint32()), [2357136044, 2546248239, 3071714933, 3626093760]);
});

test('only the low 32 bits of the seed enter the state, but the full seed is kept', () => {
  const a = new MT19937(5n);
  const b = new MT19937(2n ** 32n + 5n);
  assert.equal(a.nextUint32(), b.nextUint32());
  assert.equal(b.snapshot().seed, 2n ** 32n + 5n);
});

test('left and next follow at::mt19937: the first draw regenerates the state', () => {
  const engine = new MT19937(1n);
  assert.equal(engine.snapshot().left, 1);
  for (let i = 0; i < 4; i++) engine.nextUint32();
  const state = engine.snapshot();
  assert.equal(state.left, 621);
  assert.equal(state.next, 4);
});

test('snapshot and restore replay the stream, across a regeneration', () => {
  const engine = new MT19937(42n);
  for (let i = 0; i < 620; i++) engine.nextUint32();
  const saved = engine.snapshot();
  const first = Array.from({ length: 10 }, () => engine.nextUint32());
  engine.restore(saved);
  assert.deepEqual(Array.from({ length: 10 }, () => engine.nextUint32()), first);
});
