// CPU speed against the peers, in one process: our engine (WebAssembly SIMD kernels on one thread and on two),
// @tensorflow/tfjs-backend-cpu, @tensorflow/tfjs-backend-wasm (XNNPACK, SIMD) and @jax-js/jax (its Wasm device).
// Each figure is the median of repeated runs after a warm-up, as GFLOP/s or GB/s, the libraries of a case run in
// alternation (measureTogether); ratios are ours (two threads, and one for tfjs-wasm) over theirs, so above 1 means
// we are faster. A plain typed-array copy gives the memory-bandwidth limit that
// elementwise figures (one thread: they do not use the second) are read against. Prints a table; writes
// bench/results/cpu.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import type * as TF from '@tensorflow/tfjs-core';
import * as jax from '@jax-js/jax';
import { F, torch } from '../engine/index.ts';
import type { Tensor } from '../engine/index.ts';
import { setKernelMode, threadsReady, useKernelThreads } from '../engine/backend/wasm/index.ts';
import { installKernelThreads } from '../extension/runner/kernel-threads.ts';
import { loadTfjs } from './tfjs.ts';

const tf = await loadTfjs();

type Library = 'ours-1t' | 'ours-2t' | 'tfjs-cpu' | 'tfjs-wasm' | 'jax-wasm';
const libraries: Library[] = ['ours-1t', 'ours-2t', 'tfjs-cpu', 'tfjs-wasm', 'jax-wasm'];

interface Case {
  name: string;
  unit: 'GFLOP/s' | 'GB/s';
  /** FLOPs or bytes moved per run. */
  work: number;
  /** Per library: prepares inputs, returns one run (synchronous, or awaited for jax-js). Absent: not measured. */
  run: Partial<Record<Library, () => () => unknown>>;
}

