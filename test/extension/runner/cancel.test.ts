import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Runner } from '../../../extension/runner/runner.ts';

describe('runner: options the editor passes', () => {
  const runner = new Runner();
  before(() => runner.warmUp());
  after(() => runner.dispose());

  test('an aborted signal ends a run with a cancelled error at the running statement, keeping the record so far', async () => {
    const controller = new AbortController();
    const source = 'const a = torch.ones(2);\nconsole.log("started");\nwhile (true) {}\n';
    const run = runner.run(source, 'loop.ts', {
      timeoutMs: 5000, onConsole: () => setTimeout(() => controller.abort(), 50), signal: controller.signal,
    });
    const started = performance.now();
    const record = await run;
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(record.errors.map((e) => [e.kind, e.text]), [['cancelled', 'loop.ts:3:1 CancelledError: the run was stopped']]);
    assert.equal(record.statements.length, 2);
    assert.equal(record.ok, false);
  });

  test('a signal aborted before the run starts ends it at once', async () => {
    const record = await runner.run('const a = torch.ones(2);\n', 'early.ts', { signal: AbortSignal.abort() });
    assert.deepEqual(record.errors.map((e) => e.kind), ['cancelled']);
    assert.equal(record.statements.length, 0);
  });

  test('print options apply to what the snippet prints', async () => {
    const record = await runner.run('console.log(torch.tensor([1.123456, 2.5]));\n', 'print.ts', { printOptions: { precision: 2 } });
    assert.deepEqual(record.console.map((l) => l.text), ['tensor([1.12, 2.50])']);
    const plain = await runner.run('console.log(torch.tensor([1.123456, 2.5]));\n', 'print.ts');
    assert.deepEqual(plain.console.map((l) => l.text), ['tensor([1.1235, 2.5000])']);
  });
});
