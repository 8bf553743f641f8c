// The layer ops of torch.nn.functional on the device: forward results and input gradients match the CPU's.
import { test } from 'node:test';
import { F, torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { assertMatches, startDevice } from './setup.ts';

const skip = startDevice();

/** `op` on device copies of `inputs` gives the CPU's result, and the gradients of sum(result * weights) match too. */
function sameOnDevice(label: string, op: (...xs: Tensor[]) => Tensor, inputs: Tensor[]): void {
  const leaves = (device: boolean) => inputs.map((t) => (device ? t.cuda() : t.clone()).detach().requires_grad_());
  const [cpu, gpu] = [leaves(false), leaves(true)];
  const expected = op(...cpu);
  const actual = op(...gpu);
  assertMatches(actual, expected, label);
  const weights = torch.randn(expected.shape);
  expected.mul(weights).sum().backward();
  actual.mul(weights.cuda()).sum().backward();
  gpu.forEach((t, i) => assertMatches(t.grad!, cpu[i]!.grad!, `${label}: gradient ${i}`));
}

test('conv, pooling and normalization on the device', { skip: skip ?? false }, () => {
  torch.manual_seed(0);
  const x = torch.randn(2, 4, 6, 6);
  sameOnDevice('conv2d', (a, w, b) => F.conv2d(a, w, b, { padding: 1, stride: [1, 2], groups: 2 }), [x, torch.randn(4, 2, 3, 3), torch.randn(4)]);
  sameOnDevice('conv1d', (a, w) => F.conv1d(a, w, { dilation: 2 }), [torch.randn(2, 3, 7), torch.randn(2, 3, 2)]);
  sameOnDevice('max_pool2d', (a) => F.max_pool2d(a, 3, { stride: 2, padding: 1, ceil_mode: true }) as Tensor, [x]);
  sameOnDevice('avg_pool2d', (a) => F.avg_pool2d(a, 3, 2, 1, false, false), [x]);
  sameOnDevice('adaptive_avg_pool2d', (a) => F.adaptive_avg_pool2d(a, [2, 3]), [x]);
  sameOnDevice('layer_norm', (a, w, b) => F.layer_norm(a, [6], w, b), [x, torch.randn(6), torch.randn(6)]);
  sameOnDevice('batch_norm', (a, w) => F.batch_norm(a, null, null, w, null, true), [x, torch.randn(4)]);
  sameOnDevice('embedding', (w) => F.embedding(torch.tensor([[1, 0], [2, 1]]).to(w.device), w), [torch.randn(3, 2)]);
});
