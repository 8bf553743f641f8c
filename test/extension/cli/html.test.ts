import assert from 'node:assert/strict';
import { test } from 'node:test';
import { embeddedJson, inlineScript, pageCsp, renderHtml } from '../../../extension/cli/html.ts';
import type { InspectorRecord } from '../../../extension/protocol/record.ts';

const hostile = '</script><img src=x onerror=alert(1)><!--';

function record(): InspectorRecord {
  return {
    schemaVersion: 1, file: `${hostile}.ts`, source: `console.log("${hostile}")`, device: 'cpu', ok: false,
    statements: [{
      index: 0, kind: 'expression', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 20 } },
      bindings: [{ name: 'x', value: { kind: 'scalar', type: 'str', repr: `'${hostile}'` } }],
      value: { kind: 'other', type: 'x', repr: hostile }, changed: [], previews: [], console: [0], durationMs: 1,
    }],
    tensors: [], storages: [], graph: { nodes: [], edges: [], leaves: [], grads: [], roots: [] },
    console: [{ stream: 'stdout', text: hostile, statement: 0, location: { line: 1, column: 9 } }],
    errors: [{ kind: 'runtime', name: 'Error', message: hostile, location: null, statement: 0, stack: [], text: `f.ts Error: ${hostile}` }],
    notes: [hostile], timing: { transpileMs: 1, runMs: 2 },
  };
}

const script = 'console.log("</script>")';

test('every record string is escaped and the embedded JSON cannot close its script element', () => {
  const page = renderHtml(record(), script, 'NONCE');
  assert.doesNotMatch(page, /<img/);
  assert.doesNotMatch(page, /<\/script><img/);
  assert.equal(page.match(/<script/g)?.length, 2);
  assert.equal(page.match(/<script nonce="NONCE">/g)?.length, 1);
  assert.match(page, /<style nonce="NONCE">/);
  assert.match(page, /content="default-src &#39;none&#39;; script-src &#39;nonce-NONCE&#39;; style-src &#39;nonce-NONCE&#39;; img-src data:; worker-src data:"/);
  const json = page.slice(page.indexOf('id="inspector-record">') + 'id="inspector-record">'.length, page.indexOf('</script>'));
  assert.deepEqual(JSON.parse(json), record());
  assert.match(page, /<script nonce="NONCE">console\.log\("<\\\/script>"\)<\/script>/);
});

test('embedded JSON escapes characters that matter inside a script element', () => {
  assert.equal(embeddedJson({ a: '<&>\u2028' }), '{"a":"\\u003c\\u0026\\u003e\\u2028"}');
});

test('an inlined script cannot end its element early, and one that would open a comment is refused', () => {
  assert.equal(inlineScript('a = "</SCRIPT>"'), 'a = "<\\/SCRIPT>"');
  assert.throws(() => inlineScript('a = "<!--"'), /cannot be inlined/);
  assert.doesNotMatch(pageCsp('N'), /unsafe|blob:|\*/);
});
