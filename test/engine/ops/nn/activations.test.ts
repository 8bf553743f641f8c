// Finite-difference checks (float64) for the smaller activations, distances and losses of torch.nn.functional,
// including their in-place forms (whose derivatives come from the output) and second derivatives.
import { test } from 'node:test';
import { F } from '../../../../engine/index.ts';
import { check, checkSecondOrder, prng, randomTensor } from '../../helpers.ts';

const random = prng(23);
const r = (shape: number[], low = -4, high = 4) => randomTensor(random, shape, low, high);

test('piecewise-linear activations', () => {
  check((x) => F.hardtanh(x, -2, 2.5), [r([3, 4])]);
  check((x) => F.relu6(x.mul(2), true), [r([3, 4])]);
  check((x) => F.hardsigmoid(x), [r([3, 4])]);
  check((x) => F.hardswish(x), [r([3, 4])]);
  check((x) => F.threshold(x, 0.5, 3.0), [r([3, 4])]);
  check((x) => F.threshold(x.mul(1), 0.5, -3.0, true), [r([3, 4])]);
});

test('smooth activations and their second derivatives', () => {
  for (const fn of [F.selu, F.celu, F.softsign, F.logsigmoid, F.mish] as const) {
    check((x) => fn(x), [r([2, 3])]);
    checkSecondOrder((x) => fn(x), [r([2, 3])]);
  }
  check((x) => F.celu(x, 0.5), [r([2, 3])]);
  check((x) => F.celu(x.mul(1), 2.0, true), [r([2, 3])]);
  check((x) => F.selu(x.mul(1), true), [r([2, 3])]);
  check((x) => F.mish(x.mul(1), true), [r([2, 3])]);
  check((x) => F.softmin(x, 1), [r([2, 3])]);
  check((x) => F.glu(x, 0), [r([4, 3])]);
  checkSecondOrder((x) => F.glu(x), [r([3, 4])]);
});

test('distances and losses', () => {
  check((a, b) => F.cosine_similarity(a, b), [r([3, 4]), r([3, 4])]);
  check((a, b) => F.cosine_similarity(a, b, 0), [r([3, 4]), r([4])]);
  check((a, b) => F.pairwise_distance(a, b), [r([3, 4]), r([3, 4])]);
  check((a, b) => F.pairwise_distance(a, b, 3, { keepdim: true }), [r([3, 4]), r([4])]);
  for (const reduction of ['mean', 'sum', 'none']) {
    check((a, b) => F.smooth_l1_loss(a, b, { reduction, beta: 0.7 }), [r([2, 3]), r([2, 3])]);
    check((a, b) => F.huber_loss(a, b, { reduction, delta: 1.5 }), [r([2, 3]), r([2, 3])]);
  }
  checkSecondOrder((a, b) => F.huber_loss(a, b), [r([2, 3]), r([2, 3])]);
  check((x, t) => F.kl_div(x.log_softmax(1), t.softmax(1), { reduction: 'batchmean' }), [r([2, 3]), r([2, 3])]);
  check((x, t) => F.kl_div(x, t, { reduction: 'sum', log_target: true }), [r([2, 3]), r([2, 3])]);
});
