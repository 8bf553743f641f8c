// Runner overhead: how long a worker takes to start, how long a snippet takes to compile, and what recording costs
// per top-level statement, for the 30-statement snippet in runner-snippet.ts. Medians of repeated runs; printed as a
// table and written to bench/results/runner.json.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { runInThisContext } from 'node:vm';
import { F, pyfloat, torch } from '../engine/index.ts';
import { Recorder } from '../extension/runner/recorder.ts';
import { Runner } from '../extension/runner/runner.ts';
import { defaultLimits } from '../extension/runner/summarize.ts';
import { compileSnippet } from '../extension/runner/transpile.ts';
import { defaultWorkerScript } from '../extension/runner/worker-script.ts';
import type { WorkerProgram } from '../extension/protocol/worker.ts';

const file = 'bench/runner-snippet.ts';
const source = readFileSync(new URL('./runner-snippet.ts', import.meta.url), 'utf8');

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median and minimum of repeated samples: on a busy machine the minimum shows the cost without preemption. */
async function repeat(times: number, fn: () => Promise<number> | number): Promise<Sample> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) samples.push(await fn());
  return { medianMs: median(samples), minMs: Math.min(...samples) };
}

interface Sample { medianMs: number; minMs: number }

async function compile(): Promise<WorkerProgram> {
  const result = await compileSnippet(source, file);
  if (!result.ok) throw new Error(result.error.text);
  return result.program;
}

type Main = (hooks: unknown, f: typeof pyfloat) => Promise<void>;

/** Runs the compiled program in this thread; returns the time spent in the hooks (the recorder, or nothing). */
async function runInProcess(program: WorkerProgram, record: boolean): Promise<{ totalMs: number; hookMs: number; resultMs: number }> {
  const recorder = new Recorder(program, defaultLimits, () => undefined);
  let hookMs = 0;
  const timed = <A extends unknown[]>(fn: (...args: A) => void) => (...args: A): void => {
    const t = performance.now();
    if (record) fn(...args);
    hookMs += performance.now() - t;
  };
  const hooks = {
    statement: timed(recorder.statement.bind(recorder)),
    expression: timed(recorder.expression.bind(recorder)),
    module: () => ({}),
  };
  const main = runInThisContext(program.code, { filename: file }) as Main;
  const started = performance.now();
  await main(hooks, pyfloat);
  const resultStarted = performance.now();
  if (record) recorder.result();
  const finished = performance.now();
  return { totalMs: finished - started, hookMs, resultMs: finished - resultStarted };
}

// The worker defines these globals; the in-process runs below need them too.
Object.assign(globalThis, { torch, F });

const repeats = 21;
const rows: ({ measure: string; note: string } & Sample)[] = [];

const bundleStarted = performance.now();
await defaultWorkerScript();
const bundleMs = performance.now() - bundleStarted;
rows.push({ measure: 'worker bundle (once per process)', medianMs: bundleMs, minMs: bundleMs, note: 'cached on disk between processes' });

rows.push({
  measure: 'worker start',
  ...await repeat(repeats, async () => {
    const runner = new Runner({ keepSpare: false });
    const t = performance.now();
    await runner.warmUp();
    const elapsed = performance.now() - t;
    await runner.dispose();
    return elapsed;
  }),
  note: 'new thread until the engine is loaded',
});

await compile();
rows.push({ measure: 'transpile (30 statements)', ...await repeat(repeats, async () => { const t = performance.now(); await compile(); return performance.now() - t; }), note: 'float literals + esbuild + instrumentation' });

const program = await compile();
const statements = program.statements.length;
await runInProcess(program, true);
const plain = await repeat(repeats, async () => (await runInProcess(program, false)).totalMs);
const recorded = await repeat(repeats, async () => (await runInProcess(program, true)).totalMs);
const perStatement = await repeat(repeats, async () => (await runInProcess(program, true)).hookMs / statements);
rows.push({ measure: 'snippet without recording', ...plain, note: `${statements} statements, in process` });
rows.push({ measure: 'snippet with recording', ...recorded, note: 'including the final snapshot and graph' });
const final = await repeat(repeats, async () => (await runInProcess(program, true)).resultMs);
rows.push({ measure: 'recording per statement', ...perStatement, note: 'time inside the recorder hook' });
rows.push({ measure: 'final snapshot and graph', ...final, note: 'once per run' });

const runner = new Runner();
rows.push({
  measure: 'end-to-end run (warm spare)',
  ...await repeat(repeats, async () => {
    await runner.warmUp();
    const t = performance.now();
    const record = await runner.run(source, file);
    if (!record.ok) throw new Error(record.errors[0]!.text);
    return performance.now() - t;
  }),
  note: 'compile, run in the worker, assemble the record',
});
await runner.dispose();

console.log('runner benchmark');
console.table(rows.map((r) => ({ measure: r.measure, 'median ms': Number(r.medianMs.toFixed(3)), 'min ms': Number(r.minMs.toFixed(3)), note: r.note })));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/runner.json', import.meta.url), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, repeats, rows }, null, 2)}\n`);
