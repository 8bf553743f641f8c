import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sleefExpf } from '../../../../engine/ops/nn/expf.ts';

// torch.exp on float32 (PyTorch 1.13, AVX2) at inputs where SLEEF's result is not the correctly rounded one.
const reference: [number, number][] = [
  [0.9587320685386658, 2.608386993408203], [-1.8426837921142578, 0.1583917737007141], [20.53786277770996, 830769408],
  [-1.1253714561462402, 0.3245319128036499], [18.42013168334961, 99945104], [-8.35982894897461, 0.0002340843784622848],
  [-13.571795463562012, 1.2759808214468649e-6], [-1.8259342908859253, 0.16106709837913513],
];

test("sleefExpf reproduces PyTorch's float32 exp bit for bit", () => {
  for (const [x, expected] of reference) {
    assert.equal(sleefExpf(x), expected, `exp(${x})`);
    assert.notEqual(Math.fround(Math.exp(x)), expected);
  }
});

test('sleefExpf handles the ends of its range', () => {
  assert.equal(sleefExpf(0), 1);
  assert.equal(sleefExpf(-Infinity), 0);
  assert.equal(sleefExpf(-105), 0);
  assert.equal(sleefExpf(101), Infinity);
  assert.ok(Number.isNaN(sleefExpf(NaN)));
});
