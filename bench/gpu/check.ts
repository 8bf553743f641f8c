// The WebGPU check for a real GPU machine (no network, no Node.js installed there): bench/gpu/build.mjs bundles
// this file into ONE .mjs, which is also its own device thread. It checks the device kernels against the CPU
// reference, then measures matmul (GFLOP/s), elementwise add (GB/s) and per-op dispatch overhead. See
// bench/gpu/README.md. `--quick` uses small sizes (for a software GPU).
import { isMainThread, workerData } from 'node:worker_threads';

if (!isMainThread && (workerData as { role?: string } | null)?.role === 'gpu-device') {
  await import('../../extension/gpu/device-worker.ts');
} else {
  await main();
}

async function main(): Promise<void> {
  const { F, torch } = await import('../../engine/index.ts');
  const { gpuDevice, setGpuHost, unavailableReason } = await import('../../engine/backend/webgpu/index.ts');
  const { nodeGpuHostFor } = await import('../../extension/gpu/host.ts');
  type Tensor = import('../../engine/index.ts').Tensor;

  const quick = process.argv.includes('--quick');
  setGpuHost(nodeGpuHostFor(() => new URL(import.meta.url), { role: 'gpu-device' }));
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
  const x = torch.randn(7, 33, 5);
  for (const [label, fn] of [
    ['exp', (t: Tensor) => t.exp()], ['add broadcast', (t: Tensor) => t.add(t.getitem(':, :1'))], ['sum dims', (t: Tensor) => t.sum([0, 2])],
    ['amax', (t: Tensor) => t.amax(1)], ['argmax', (t: Tensor) => t.argmax(1)], ['softmax', (t: Tensor) => F.softmax(t, 1)],
    ['log_softmax', (t: Tensor) => F.log_softmax(t, -1)], ['mean', (t: Tensor) => t.mean()],
  ] as const) close(label, fn(x.cuda()), fn(x), 1e-4, 1e-5);
  results['correctness'] = failures.length === 0 ? 'ok' : { failed: failures };

  // Matmul throughput: launches queue up; one sync at the end waits for all of them.
  const time = (reps: number, run: () => void): number => {
    run();
    device.sync();
    const started = performance.now();
    for (let i = 0; i < reps; i++) run();
    device.sync();
    return (performance.now() - started) / 1000 / reps;
  };
  const round = (value: number): number => Number(value.toPrecision(3));
  const matmul: Record<string, number> = {};
  for (const size of quick ? [128, 256] : [1024, 2048, 4096]) {
    const [l, r] = [torch.randn(size, size).cuda(), torch.randn(size, size).cuda()];
    const seconds = time(quick ? 2 : 20, () => { l.mm(r); });
    matmul[`N=${size}`] = round((2 * size ** 3) / seconds / 1e9);
  }
  results['matmul_fp32_gflops'] = matmul;

  // Elementwise add: read two, write one.
  const elements = quick ? 1 << 16 : 1 << 26;
  const [p, q] = [torch.ones(elements).cuda(), torch.ones(elements).cuda()];
  const addSeconds = time(quick ? 2 : 20, () => { p.add(q); });
  results['add_fp32_gbps'] = round((3 * 4 * elements) / addSeconds / 1e9);

  // Per-op overhead: tiny kernels back to back.
  const tiny = torch.ones(4).cuda();
  results['dispatch_us_per_op'] = round(time(quick ? 100 : 2000, () => { tiny.add(1); }) * 1e6);
  results['device'] = device.sync();
  results['cpu_fallbacks'] = Object.fromEntries(device.fallbacks);
  console.log(JSON.stringify({ ok: failures.length === 0, ...results }, null, 2));
  process.exit(failures.length === 0 ? 0 : 1);
}
