// The WebGPU check for a real GPU machine (no network, no Node.js installed there): bench/gpu/build.mjs bundles
// this file into ONE .mjs, which is also its own device thread. It checks the device kernels against the CPU
// reference, then measures matmul (GFLOP/s), elementwise add (GB/s) and per-op dispatch overhead, each also for
// @tensorflow/tfjs-backend-webgpu (bundled in) in the same run on the same GPU. See bench/gpu/README.md. `--quick` uses small sizes (for a software GPU).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { isMainThread, workerData } from 'node:worker_threads';

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'gpu-device') {
  await import('../../extension/gpu/device-worker.ts');
} else {
  await main();
}

async function main(): Promise<void> {
  const { F, torch } = await import('../../engine/index.ts');
  const { gpuDevice, setGpuHost, unavailableReason } = await import('../../engine/backend/webgpu/index.ts');
  const { nodeGpuHost, nodeGpuHostFor } = await import('../../extension/gpu/host.ts');
  type Tensor = import('../../engine/index.ts').Tensor;

  const quick = process.argv.includes('--quick');
  // From source, a worker cannot load TypeScript: the device thread is then bundled on the fly as in the runner.
  setGpuHost(import.meta.url.endsWith('.ts') ? nodeGpuHost : nodeGpuHostFor(() => new URL(import.meta.url), { role: 'gpu-device' }));
  const reason = unavailableReason();
  if (reason !== null) {
    console.log(JSON.stringify({ ok: false, reason }));
    process.exit(1);
  }
  const device = gpuDevice()!;
  const results: Record<string, unknown> = { adapter: device.info.adapter };
  const failures: string[] = [];

  const close = (label: string, got: Tensor, want: Tensor, rtol = 1e-3, atol = 1e-3): void => {
    const ok = torch.allclose(got.cpu().double(), want.double(), { rtol, atol, equal_nan: true });
    if (!ok) failures.push(label);
  };

  // Correctness against the CPU reference.
  torch.manual_seed(0);
  const n = quick ? 64 : 512;
  const a = torch.randn(n, n + 3);
  const b = torch.randn(n + 3, n - 5);
  close('mm', a.cuda().mm(b.cuda()), a.mm(b), 1e-3, 1e-3);
  close('bmm transposed', a.view(1, n, n + 3).cuda().bmm(a.t().reshape(1, n + 3, n).cuda()), a.view(1, n, n + 3).bmm(a.t().reshape(1, n + 3, n)), 1e-3, 1e-2);
  // Enough batches for the 128x128 tile; aligned rows take the vec4 loads, odd ones the strided loads.
  for (const extra of [4, 3]) {
    const l = torch.randn(8, n, n + extra);
    const r = torch.randn(8, n + extra, n);
    close(`bmm 8x${n}x${n + extra}`, l.cuda().bmm(r.cuda()), l.bmm(r), 1e-3, 1e-2);
  }
  close('mv', a.cuda().mv(b.getitem(':, 0').cuda()), a.mv(b.getitem(':, 0')), 1e-3, 1e-3);
  const x = torch.randn(8, 33, 5);
  for (const [label, fn] of [
    ['exp', (t: Tensor) => t.exp()], ['add (vec4)', (t: Tensor) => t.add(t.mul(2))], ['add broadcast', (t: Tensor) => t.add(t.getitem(':, :1'))], ['sum dims', (t: Tensor) => t.sum([0, 2])],
    ['amax', (t: Tensor) => t.amax(1)], ['argmax', (t: Tensor) => t.argmax(1)], ['softmax', (t: Tensor) => F.softmax(t, 1)],
    ['log_softmax', (t: Tensor) => F.log_softmax(t, -1)], ['mean', (t: Tensor) => t.mean()],
  ] as const) close(label, fn(x.cuda()), fn(x), 1e-4, 1e-5);
  results['correctness'] = failures.length === 0 ? 'ok' : { failed: failures };

  // Throughput and overhead, ours and tfjs-backend-webgpu's in turn on the same GPU. Each figure is the median of 5
  // batches of launches (one wait at the end of a batch); batches are sized from one timed run to fit a time budget.
  const tfjs = await startTfjs();
  results['tfjs_adapter'] = tfjs.adapter;
  const started = performance.now();
  const budget = quick ? 0.3 : 6;
  const round = (value: number): number => Number(value.toPrecision(3));
  const measure: Measure = async (run, wait, maxReps, between = async () => {}) => {
    run();
    await wait();
    let at = performance.now();
    run();
    await wait();
    const once = Math.max((performance.now() - at) / 1000, 1e-6);
    const reps = Math.max(1, Math.min(maxReps, Math.floor(budget / 5 / once)));
    const times: number[] = [];
    for (let batch = 0; batch < 5; batch++) {
      await between();
      at = performance.now();
      for (let i = 0; i < reps; i++) run();
      await wait();
      times.push((performance.now() - at) / 1000 / reps);
    }
    return times.sort((x, y) => x - y)[2]!;
  };
  // A 64M-float result is a fresh buffer (allocated, and zero-filled by Dawn) unless earlier results went back to the
  // pool, which holds two of that size: each sample is 1 or 2 adds after a garbage collection, and the figure is the
  // difference of their medians (the wait's round trip cancels out). tfjs disposes its results and is timed alike.
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;
  const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
  const collect = async (): Promise<void> => { collectGarbage(); await tick(); await tick(); };
  // Our results are freed when collected: between batches, so that a batch's 200 results of 64 MB are all there is.
  const ours = (run: () => void, maxReps: number): Promise<number> => measure(run, () => { device.sync(); }, maxReps, collect);
  const marginal: Measure = async (run, wait, _maxReps, between = collect) => {
    const samples: [number[], number[]] = [[], []];
    for (let i = 0; i < 10; i++) {
      for (const reps of [1, 2]) {
        await between();
        const at = performance.now();
        for (let r = 0; r < reps; r++) run();
        await wait();
        if (i > 0) samples[reps - 1]!.push((performance.now() - at) / 1000);
      }
    }
    const median = (values: number[]): number => values.sort((x, y) => x - y)[Math.floor(values.length / 2)]!;
    return Math.max(median(samples[1]) - median(samples[0]), 1e-9);
  };
  const table = (entries: Record<string, [number, number]>): Record<string, { ours: number; tfjs: number; ours_over_tfjs: number }> =>
    Object.fromEntries(Object.entries(entries).map(([name, [mine, theirs]]) => [name, { ours: round(mine), tfjs: round(theirs), ours_over_tfjs: round(mine / theirs) }]));

  const matmul: Record<string, [number, number]> = {};
  for (const size of quick ? [128, 256] : [1024, 2048, 4096]) {
    const flops = 2 * size ** 3;
    const [l, r] = [torch.randn(size, size).cuda(), torch.randn(size, size).cuda()];
    const mine = await ours(() => { l.mm(r); }, 200);
    const theirs = await tfjs.measure(measure, (tf, [x, y]) => tf.matMul(x!, y!), [[size, size], [size, size]], 200);
    matmul[`N=${size}`] = [flops / mine / 1e9, flops / theirs / 1e9];
  }
  results['matmul_fp32_gflops'] = table(matmul);

  // Elementwise add: read two, write one.
  const elements = quick ? 1 << 16 : 1 << 26;
  const [p, q] = [torch.ones(elements).cuda(), torch.ones(elements).cuda()];
  const addBytes = 3 * 4 * elements;
  const addMine = await marginal(() => { p.add(q); }, () => { device.sync(); }, 0);
  const addTheirs = await tfjs.measure((run, wait, maxReps) => marginal(run, wait, maxReps, tick), (tf, [x, y]) => tf.add(x!, y!), [[elements], [elements]], 0);
  results['add_fp32_gbps'] = table({ [`${elements} floats`]: [addBytes / addMine / 1e9, addBytes / addTheirs / 1e9] });

  // Per-op overhead: tiny kernels back to back (lower is better, so the ratio is ours / tfjs in microseconds).
  const tiny = torch.ones(4).cuda();
  const dispatchMine = await ours(() => { tiny.add(1); }, 5000);
  const dispatchTheirs = await tfjs.measure(measure, (tf, [x]) => tf.add(x!, 1), [[4]], 5000);
  results['dispatch_us_per_op'] = table({ 'add of 4 floats': [dispatchMine * 1e6, dispatchTheirs * 1e6] });
  results['benchmark_seconds'] = round((performance.now() - started) / 1000);
  results['device'] = device.sync();
  results['cpu_fallbacks'] = Object.fromEntries(device.fallbacks);
  console.log(JSON.stringify({ ok: failures.length === 0, ...results }, null, 2));
  process.exit(failures.length === 0 ? 0 : 1);
}

