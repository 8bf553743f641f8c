// End to end, as a user works: VS Code in Chromium (the VS Code server of code-server, scripts/vscode/server.mjs)
// with the extension under development; open examples/basics.torch.ts, run Evaluate File from the command palette,
// read the annotations at the ends of the lines, hover a variable, open the inspector from the hover and read the
// webview's DOM, then reload the window and find the panel restored. Screenshots go to test-results/e2e/.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import type { Frame, Page } from 'playwright-core';
import { buildForTests, root } from '../../scripts/vscode/build.mjs';
import { launchBrowser, startServer } from '../../scripts/vscode/server.mjs';

const shots = join(root, 'test-results', 'e2e');

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(shots, `${name}.png`) });
}

/** Runs a command from the palette (F1), retrying while the extension's commands are still being registered. */
async function runCommand(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      await input.press('Enter');
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw error;
    }
  }
}

/** The end-of-line annotations the editor shows, by line text (they are CSS `::after` content of decoration spans). */
async function annotations(page: Page): Promise<Map<string, string>> {
  const pairs = await page.locator('.monaco-editor .view-line').evaluateAll((lines) => lines.flatMap((line) => {
    const texts = [...line.querySelectorAll('span')].map((span) => {
      // Runs in the page: the DOM's getComputedStyle (this file is type-checked without the DOM library).
      const style = (globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string): { content: string } }).getComputedStyle(span, '::after');
      const content = style.content;
      return content && content !== 'none' && content !== 'normal' ? JSON.parse(content) as string : '';
    }).filter((text) => text.startsWith('▸'));
    return texts.length ? [[line.textContent ?? '', texts.join(' ')]] : [];
  }));
  // The editor renders spaces as no-break spaces.
  const plain = (text: string): string => text.replace(/\u00a0/g, ' ');
  return new Map((pairs as [string, string][]).map(([line, text]) => [plain(line), plain(text)]));
}

/**
 * The inspector's document once it shows `text`: the webview's outer iframe, then its active frame (VS Code swaps
 * frames while a webview loads, so both are looked up again until the text is there).
 */
