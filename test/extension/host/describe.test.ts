import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { lineAnnotations, previewText, storageSharers, tensorHoverMarkdown, tensorNamed } from '../../../extension/host/describe.ts';
import type { InspectorRecord } from '../../../extension/protocol/record.ts';
import { Runner } from '../../../extension/runner/runner.ts';

const views = readFileSync(new URL('../vscode/workspace/views.torch.ts', import.meta.url), 'utf8');

describe('what the editor shows of a record', () => {
  const runner = new Runner({ keepSpare: false });
  let record: InspectorRecord;
  before(async () => { record = await runner.run(views, 'views.torch.ts'); });
  after(() => runner.dispose());

  test('each statement that binds or yields a value is annotated on its last line', () => {
    const byLine = new Map(lineAnnotations(record).map((a) => [a.line, a]));
    assert.deepEqual([...byLine.keys()], [1, 2, 3, 4, 5, 6, 9]);
    assert.equal(byLine.get(1)!.text, 'float32[6]  ⇄ b  [0., 0., 0., 0., 0., 0.]');
    assert.equal(byLine.get(2)!.text, 'float32[2, 3]  ⇄ a  [[0., 0., 0.], [0., 0., 0.]]');
    assert.equal(byLine.get(2)!.shared, true);
    // `a.fill_(1)` returns `a`: its values right after that statement.
    assert.equal(byLine.get(3)!.tensor, tensorNamed(record, 'a')!.id);
    assert.equal(byLine.get(3)!.text, 'float32[6]  ⇄ b  [1., 1., 1., 1., 1., 1.]');
    assert.equal(byLine.get(4)!.shared, false);
    assert.equal(byLine.get(5)!.text, 'float32[]  requires_grad  2.');
    assert.equal(byLine.get(6)!.text, 'float32[]  grad_fn=MulBackward0  6.');
    assert.equal(byLine.get(9)!.text, 'torch.Size([2, 3])');
  });

  test('on the GPU, ops a line ran on the CPU lead its annotation, or make one', () => {
    const quiet = { dispatches: 0, fallbacks: [], readbacks: 0, readbackBytes: 0, uploads: 0, uploadBytes: 0 };
    const gpuRecord = structuredClone(record);
    const lineOf = (k: number): number => gpuRecord.statements[k]!.range.end.line;
    const silent = gpuRecord.statements.findIndex((s) => ![1, 2, 3, 4, 5, 6, 9].includes(s.range.end.line));
    gpuRecord.statements[0]!.gpu = { ...quiet, fallbacks: [{ op: 'mul', count: 2 }, { op: 'sum int64', count: 1 }] };
    gpuRecord.statements[1]!.gpu = quiet;
    gpuRecord.statements[silent]!.gpu = { ...quiet, fallbacks: [{ op: 'cumsum', count: 1 }] };
    const byLine = new Map(lineAnnotations(gpuRecord).map((a) => [a.line, a]));
    assert.equal(byLine.get(lineOf(0))!.text, '⚠ on the CPU: mul ×2, sum int64 · float32[6]  ⇄ b  [0., 0., 0., 0., 0., 0.]');
    assert.equal(byLine.get(lineOf(1))!.text, 'float32[2, 3]  ⇄ a  [[0., 0., 0.], [0., 0., 0.]]');
    assert.deepEqual(byLine.get(lineOf(silent)), { line: lineOf(silent), text: '⚠ on the CPU: cumsum', tensor: null, shared: false });
  });

  test('storage sharers are the other names on the storage', () => {
    assert.deepEqual(storageSharers(record, tensorNamed(record, 'a')!), ['b']);
    assert.deepEqual(storageSharers(record, tensorNamed(record, 'c')!), []);
  });

  test('previews are cut with an ellipsis', () => {
    assert.equal(previewText({ dtype: 'int64' }, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 20), '[1, 2, 3, 4, 5, 6, …');
    assert.equal(previewText({ dtype: 'float32' }, [0.5, 'nan', 2]), '[0.5, nan, 2.]');
  });

  test('the hover lists layout, storage, autograd state, values and the inspector link', () => {
    const b = tensorNamed(record, 'b')!;
    const markdown = tensorHoverMarkdown(record, 'b', b, 'command:tensorInspector.openInspector?x');
    for (const expected of [
      '**b** `torch.Size([2, 3])` `torch.float32` on `cpu`',
      '| layout | stride `(3, 1)` · storage_offset `0` · is_contiguous `True` |',
      '| storage | #1 (6 × float32, 24 bytes), shared with `a` |',
      '| autograd | requires_grad `False` · grad_fn `None` · grad `None` |',
      '[[1., 1., 1.], [1., 1., 1.]]', '(command:tensorInspector.openInspector?x)',
    ]) assert.ok(markdown.includes(expected), `${expected} missing from\n${markdown}`);
    const w = tensorNamed(record, 'w')!;
    assert.match(tensorHoverMarkdown(record, 'w', w, 'l'), /grad_fn `None` · grad `float32\[\]` `3\.` \|/);
    const c = tensorNamed(record, 'c')!;
    assert.match(tensorHoverMarkdown(record, 'c', c, 'l'), /stride `\(2, 1\)`[\s\S]*not shared/);
  });
});