const budgetMs = 1500;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median run time (ms) after a warm-up; repeats fit `budgetMs` (at least 3 runs, at most 15). */
async function measure(run: () => unknown): Promise<number> {
  let started = performance.now();
  await run();
  const first = performance.now() - started;
  if (first > 4 * budgetMs) return first;
  const times: number[] = [];
  const repeats = Math.max(3, Math.min(15, Math.floor(budgetMs / Math.max(first, 0.01))));
  for (let i = 0; i < repeats; i++) {
    started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return median(times);
}

/**
 * Median and fastest run time (ms) of several libraries measured in alternation: rounds give each library in turn a
 * block of runs (an untimed one that brings its data back into cache, then timed ones filling about 150 ms), until
 * every library has 15 timed runs or about `budgetMs` each (at least 3 rounds). A slow spell of a shared machine then
 * falls on all of them alike instead of on whichever ran then, and each block still measures warm, back-to-back runs.
 */
async function measureTogether(runs: ReadonlyMap<Library, () => unknown>): Promise<Map<Library, { median: number; min: number } | Error>> {
  const times = new Map<Library, number[]>();
  const first = new Map<Library, number>();
  const failed = new Map<Library, Error>();
  for (const [library, run] of runs) {
    try {
      const started = performance.now();
      await run();
      first.set(library, performance.now() - started);
      times.set(library, []);
    } catch (error) {
      failed.set(library, error as Error);
    }
  }
  const block = (library: Library) => Math.max(1, Math.min(5, Math.floor(150 / Math.max(first.get(library)!, 0.01))));
  const wanted = (library: Library) => Math.max(3, Math.min(15, Math.floor(budgetMs / Math.max(first.get(library)!, 0.01))));
  for (let round = 0; [...times].some(([library, list]) => list.length < wanted(library)) || round < 3; round++) {
    for (const [library, list] of times) {
      if (list.length >= wanted(library) && round >= 3) continue;
      const run = runs.get(library)!;
      await run();
      for (let k = 0; k < block(library); k++) {
        const started = performance.now();
        await run();
        list.push(performance.now() - started);
      }
    }
  }
  const result = new Map<Library, { median: number; min: number } | Error>(failed);
  for (const [library, list] of times) result.set(library, { median: median(list), min: Math.min(...list) });
  return result;
}

const random = (n: number) => Float32Array.from({ length: n }, () => Math.random() * 2 - 1);

function oursTensor(shape: number[]): Tensor { return torch.randn(shape); }

// jax-js counts references: every op consumes its inputs, so inputs that live across runs are passed as `.ref`.
const np = jax.numpy;
function jaxArray(shape: number[]): jax.Array { return np.array(random(shape.reduce((a, b) => a * b, 1))).reshape(shape); }
async function jaxRun(make: () => jax.Array): Promise<void> {
  const out = make();
  await out.blockUntilReady();
  out.dispose();
}

function tfRun(make: () => TF.Tensor): () => void {
  return () => tf.tidy(make).dispose();
}

function ours(make: () => () => unknown, threads: boolean): () => () => unknown {
  return () => {
    const run = make();
    return () => { useKernelThreads(threads); return run(); };
  };
}

function bothThreads(make: () => () => unknown): Partial<Record<Library, () => () => unknown>> {
  return { 'ours-1t': ours(make, false), 'ours-2t': ours(make, true) };
}

function matmulCase(n: number): Case {
  const flops = 2 * n * n * n;
  return {
    name: `matmul ${n}`, unit: 'GFLOP/s', work: flops,
    run: {
      ...bothThreads(() => { const [a, b] = [oursTensor([n, n]), oursTensor([n, n])]; return () => a.mm(b); }),
      // JavaScript loops take seconds per run above 512.
      ...(n <= 512 ? { 'tfjs-cpu': () => { const [a, b] = [tf.randomNormal([n, n]), tf.randomNormal([n, n])]; return tfRun(() => tf.matMul(a, b)); } } : {}),
      'tfjs-wasm': () => { const [a, b] = [tf.randomNormal([n, n]), tf.randomNormal([n, n])]; return tfRun(() => tf.matMul(a, b)); },
      'jax-wasm': () => { const [a, b] = [jaxArray([n, n]), jaxArray([n, n])]; return () => jaxRun(() => np.matmul(a.ref, b.ref)); },
    },
  };
}

function addCase(n: number, label: string): Case {
  return {
    name: `add ${label}`, unit: 'GB/s', work: 3 * 4 * n,
    run: {
      ...bothThreads(() => { const [a, b] = [oursTensor([n]), oursTensor([n])]; return () => a.add(b); }),
      'tfjs-cpu': () => { const [a, b] = [tf.randomNormal([n]), tf.randomNormal([n])]; return tfRun(() => tf.add(a, b)); },
      'tfjs-wasm': () => { const [a, b] = [tf.randomNormal([n]), tf.randomNormal([n])]; return tfRun(() => tf.add(a, b)); },
      'jax-wasm': () => { const [a, b] = [jaxArray([n]), jaxArray([n])]; return () => jaxRun(() => np.add(a.ref, b.ref)); },
    },
  };
}

/** The same add written into an existing tensor (`a.add_(b)`): no new memory, so it reads against the copy baseline. */
function addInPlaceCase(n: number, label: string): Case {
  return {
    name: `add_ ${label} (in place)`, unit: 'GB/s', work: 3 * 4 * n,
    run: bothThreads(() => { const [a, b] = [oursTensor([n]), oursTensor([n])]; return () => a.add_(b); }),
  };
}

function sumCase(n: number): Case {
  return {
    name: 'sum 16M', unit: 'GB/s', work: 4 * n,
    run: {
      ...bothThreads(() => { const a = oursTensor([n]); return () => a.sum(); }),
      'tfjs-cpu': () => { const a = tf.randomNormal([n]); return tfRun(() => tf.sum(a)); },
      'tfjs-wasm': () => { const a = tf.randomNormal([n]); return tfRun(() => tf.sum(a)); },
      'jax-wasm': () => { const a = jaxArray([n]); return () => jaxRun(() => np.sum(a.ref)); },
    },
  };
}

function softmaxCase(rows: number, cols: number, kind: 'softmax' | 'log_softmax' = 'softmax'): Case {
  const log = kind === 'log_softmax';
  return {
    name: `${kind} ${rows}x${cols}`, unit: 'GB/s', work: 2 * 4 * rows * cols,
    run: {
      ...bothThreads(() => { const a = oursTensor([rows, cols]); return () => a[kind](1); }),
      'tfjs-cpu': () => { const a = tf.randomNormal([rows, cols]); return tfRun(() => (log ? tf.logSoftmax(a) : tf.softmax(a))); },
      'tfjs-wasm': () => { const a = tf.randomNormal([rows, cols]); return tfRun(() => (log ? tf.logSoftmax(a) : tf.softmax(a))); },
      'jax-wasm': () => { const a = jaxArray([rows, cols]); return () => jaxRun(() => (log ? jax.nn.logSoftmax(a.ref, -1) : jax.nn.softmax(a.ref, -1))); },
    },
  };
}

/** One SGD-free training step of a 2-layer MLP (linear, relu, linear, cross-entropy): forward and backward. */
function mlpCase(batch: number, inputs: number, hidden: number, classes: number): Case {
  const forward = 2 * batch * (inputs * hidden + hidden * classes);
  const backward = 2 * batch * inputs * hidden + 4 * batch * hidden * classes;
  const labels = Array.from({ length: batch }, (_, i) => i % classes);
  return {
    name: `MLP ${inputs}-${hidden}-${classes} b${batch} step`, unit: 'GFLOP/s', work: forward + backward,
    run: {
      ...bothThreads(() => {
        const x = oursTensor([batch, inputs]);
        const y = torch.tensor(labels);
        const w1 = oursTensor([hidden, inputs]).mul(0.03).requires_grad_();
        const b1 = torch.zeros(hidden).requires_grad_();
        const w2 = oursTensor([classes, hidden]).mul(0.03).requires_grad_();
        const b2 = torch.zeros(classes).requires_grad_();
        return () => {
          const loss = F.cross_entropy(F.linear(F.relu(F.linear(x, w1, b1)), w2, b2), y);
          loss.backward();
          for (const p of [w1, b1, w2, b2]) p.grad = null;
        };
      }),
      ...Object.fromEntries((['tfjs-cpu', 'tfjs-wasm'] as const).map((library) => [library, () => {
        const x = tf.randomNormal([batch, inputs]);
        const y = tf.oneHot(tf.tensor1d(labels, 'int32'), classes);
        const w1 = tf.variable(tf.mul(tf.randomNormal([inputs, hidden]), 0.03));
        const b1 = tf.variable(tf.zeros([hidden]));
        const w2 = tf.variable(tf.mul(tf.randomNormal([hidden, classes]), 0.03));
        const b2 = tf.variable(tf.zeros([classes]));
        return () => {
          const { value, grads } = tf.variableGrads(() =>
            tf.losses.softmaxCrossEntropy(y, tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, w1), b1)), w2), b2)) as TF.Scalar);
          value.dispose();
          tf.dispose(Object.values(grads));
        };
      }])),
      'jax-wasm': () => {
        const x = jaxArray([batch, inputs]);
        const y = np.array(Float32Array.from({ length: batch * classes }, (_, i) => (i % classes === labels[Math.floor(i / classes)]! ? 1 : 0))).reshape([batch, classes]);
        const params = { w1: np.array(random(inputs * hidden)).reshape([inputs, hidden]).mul(0.03), b1: np.zeros([hidden]),
          w2: np.array(random(hidden * classes)).reshape([hidden, classes]).mul(0.03), b2: np.zeros([classes]) };
        const loss = (p: typeof params) => {
          const h = jax.nn.relu(np.matmul(x.ref, p.w1).add(p.b1));
          const logits = np.matmul(h, p.w2).add(p.b2);
          return np.mean(np.sum(jax.nn.logSoftmax(logits, -1).mul(y.ref), -1)).mul(-1);
        };
        const gradient = jax.grad(loss);
        return async () => {
          const grads = gradient(jax.tree.map((a: jax.Array) => a.ref, params) as typeof params);
          for (const g of Object.values(grads)) { await (g as jax.Array).blockUntilReady(); (g as jax.Array).dispose(); }
        };
      },
    },
  };
}

