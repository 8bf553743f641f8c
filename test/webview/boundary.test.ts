// webview/ is browser code that draws a record: it may import the record and protocol types (erased at build time),
// its UI and layout libraries, and nothing else: no engine code, no `vscode`, no Node built-ins. Its bundle never
// evaluates strings as code (the pages' CSP forbids it anyway) and contains nothing that would end an inline script.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const allowed = [/^webview\//, /^node_modules\/(@dagrejs\/dagre|@vscode-elements\/elements|lit|lit-html|lit-element|@lit\/reactive-element)\//];

test('the webview bundle holds only webview/ and its UI and layout libraries, and no eval', async () => {
  const build = await import(pathToFileURL('esbuild.mjs').href) as { buildWebview(o: { write: boolean }): Promise<{ code: string; inputs: string[] }> };
  const { code, inputs } = await build.buildWebview({ write: false });
  assert.deepEqual(inputs.filter((input) => !allowed.some((pattern) => pattern.test(input))), []);
  assert.ok(inputs.includes('webview/layout/worker.ts'), 'the layout worker is built into the bundle');
  assert.doesNotMatch(code, /\beval\(|new Function\(/);
  assert.doesNotMatch(code, /<\/script|<!--/i);
  assert.doesNotMatch(code, /[^\x00-\x7f]/, 'ASCII only, so that the page needs no charset guesswork');
});
