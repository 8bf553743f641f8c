// The record as it was after each statement; storages rebuilt from previews; the graph folded and timed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InspectorRecord } from '../../../extension/protocol/record.ts';
import { explainLayout } from '../../../webview/model/explain.ts';
import { buildDisplayGraph } from '../../../webview/model/graph.ts';
import { storageGroups, storageValues, stripPositions } from '../../../webview/model/storage.ts';
import { Timeline } from '../../../webview/model/timeline.ts';
import { chainRecord, syntheticRecord } from '../synthetic-record.ts';

/** a = zeros(6); b = a.view(2, 3); a.fill_(1): the recorder's record of it, by hand. */
function fillRecord(): InspectorRecord {
  const record = syntheticRecord(0, 0);
  const zeros = { values: [0, 0, 0, 0, 0, 0], summarized: false };
  const ones = { values: [1, 1, 1, 1, 1, 1], summarized: false };
  const tensor = (id: number, name: string, shape: number[], stride: number[], values: typeof ones) => ({
    id, names: [name], shape, stride, storage_offset: 0, dtype: 'float32' as const, device: 'cpu', is_contiguous: true, numel: 6, storageId: 7,
    version: 1, baseId: id === 2 ? 1 : null, requires_grad: false, is_leaf: true, grad_fn: null, gradFnId: null, gradId: null,
    preview: { values: id === 2 ? [[1, 1, 1], [1, 1, 1]] : values.values, summarized: false }, stats: { min: 1, max: 1, mean: 1, nanCount: 0, skipped: false },
  });
  record.tensors = [tensor(1, 'a', [6], [1], ones), tensor(2, 'b', [2, 3], [3, 1], ones)];
  record.storages = [{ id: 7, size: 6, dtype: 'float32', device: 'cpu', nbytes: 24, version: 1, tensors: [1, 2] }];
  const range = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 10 } });
  const binding = (name: string, id: number) => ({ name, value: { kind: 'tensor' as const, id } });
  record.source = 'const a = torch.zeros(6);\nconst b = a.view(2, 3);\na.fill_(1);';
  record.statements = [
    { index: 0, kind: 'declaration', range: range(1), bindings: [binding('a', 1)], changed: [{ tensor: 1, kinds: ['created'] }], previews: [{ tensor: 1, preview: zeros }], console: [], durationMs: 0 },
    { index: 1, kind: 'declaration', range: range(2), bindings: [binding('a', 1), binding('b', 2)], changed: [{ tensor: 2, kinds: ['created'] }],
      previews: [{ tensor: 2, preview: { values: [[0, 0, 0], [0, 0, 0]], summarized: false } }], console: [], durationMs: 0 },
    { index: 2, kind: 'expression', range: range(3), bindings: [binding('a', 1), { name: 'parts', value: { kind: 'list', items: [{ kind: 'tensor', id: 2 }], omitted: 0 } }],
      changed: [{ tensor: 1, kinds: ['written'] }, { tensor: 2, kinds: ['written'] }],
      previews: [{ tensor: 1, preview: ones }, { tensor: 2, preview: { values: [[1, 1, 1], [1, 1, 1]], summarized: false } }], console: [], durationMs: 0 },
  ];
  return record;
}

test('after each statement: which tensors exist, their names and values', () => {
  const timeline = new Timeline(fillRecord());
  assert.deepEqual(timeline.tensorsAt(0).map((t) => t.id), [1]);
  assert.deepEqual(timeline.tensorsAt(1).map((t) => t.id), [1, 2]);
  assert.deepEqual(timeline.previewAt(2, 1)?.preview.values, [[0, 0, 0], [0, 0, 0]]);
  assert.deepEqual(timeline.previewAt(2, 2)?.preview.values, [[1, 1, 1], [1, 1, 1]]);
  assert.deepEqual(timeline.namesAt(2).get(2), ['parts[0]']);
  assert.deepEqual(timeline.changesAt(2).get(2), ['written']);
  assert.equal(timeline.sourceOf(1), 'const b =');
  assert.equal(timeline.clamp(99), 2);
  assert.equal(timeline.clamp(-5), 0);
});

