import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runInThisContext } from 'node:vm';
import { lookup } from '../../../extension/runner/source-map.ts';
import { compileSnippet } from '../../../extension/runner/transpile.ts';
import type { WorkerProgram } from '../../../extension/protocol/worker.ts';

async function compile(source: string, file = 'snippet.ts'): Promise<WorkerProgram> {
  const result = await compileSnippet(source, file);
  if (!result.ok) throw new Error(result.error.text);
  return result.program;
}

/** Where the generated code's `needle` maps back to, as `line:column` (1-based). */
function mapped(program: WorkerProgram, needle: string): string {
  const offset = program.code.indexOf(needle);
  assert.ok(offset >= 0, `${needle} not in ${program.code}`);
  const before = program.code.slice(0, offset).split('\n');
  const p = lookup(program.positions, { line: before.length, column: before[before.length - 1]!.length });
  assert.ok(p);
  return `${p.line}:${p.column + 1}`;
}

test('generated positions map to the snippet text through float boxing, esbuild and instrumentation', async () => {
  const source = [
    'const a: number[] = [1.0, 2.0, 3.0];',
    'interface Unused { x: number }',
    'const t = torch.tensor(a,   { requires_grad: true });',
    '    t.mul(2.0).view(7)',
  ].join('\n');
  const program = await compile(source);
  assert.equal(mapped(program, 'torch.tensor'), '3:11');
  assert.equal(mapped(program, 'view'), '4:16');
  assert.equal(mapped(program, 'mul'), '4:7');
});

test('statements are numbered with their kinds and source ranges', async () => {
  const source = 'const a = torch.ones(2)\n\n// note\nlet [b, c] = [1, 2]; a.sum()\nfunction f() {\n  return 1;\n}\n';
  const program = await compile(source);
  assert.deepEqual(program.statements.map((s) => [s.kind, `${s.range.start.line}:${s.range.start.column}-${s.range.end.line}:${s.range.end.column}`]), [
    ['declaration', '1:1-1:24'],
    ['declaration', '4:1-4:21'],
    ['expression', '4:22-4:29'],
    ['other', '5:1-7:2'],
  ]);
});

test('the instrumented program reports bindings after each statement and the value of bare expressions', async () => {
  const program = await compile('let a = 1;\na = a + 1\nconst [b, { c }] = [a, { c: 3 }];\na * 10;\n');
  const calls: unknown[] = [];
  const hooks = {
    statement: (i: number, bindings: () => unknown) => calls.push([i, bindings()]),
    expression: (i: number, value: unknown, bindings: () => unknown) => calls.push([i, value, bindings()]),
    module: () => ({}),
  };
  await (runInThisContext(program.code) as (h: unknown, f: unknown) => Promise<void>)(hooks, (n: number) => n);
  assert.deepEqual(calls, [
    [0, { a: 1 }],
    [1, 2, { a: 2 }],
    [2, { a: 2, b: 2, c: 3 }],
    [3, 20, { a: 2, b: 2, c: 3 }],
  ]);
});

test('imports of "tensor-inspector" read the engine; top-level await works', async () => {
  const program = await compile('import { torch as T, F } from "tensor-inspector";\nimport * as ti from "tensor-inspector";\nconst x = await Promise.resolve(T);\nconsole.log(F, ti, x);\n');
  assert.match(program.code, /const \{ "torch": T, "F": F \} = __ti\.module\(\["torch", "F"\]\);/);
  assert.match(program.code, /const ti = __ti\.module\(\[\]\);/);
});

test('syntax errors point at the snippet line and column, past boxed literals', async () => {
  const result = await compileSnippet('const a = torch.tensor([1.0, 2.0]);\nconst b = f(1.0, a.mul(2.0;\n', 'bad.ts');
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.error.text, 'bad.ts:2:27 SyntaxError: Expected ")" but found ";"');
  assert.deepEqual(result.error.location, { line: 2, column: 27 });
});

test('an import of another module is refused at its line', async () => {
  const result = await compileSnippet('const a = 1;\nimport { readFileSync } from "node:fs";\nreadFileSync(a);\n', 'imp.js');
  assert.equal(result.ok, false);
  if (result.ok) return;
  assert.equal(result.error.text, 'imp.js:2:1 SyntaxError: Cannot import \'node:fs\': a snippet can import only from "tensor-inspector"');
});