type Tf = typeof import('@tensorflow/tfjs-core');
type TfTensor = import('@tensorflow/tfjs-core').Tensor;
type Measure = (run: () => void, wait: () => Promise<void> | void, maxReps: number, between?: () => Promise<void>) => Promise<number>;

/**
 * tfjs-backend-webgpu on this process's main thread, through `navigator.gpu` from the same `webgpu` package and
 * adapter choice as the engine's device thread. Its small-tensor CPU forwarding is off, so every op runs on the GPU.
 */
async function startTfjs(): Promise<{ adapter: string; measure: (measure: Measure, op: (tf: Tf, inputs: TfTensor[]) => TfTensor, shapes: number[][], maxReps: number) => Promise<number> }> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create(process.platform === 'linux' ? ['backend=vulkan'] : []);
  const host = globalThis as { navigator?: object };
  if (typeof host.navigator === 'object') Object.defineProperty(host.navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs-backend-webgpu did not start');
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  const info = (await gpu.requestAdapter({ powerPreference: 'high-performance' }))?.info;
  const adapter = [info?.vendor, info?.architecture, info?.device, info?.description].filter((part) => part).join(', ');
  return {
    adapter,
    async measure(measure, op, shapes, maxReps) {
      const inputs = shapes.map((shape) => tf.randomNormal(shape));
      let last: TfTensor | null = null;
      // The wait reads back one row of the last result: the queue runs in order, so everything before it is done.
      const seconds = await measure(() => { last?.dispose(); last = op(tf, inputs); }, async () => {
        const row = tf.slice(last!, 0, 1);
        await row.data();
        row.dispose();
      }, maxReps);
      (last as TfTensor | null)?.dispose();
      for (const input of inputs) input.dispose();
      return seconds;
    },
  };
}
