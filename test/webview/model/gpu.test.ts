import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InspectorRecord, StatementGpuRecord, StatementRecord } from '../../../extension/protocol/record.ts';
import { bytesText, fallbackSites, statementFallbacks, statementWork } from '../../../webview/model/gpu.ts';

const quiet: StatementGpuRecord = { dispatches: 0, fallbacks: [], readbacks: 0, readbackBytes: 0, uploads: 0, uploadBytes: 0 };

test('bytes in binary units with three significant digits', () => {
  assert.deepEqual([0, 512, 1023, 1024, 2560, 34560, 1_310_720, 3 * 2 ** 30].map(bytesText),
    ['0 B', '512 B', '1023 B', '1 KiB', '2.5 KiB', '33.8 KiB', '1.25 MiB', '3 GiB']);
});

test('a statement\'s GPU work and fallbacks in one line each; nothing for a quiet statement', () => {
  assert.equal(statementWork(quiet), '');
  assert.equal(statementFallbacks(quiet), '');
  const busy = { ...quiet, dispatches: 1, uploads: 2, uploadBytes: 10_240, readbacks: 1, readbackBytes: 4, fallbacks: [{ op: 'mul', count: 2 }, { op: 'sum int64', count: 1 }] };
  assert.equal(statementWork(busy), '1 kernel · 10 KiB up · 4 B down');
  assert.equal(statementWork({ ...quiet, dispatches: 3 }), '3 kernels');
  assert.equal(statementFallbacks(busy), 'mul ×2, sum int64');
});

test('fallback sites keep the record\'s order and list the timeline positions where each op fell back', () => {
  const statement = (gpu?: StatementGpuRecord): StatementRecord =>
    ({ index: 0, kind: 'other', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } }, bindings: [], changed: [], previews: [], console: [], durationMs: 0, ...(gpu ? { gpu } : {}) });
  const record = {
    statements: [statement(), statement({ ...quiet, fallbacks: [{ op: 'mul', count: 1 }] }), statement(quiet),
      statement({ ...quiet, fallbacks: [{ op: 'mul', count: 2 }, { op: 'cumsum', count: 1 }] })],
    gpu: { adapter: 'a', stats: null, fallbacks: [{ op: 'mul', count: 3 }, { op: 'cumsum', count: 1 }], transfers: { readbacks: 0, readbackBytes: 0, uploads: 0, uploadBytes: 0 } },
  } as unknown as InspectorRecord;
  assert.deepEqual(fallbackSites(record), [{ op: 'mul', count: 3, statements: [1, 3] }, { op: 'cumsum', count: 1, statements: [3] }]);
  assert.deepEqual(fallbackSites({ ...record, gpu: undefined } as unknown as InspectorRecord), []);
});