test('a storage\'s cells come from the newest previews of the tensors viewing it', () => {
  const timeline = new Timeline(fillRecord());
  const [group] = storageGroups(timeline, 1);
  assert.deepEqual(group!.tensors.map((t) => t.id), [1, 2]);
  assert.deepEqual([...storageValues(timeline, group!, 1).values()], [0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...storageValues(timeline, group!, 2).values()], [1, 1, 1, 1, 1, 1]);
  assert.deepEqual(stripPositions(5, []), [0, 1, 2, 3, 4]);
  const long = stripPositions(1000, [500, 501, 900], 40);
  assert.deepEqual(long.slice(8, 13), [null, 500, 501, null, 900]);
  assert.equal(long[0], 0);
  assert.equal(long[long.length - 1], 999);
});

test('a chain of identical nodes folds into one; the nodes around it stay', () => {
  const record = chainRecord(10);
  const timeline = new Timeline(record);
  const unfolded = buildDisplayGraph(record, timeline, { fold: false });
  assert.equal(unfolded.nodes.filter((n) => n.kind === 'function').length, 10);
  const folded = buildDisplayGraph(record, timeline, { fold: true });
  const chain = folded.nodes.find((n) => n.kind === 'collapsed')!;
  assert.equal(chain.title, 'MulBackward0 ×10');
  assert.deepEqual(chain.lines, ['10 nodes folded', 'saved: self (freed)']);
  assert.deepEqual(folded.nodes.map((n) => n.kind).sort(), ['accumulate', 'collapsed', 'tensor']);
  assert.deepEqual(folded.edges.map((e) => `${e.from}->${e.to}`).sort(), ['f11->f1', 't2->f11']);
  assert.deepEqual(folded.nodes.find((n) => n.kind === 'accumulate')!.lines, ['t0 [16, 16] float32', 'requires_grad=True']);
});

test('graph nodes appear when the statement that creates their tensor has run', () => {
  const record = syntheticRecord(200, 1000);
  const timeline = new Timeline(record);
  const graph = buildDisplayGraph(record, timeline, { fold: true });
  assert.ok(graph.nodes.length > 1000, `${graph.nodes.length} nodes`);
  const first = record.tensors.find((t) => t.gradFnId !== null)!;
  const created = timeline.createdAt.get(first.id)!;
  assert.equal(graph.appearsAt.get(`t${first.id}`), created);
  assert.equal(graph.appearsAt.get(`f${first.gradFnId}`), created);
  assert.ok([...graph.appearsAt.values()].every((at) => at >= -1 && at <= timeline.last));
});

test('the explanation says why a transpose cannot be flattened by view', () => {
  const text = (paragraphs: ReturnType<typeof explainLayout>): string => paragraphs.map((p) => p.map((s) => s.text).join('')).join('\n');
  const t = text(explainLayout({ name: 'c', shape: [3, 2], stride: [1, 3], offset: 0, storageId: 12, storageSize: 6, sharedWith: ['a', 'b'], baseName: 'a' }));
  assert.match(t, /c\[i, j\] lives at storage position 0 \+ 1·i \+ 3·j/);
  assert.match(t, /c is not contiguous: walking its elements in order reads positions 0, 3, 1, 4, 2, 5/);
  assert.match(t, /c\.view\(6\) would fail: .* stride\[0\] = 2 × 3 = 6; here stride\[0\] is 1/);
  assert.match(t, /c shares storage #12 with a and b/);
  const b = text(explainLayout({ name: 'b', shape: [2, 3], stride: [3, 1], offset: 0, storageId: 12, storageSize: 6, sharedWith: [], baseName: null }));
  assert.match(b, /b is contiguous/);
  assert.match(b, /b\.view\(6\) works: the view reads the same cells with strides \(1,\)/);
  assert.match(b, /has storage #12 to itself/);
});