async function inspectorFrame(page: Page, text: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.locator('body[data-inspector-ready="true"] #inspector-root', { hasText: text }).count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no inspector frame showing ${text}: ${page.frames().map((f) => f.url()).join(', ')}`);
    await page.waitForTimeout(250);
  }
}

describe('Tensor Inspector end to end in VS Code', { timeout: 600_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let workspace: string;

  before(async () => {
    await buildForTests();
    mkdirSync(shots, { recursive: true });
    workspace = mkdtempSync(join(tmpdir(), 'tensor-inspector-e2e-'));
    cpSync(join(root, 'examples', 'basics.torch.ts'), join(workspace, 'basics.torch.ts'));
    writeFileSync(join(workspace, 'loop.torch.ts'), 'const a = torch.ones(2);\nwhile (true) {\n  a.add_(1);\n}\n');
    // The output channel stays in the background, so that the editor keeps its height for the screenshots.
    server = await startServer({ settings: { 'workbench.startupEditor': 'none', 'tensorInspector.revealConsoleOutput': false } });
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? await browser.context.newPage();
    await page.goto(server.url(workspace, [['extensionDevelopmentPath', root], ['skipWelcome', 'true']]));
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  });

  // What the window showed at the end of each test, passed or not.
  afterEach(async (t) => { await screenshot(page, `end-of-${t.name.split(/\W+/).slice(0, 4).join('-')}`).catch(() => undefined); });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  test('evaluates from the palette and annotates the lines', async () => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('basics.torch.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'basics.torch.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: 'const x_data' }).waitFor();
    await runCommand(page, 'Tensor Inspector: Evaluate File');
    const deadline = Date.now() + 60_000;
    let shown = await annotations(page);
    while (shown.size < 5 && Date.now() < deadline) {
      await page.waitForTimeout(250);
      shown = await annotations(page);
    }
    await screenshot(page, '1-evaluated');
    const on = (prefix: string): string | undefined => [...shown].find(([line]) => line.startsWith(prefix))?.[1].replace(/ +/g, ' ');
    assert.equal(on('const x_data'), '▸ int64[2, 2] [[1, 2], [3, 4]]');
    assert.equal(on('const b = a.view'), '▸ float32[2, 3] ⇄ a, c [[0., 0., 0.], [0., 0., 0.]]');
    assert.equal(on('const c = b.t()'), '▸ float32[3, 2] ⇄ a, b [[1., 1.], [1., 1.], [1., 1.]]');
    assert.equal(on('const loss'), '▸ float32[] grad_fn=SumBackward0 54.');
    assert.equal(on('w.grad'), '▸ float32[2, 2] [[3., 7.], [3., 7.]]');
    const status = await page.locator('.statusbar-item', { hasText: /cpu · \d+ ms/ }).first().textContent();
    assert.match(status ?? '', /cpu · \d+ ms/);
  });

  test('hovers a variable and opens the inspector from the hover', async () => {
    const token = page.locator('.monaco-editor .view-line', { hasText: 'const c = b.t()' }).locator('span', { hasText: /^c$/ }).first();
    const box = (await token.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'storage_offset' });
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, '2-hover');
    const text = (await hover.innerText()).replace(/\s+/g, ' ').replace(/ ,/g, ',');
    for (const expected of ['torch.Size([3, 2])', 'torch.float32', 'stride (1, 3) · storage_offset 0 · is_contiguous False', 'shared with a, b', 'grad_fn None']) {
      assert.ok(text.includes(expected), `hover lacks ${expected}: ${text}`);
    }
    await hover.locator('a', { hasText: 'Open in Tensor Inspector' }).click();
    const frame = await inspectorFrame(page, 'x_data').catch(async (error: unknown) => {
      await screenshot(page, '3-inspector-missing');
      throw error;
    });
    await page.mouse.move(10, 880);
    await page.waitForTimeout(1000);
    await screenshot(page, '3-inspector');
    const root = await frame.locator('#inspector-root').innerText();
    for (const text of ['basics.torch.ts', 'x_data', 'floats', 'loss', 'SumBackward0', '19 of 19']) assert.ok(root.includes(text), `the inspector lacks ${text}`);
    // The hover's tensor is selected: the values view shows `c`.
    assert.match(root, /\bc\s+\[3, 2\] float32/);
  });

  test('a graph node in the inspector reveals the line that made it (RevealSourceRequest)', async () => {
    const frame = await inspectorFrame(page, 'x_data');
    await frame.getByText('Autograd graph', { exact: true }).click();
    const node = frame.locator('svg .node', { hasText: 'SumBackward0' }).first();
    await node.waitFor({ timeout: 30_000 });
    await node.click();
    await page.locator('.statusbar-item', { hasText: /Ln 26, Col/ }).waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    await screenshot(page, '3-graph-reveal');
  });

  test('a long run shows a progress notification whose Cancel stops it; annotations come back with their editor', async () => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('loop.torch.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'loop.torch.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-line', { hasText: 'while (true)' }).waitFor();
    await runCommand(page, 'Tensor Inspector: Evaluate File');
    const progress = page.locator('.notification-toast', { hasText: 'Evaluating loop.torch.ts' });
    await progress.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot(page, '4-progress');
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await page.locator('.statusbar-item', { hasText: /cpu · .* · stopped/ }).waitFor({ timeout: 15_000 });
    // basics.torch.ts was hidden behind loop.torch.ts in the same group: its annotations are set again when it shows.
    await page.locator('.tabs-container .tab', { hasText: 'basics.torch.ts' }).click();
    await page.locator('.monaco-editor .view-line', { hasText: 'const x_data' }).first().waitFor();
    await page.waitForTimeout(500);
    await screenshot(page, '5-shown-again');
    const shown = await annotations(page);
    assert.ok([...shown.keys()].some((line) => line.startsWith('const x_data')), `no annotations after the editor came back: ${[...shown.keys()].join(' | ')}`);
  });

  test('a reloaded window restores the inspector panel with its record', async () => {
    // As a user reloads: the workbench saves its editors (the panel among them) before it goes.
    const reloaded = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 60_000 });
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
    const frame = await inspectorFrame(page, 'x_data').catch(async (error: unknown) => {
      await screenshot(page, '6-restored-missing');
      throw error;
    });
    await screenshot(page, '6-restored');
    const root = await frame.locator('#inspector-root').innerText();
    for (const text of ['basics.torch.ts', 'SumBackward0', '19 of 19']) assert.ok(root.includes(text), `the restored inspector lacks ${text}`);
  });
});

describe('Tensor Inspector in an untrusted workspace', { timeout: 300_000 }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let workspace: string;

  before(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'tensor-inspector-untrusted-'));
    cpSync(join(root, 'examples', 'basics.torch.ts'), join(workspace, 'basics.torch.ts'));
    server = await startServer({ trustWorkspace: false, settings: { 'workbench.startupEditor': 'none', 'tensorInspector.liveMode': true } });
    browser = await launchBrowser();
    page = browser.context.pages()[0] ?? await browser.context.newPage();
    await page.goto(server.url(workspace, [['extensionDevelopmentPath', root], ['skipWelcome', 'true']]));
    await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  test('evaluates nothing, by command or live mode, and says why', async () => {
    // The browser workbench opens an untrusted folder in Restricted Mode without asking.
    await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('basics.torch.ts');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'basics.torch.ts' }).first().waitFor();
    await page.keyboard.press('Enter');
    const line = page.locator('.monaco-editor .view-line', { hasText: 'const x_data' });
    await line.waitFor();
    // An edit in live mode starts no run.
    await line.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' ');
    await runCommand(page, 'Tensor Inspector: Evaluate File');
    const warning = page.locator('.notification-toast', { hasText: 'only does so in a trusted workspace' });
    await warning.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(1500);
    await screenshot(page, '7-untrusted');
    assert.equal((await annotations(page)).size, 0);
  });
});
