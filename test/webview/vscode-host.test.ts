// The webview inside VS Code, as the panel (extension/host/panel.ts) loads it: a shell page with no embedded record,
// `acquireVsCodeApi()` present. A stand-in for VS Code's API records what the webview posts and keeps its state, so
// that the protocol of extension/protocol/webview.ts is checked from the webview's side in a real browser.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { pageCsp } from '../../extension/cli/html.ts';
import { webviewScript } from '../../extension/cli/webview-bundle.ts';
import type { InspectorRecord } from '../../extension/protocol/record.ts';
import type { WebviewToHostMessage } from '../../extension/protocol/webview.ts';
import { launchChromium, standalonePage, watchPage } from './browser.ts';

/** VS Code's webview API as a page sees it, backed by window globals the test reads and presets. */
const fakeVsCodeApi = `
  window.posted = [];
  window.savedState = window.savedState ?? JSON.parse(sessionStorage.getItem('savedState') ?? 'null');
  window.acquireVsCodeApi = () => ({
    postMessage: (message) => window.posted.push(JSON.parse(JSON.stringify(message))),
    getState: () => window.savedState,
    setState: (state) => { window.savedState = state; sessionStorage.setItem('savedState', JSON.stringify(state)); },
  });
`;

describe('the webview inside VS Code (acquireVsCodeApi present)', () => {
  let browser: Browser;
  let shell: string;
  let record: InspectorRecord;
  let page: Page;
  let problems: string[] = [];

  const posted = async (): Promise<WebviewToHostMessage[]> => await page.evaluate('window.posted') as WebviewToHostMessage[];
  const send = async (message: unknown): Promise<void> => { await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`); };
  // page.waitForFunction compiles its text with `new Function`, which the page's CSP forbids: poll with evaluate.
  const until = async (expression: string): Promise<void> => {
    for (const started = Date.now(); Date.now() - started < 10_000; await new Promise((r) => setTimeout(r, 50))) {
      if (await page.evaluate(expression)) return;
    }
    throw new Error(`timed out waiting for ${expression}`);
  };
  const waitForPost = async (type: string): Promise<WebviewToHostMessage> => {
    await until(`window.posted.some((m) => m.type === ${JSON.stringify(type)})`);
    return [...await posted()].reverse().find((m) => m.type === type)!;
  };

  before(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'inspector-shell-'));
    const [launched, script, example] = await Promise.all([launchChromium(), webviewScript(), standalonePage('examples/views.ts', folder)]);
    browser = launched;
    record = JSON.parse(readFileSync(example.json, 'utf8')) as InspectorRecord;
    shell = join(folder, 'shell.html');
    // The panel's shell (extension/host/panel-html.ts uiPage), with the script inline instead of a webview URI.
    writeFileSync(shell, `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${pageCsp('N0NCE')}"><title>Tensor Inspector</title></head>
<body><main id="inspector-root"></main><script nonce="N0NCE">${script.replace(/<\/(script)/gi, '<\\/$1')}</script></body></html>`);
    page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    problems = await watchPage(page);
    await page.addInitScript({ content: fakeVsCodeApi });
    await page.goto(`file://${shell}`);
  });

  after(async () => {
    await browser?.close();
  });

  test('it announces itself, then draws the record VS Code sends', async () => {
    assert.deepEqual(await waitForPost('didLoadWebview'), { type: 'didLoadWebview', state: null });
    await send({ type: 'setRecord', record });
    await page.waitForSelector('table.variables td.name');
    assert.deepEqual(new Set(await page.locator('table.variables td.name').allTextContents()), new Set(['#1', 'a', 'v', 't', 'r', 's']));
  });

  test('focusTensor selects a tensor by name and shows the asked view; the selection is reported back', async () => {
    await send({ type: 'focusTensor', tensor: { name: 't' }, view: 'values' });
    await page.waitForSelector('vscode-tab-panel[data-view="values"]:not([hidden]) table.values');
    const t = record.tensors.find((x) => x.names.includes('t'))!;
    assert.deepEqual(await waitForPost('didSelectTensor'), { type: 'didSelectTensor', tensor: t.id, names: ['t'] });
    await send({ type: 'focusStatement', statement: 2 });
    assert.equal(await page.locator('#timeline-slider').inputValue(), '2');
    const statement = await waitForPost('didSelectStatement');
    assert.deepEqual(statement, { type: 'didSelectStatement', statement: 2, range: record.statements[2]!.range });
  });

  test('a graph node asks VS Code to reveal its source; exports go to VS Code as data', async () => {
    const autograd = JSON.parse(readFileSync((await standalonePage('examples/autograd.ts')).json, 'utf8')) as InspectorRecord;
    await send({ type: 'setRecord', record: autograd });
    await page.click('vscode-tab-header[data-tab="graph"]');
    await page.locator('#graph-canvas .node[data-name="loss"]').click();
    const reveal = await waitForPost('revealSourceRequest') as Extract<WebviewToHostMessage, { type: 'revealSourceRequest' }>;
    const loss = autograd.statements.find((s) => s.changed.some((c) => c.tensor === autograd.tensors.find((t) => t.names.includes('loss'))!.id))!;
    assert.deepEqual({ file: reveal.file, range: reveal.range }, { file: 'examples/autograd.ts', range: loss.range });
    await send({ type: 'response', id: reveal.id });
    await page.click('[data-export=graph-svg]');
    const exported = await waitForPost('exportImageRequest') as Extract<WebviewToHostMessage, { type: 'exportImageRequest' }>;
    assert.equal(exported.fileName, 'autograd.graph.svg');
    assert.match(exported.data, /^<\?xml[\s\S]*BinaryCrossEntropyBackward0/);
    await send({ type: 'response', id: exported.id, detail: 'Saved autograd.graph.svg' });
    await until(`document.querySelector('[role=status][aria-live]')?.textContent === 'Saved autograd.graph.svg'`);
  });

  test('a new run marks the view stale; the state survives a reload (what the serializer revives)', async () => {
    await send({ type: 'didStartRun', file: 'examples/autograd.ts' });
    await page.waitForSelector('.app.stale');
    await until('window.savedState?.view === "graph" && window.savedState.record.file === "examples/autograd.ts"');
    await page.reload();
    await page.waitForSelector('#graph-canvas svg .node');
    const load = await waitForPost('didLoadWebview') as Extract<WebviewToHostMessage, { type: 'didLoadWebview' }>;
    assert.equal(load.state?.record?.file, 'examples/autograd.ts');
    assert.equal(load.state?.view, 'graph');
  });

  test('no CSP violations and no errors', () => {
    assert.deepEqual(problems, []);
  });
});
