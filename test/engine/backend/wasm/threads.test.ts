// Kernel threads (Note [Kernel threads]): with a worker thread installed, large products, math maps and softmax
// split their work across threads and give exactly the single-threaded values; ops that stay on the calling thread
// use the other memory (Note [Two memories]) and give the same values as before the threads started.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { threadsReady } from '../../../../engine/backend/wasm/index.ts';
import { installKernelThreads } from '../../../../extension/runner/kernel-threads.ts';

function waitForThreads(): void {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let waited = 0; !threadsReady() && waited < 20_000; waited += 10) Atomics.wait(sleeper, 0, 0, 10);
  assert.ok(threadsReady(), 'the kernel thread did not start within 20 s');
}

test('threaded kernels give the single-threaded values', () => {
  torch.manual_seed(1);
  const a = torch.randn([300, 257]);
  const b = torch.randn([257, 190]);
  const x = torch.randn([600, 300]);
  const cases: [string, () => Tensor][] = [
    ['mm float32', () => a.mm(b)],
    ['mm float64 transposed', () => b.double().t().mm(a.double().t())],
    ['bmm', () => a.view(3, 100, 257).bmm(a.view(3, 100, 257).transpose(1, 2))],
    ['exp', () => x.exp()],
    ['tanh strided', () => x.t().tanh()],
    ['softmax', () => x.softmax(1)],
    ['log_softmax', () => x.log_softmax(1)],
    ['log_softmax float64', () => x.double().log_softmax(1)],
    ['add (stays on the calling thread)', () => x.add(x.t().contiguous().t())],
  ];
  const single = cases.map(([, f]) => f());
  installKernelThreads(1);
  waitForThreads();
  cases.forEach(([name, f], i) => assert.ok(torch.equal(f(), single[i]!), name));
});