/**
 * The memory-bandwidth limits, GB/s of a plain copy (read and write) of 16M floats: into an existing array, and into
 * a new one (`slice`), which also pays for the fresh pages every out-of-place result needs.
 */
async function copyBaselines(): Promise<{ existing: number; fresh: number }> {
  const src = random(1 << 24);
  const dst = new Float32Array(1 << 24);
  const bytes = 2 * 4 * (1 << 24);
  const existing = bytes / ((await measure(() => dst.set(src))) * 1e6);
  const fresh = bytes / ((await measure(() => src.slice())) * 1e6);
  return { existing, fresh };
}

/** Time per op (µs) of adding two 4-element tensors, through the whole op: dispatch, allocation, autograd checks. */
async function dispatchCost(): Promise<Record<string, number>> {
  const iterations = 20000;
  const perOp = async (run: () => unknown) => (await measure(() => { for (let i = 0; i < iterations; i++) run(); })) * 1000 / iterations;
  const [a, b] = [oursTensor([4]), oursTensor([4])];
  const result: Record<string, number> = {};
  // Each mode twice, keeping the lower figure, so that the first one does not pay for warming up alone.
  for (let round = 0; round < 2; round++) {
    for (const [mode, name] of [['reference', 'ours (reference kernels)'], ['wasm', 'ours (WebAssembly kernel forced)'],
      ['auto', 'ours (default: reference loop below the size threshold)']] as const) {
      setKernelMode(mode);
      const us = await perOp(() => a.add(b));
      result[name] = Math.min(result[name] ?? Infinity, us);
    }
  }
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    const [x, y] = [tf.randomNormal([4]), tf.randomNormal([4])];
    result[`tfjs-${backend}`] = await perOp(() => tf.add(x, y).dispose());
  }
  const [p, q] = [jaxArray([4]), jaxArray([4])];
  result['jax-wasm'] = (await measure(async () => { for (let i = 0; i < 2000; i++) await jaxRun(() => np.add(p.ref, q.ref)); })) * 1000 / 2000;
  return result;
}

async function main(): Promise<void> {
  // Node 20 has no `navigator`, which jax-js reads when it sizes its worker pool.
  (globalThis as { navigator?: object }).navigator ??= { userAgent: `Node.js/${process.version}`, hardwareConcurrency: os.availableParallelism() };
  await jax.init('wasm');
  jax.defaultDevice('wasm');
  installKernelThreads();
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 2000 && !threadsReady(); i++) Atomics.wait(sleeper, 0, 0, 5);

  const copy = await copyBaselines();
  const cases = [matmulCase(256), matmulCase(512), matmulCase(1024), matmulCase(2048), addCase(1 << 20, '1M'), addCase(1 << 24, '16M'), addInPlaceCase(1 << 24, '16M'),
    sumCase(1 << 24), softmaxCase(4096, 1024), softmaxCase(4096, 1024, 'log_softmax'), mlpCase(256, 1024, 1024, 10)];
  const results: { case: string; unit: string; figures: Partial<Record<Library, number | string>>; best: Partial<Record<Library, number>> }[] = [];
  for (const c of cases) {
    const figures: Partial<Record<Library, number | string>> = {};
    const best: Partial<Record<Library, number>> = {};
    // tfjs-cpu alone (tfjs runs one backend at a time, and it is far slower), then the others in alternation.
    for (const group of [['tfjs-cpu'], libraries.filter((l) => l !== 'tfjs-cpu')] as Library[][]) {
      const runs = new Map<Library, () => unknown>();
      for (const library of group) {
        const prepare = c.run[library];
        if (!prepare) continue;
        if (library.startsWith('tfjs')) await tf.setBackend(library.slice(5));
        try {
          runs.set(library, prepare());
        } catch (error) {
          figures[library] = `error: ${(error as Error).message.split('\n')[0]}`;
        }
      }
      if (group.includes('tfjs-wasm')) await tf.setBackend('wasm');
      for (const [library, measured] of await measureTogether(runs)) {
        if (measured instanceof Error) { figures[library] = `error: ${measured.message.split('\n')[0]}`; continue; }
        figures[library] = c.work / (measured.median * 1e6);
        best[library] = c.work / (measured.min * 1e6);
      }
    }
    useKernelThreads(true);
    results.push({ case: c.name, unit: c.unit, figures, best });
    console.error(`measured ${c.name}`);
  }
  const dispatch = await dispatchCost();

  const fmt = (v: number | string | undefined) => (typeof v === 'number' ? v.toFixed(v < 10 ? 2 : 1) : v === undefined ? '-' : 'error');
  const ratio = (ours: number | string | undefined, theirs: number | string | undefined) =>
    typeof ours === 'number' && typeof theirs === 'number' ? `${(ours / theirs).toFixed(2)}x` : '-';
  const header = ['case', 'unit', ...libraries, 'vs tfjs-cpu', 'vs tfjs-wasm', 'vs jax-wasm', '1t vs tfjs-wasm', 'of copy', 'of fresh copy'];
  const share = (r: (typeof results)[number], limit: number) =>
    (r.unit === 'GB/s' && typeof r.figures['ours-1t'] === 'number' ? `${Math.round((100 * r.figures['ours-1t']) / limit)}%` : '-');
  const rows = results.map((r) => [r.case, r.unit, ...libraries.map((l) => fmt(r.figures[l])),
    ratio(r.figures['ours-2t'], r.figures['tfjs-cpu']), ratio(r.figures['ours-2t'], r.figures['tfjs-wasm']), ratio(r.figures['ours-2t'], r.figures['jax-wasm']),
    ratio(r.figures['ours-1t'], r.figures['tfjs-wasm']), share(r, copy.existing), share(r, copy.fresh)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`CPU: ${os.cpus()[0]?.model ?? 'unknown'}, ${os.availableParallelism()} cores, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  console.log(`Copy of 16M floats: ${copy.existing.toFixed(1)} GB/s into an existing array, ${copy.fresh.toFixed(1)} GB/s into a new one`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log('\nPer-op cost of adding two 4-element tensors (µs):');
  for (const [name, us] of Object.entries(dispatch)) console.log(`  ${name}: ${us.toFixed(2)}`);
  for (const [library, threads] of [['tfjs-wasm', 'one thread: its threaded build is disabled under Node'], ['jax-wasm', 'one thread: Node has no Web Worker for its pool']]) {
    console.log(`  note: ${library} runs ${threads}`);
  }

  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/cpu.json', import.meta.url), `${JSON.stringify({
    machine: { cpu: os.cpus()[0]?.model, cores: os.availableParallelism(), node: process.version, loadAverage: os.loadavg() },
    copyBaselineGBs: copy, ratios: 'ours-2t / theirs (throughput)',
    figures: 'median throughput after warm-up; best: the fastest run\'s throughput', results, dispatchMicroseconds: dispatch,
  }, null, 1)}\n`);
}

await main();
// Kernel threads and jax-js's pool keep no event-loop handles alive, but exit explicitly all the same.
process.exit(0);
