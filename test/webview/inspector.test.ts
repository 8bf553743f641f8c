// The standalone page that `tensor-inspector run FILE --html` writes, opened in Debian's Chromium: the DOM shows the
// right tensors, storages, graph and timeline; exports download; the keyboard works; the CSP holds; axe-core finds
// no accessibility violations; screenshots in the light, dark and high-contrast themes go to screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { renderHtml } from '../../extension/cli/html.ts';
import { webviewScript } from '../../extension/cli/webview-bundle.ts';
import type { InspectorRecord } from '../../extension/protocol/record.ts';
import { launchChromium, openWatched, standalonePage } from './browser.ts';

const screenshots = join(import.meta.dirname, 'screenshots');
const axeSource = readFileSync(join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

interface Example { html: string; record: InspectorRecord }

async function example(snippet: string, folder: string): Promise<Example> {
  const { html, json } = await standalonePage(snippet, folder);
  return { html, record: JSON.parse(readFileSync(json, 'utf8')) as InspectorRecord };
}

/** The statement whose first line contains `text`. */
function statementWith(record: InspectorRecord, text: string): number {
  const lines = record.source.split('\n');
  const found = record.statements.find((s) => lines[s.range.start.line - 1]!.includes(text));
  assert.ok(found, `no statement with ${text}`);
  return found.index;
}

async function selectTensor(page: Page, name: string): Promise<void> {
  await page.locator('table.variables tbody td.name', { hasText: new RegExp(`^${name}(?![\\w])`) }).click();
}

async function showView(page: Page, view: 'storage' | 'values' | 'graph'): Promise<void> {
  await page.click(`vscode-tab-header[data-tab="${view}"]`);
  await page.waitForSelector(`vscode-tab-panel[data-view="${view}"]:not([hidden])`);
}

async function setStatement(page: Page, index: number): Promise<void> {
  await page.locator('#timeline-slider').fill(String(index));
}

async function cellTexts(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).allTextContents();
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) =>
    v.id + ': ' + v.help + ' -> ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')))`) as string[];
}

describe('the standalone inspector page in Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let basics: Example;
  let autograd: Example;
  let views: Example;
  let wide: Example;
  const problems: string[] = [];

  const open = (target: Example): Promise<Page> => openWatched(context, target.html, problems);

  before(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'inspector-pages-'));
    mkdirSync(screenshots, { recursive: true });
    [browser, basics, autograd, views, wide] = await Promise.all([
      launchChromium(), example('examples/basics.ts', folder), example('examples/autograd.ts', folder), example('examples/views.ts', folder),
      example('test/webview/fixtures/wide-values.ts', folder),
    ]);
    context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  });

  after(async () => {
    await browser?.close();
  });

  test('the variables table lists every tensor with its shape, strides and contiguity', async () => {
    const page = await open(basics);
    const row = (name: string) => page.locator('table.variables tbody tr', { has: page.locator('td.name', { hasText: new RegExp(`^${name}$`) }) });
    assert.equal(await row('c').locator('td[data-column=shape]').textContent(), '[3, 2]');
    assert.equal(await row('c').locator('td[data-column=stride]').textContent(), '(1, 3)');
    assert.equal(await row('c').locator('td[data-column=contiguous]').textContent(), 'no');
    assert.equal(await row('b').locator('td[data-column=stride]').textContent(), '(3, 1)');
    assert.equal(await row('t').locator('td[data-column=shape]').textContent(), '[3, 4]');
    const names = (await cellTexts(page, 'table.variables td.name')).filter((n) => !n.startsWith('#'));
    const bound = new Set(basics.record.tensors.flatMap((t) => t.names));
    assert.deepEqual(new Set(names), bound);
    await page.locator('#variables-filter').locator('input').fill('float32');
    assert.ok((await cellTexts(page, 'table.variables td[data-column=dtype]')).every((d) => d === 'float32'));
    await page.click('table.variables th[data-column=shape] button');
    assert.equal(await page.getAttribute('table.variables th[data-column=shape]', 'aria-sort'), 'ascending');
    await page.close();
  });

  test('storage groups: a and a.view(2, 3) share a storage, a.t().reshape(6) has its own', async () => {
    const page = await open(views);
    const groupOf = async (name: string): Promise<string | null> =>
      page.locator('details.all-storages .group', { has: page.locator('.chip', { hasText: new RegExp(`^${name}$`) }) }).getAttribute('data-storage-id');
    const [a, v, t, s, r] = await Promise.all(['a', 'v', 't', 's', 'r'].map(groupOf));
    assert.ok(a !== null && r !== null);
    assert.equal(v, a);
    assert.equal(t, a);
    assert.equal(s, a);
    assert.notEqual(r, a);
    await page.close();
  });

  test('the storage picture numbers the cells a.t() reads in its walk order and says why .view fails', async () => {
    const page = await open(views);
    await selectTensor(page, 't');
    const picture = page.locator('#storage-picture svg');
    const order = await picture.locator('.strip .cell').evaluateAll((cells) => cells.map((c) => [
      c.getAttribute('data-position'), c.querySelector('.order')?.textContent ?? '',
    ]));
    // t = a.t() with a of shape (3, 2): t[i, j] reads position 2j + i, so the walk is 0, 2, 4, 1, 3, 5.
    assert.deepEqual(order, [['0', '0'], ['1', '3'], ['2', '1'], ['3', '4'], ['4', '2'], ['5', '5']]);
    assert.equal(await picture.locator('.walk').count(), 5);
    const explanation = (await page.locator('.explain').textContent()) ?? '';
    assert.match(explanation, /t is not contiguous/);
    assert.match(explanation, /t\.view\(6\) would fail/);
    assert.match(explanation, /shares storage #\d+ with #\d+, a, v and s/);
    await page.locator('#try-view').fill('3, 2');
    assert.match((await page.locator('#try-view-result').textContent()) ?? '', /RuntimeError: view size is not compatible/);
    await page.locator('#try-view').fill('2, 3, 1');
    assert.match((await page.locator('#try-view-result').textContent()) ?? '', /shape \[2, 3, 1\], stride \(1, 2, 2\)/);
    await selectTensor(page, 'r');
    assert.match((await page.locator('.explain').textContent()) ?? '', /r has storage #\d+ to itself/);
    await page.close();
  });

  test('the timeline: v turns to ones after a.fill_(1), the copy r does not', async () => {
    const page = await open(views);
    const fill = statementWith(views.record, 'a.fill_(1)');
    await selectTensor(page, 'v');
    await showView(page, 'values');
    await setStatement(page, fill - 1);
    assert.deepEqual(await cellTexts(page, 'table.values tbody td'), ['0', '1', '2', '3', '4', '5']);
    await setStatement(page, fill);
    assert.deepEqual(await cellTexts(page, 'table.values tbody td'), ['1', '1', '1', '1', '1', '1']);
    assert.match((await page.locator('.timeline .changes').textContent()) ?? '', /v written/);
    await selectTensor(page, 'r');
    assert.deepEqual(await cellTexts(page, 'table.values tbody td'), ['0', '2', '4', '1', '3', '5']);
    await setStatement(page, statementWith(views.record, 'const v'));
    assert.equal(await page.locator('table.variables td.name', { hasText: /^r/ }).count(), 0, 'r does not exist yet');
    await page.close();
  });

  test('the autograd graph has PyTorch\'s node names; grads appear after backward()', async () => {
    const page = await open(autograd);
    await showView(page, 'graph');
    await page.waitForSelector('#graph-canvas svg .node');
    const names = new Set(await page.locator('#graph-canvas .node').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-name'))));
    for (const name of ['PowBackward0', 'MulBackward0', 'AddBackward0', 'SubBackward0', 'MeanBackward0', 'AccumulateGrad',
      'MmBackward0', 'SqueezeBackward3', 'SigmoidBackward0', 'BinaryCrossEntropyBackward0', 'z', 'out', 'loss']) {
      assert.ok(names.has(name), `${name} in ${[...names].join(', ')}`);
    }
    // A leaf is drawn as its AccumulateGrad node, which names it.
    const w = page.locator('#graph-canvas .node.accumulate', { has: page.locator('.line', { hasText: /^w \[\] float32$/ }) });
    assert.equal(await w.count(), 1);
    const wGrad = w.locator('.line.grad');
    assert.equal(await wGrad.textContent(), 'grad []');
    assert.ok(await wGrad.isVisible());
    await setStatement(page, statementWith(autograd.record, 'z.backward()') - 1);
    assert.ok(!await wGrad.isVisible(), 'no grad before backward()');
    await setStatement(page, statementWith(autograd.record, 'z.backward()'));
    assert.ok(await wGrad.isVisible());
    assert.match((await page.getAttribute('#graph-canvas .node[data-name="loss"]', 'class')) ?? '', /future/);
    await setStatement(page, autograd.record.statements.length - 1);
    await page.locator('#graph-canvas .node[data-name="z"]').click();
    const selectedRow = page.locator('table.variables tbody tr[aria-selected=true]');
    assert.match((await selectedRow.locator('td.name').textContent()) ?? '', /^z/);
    // The keyboard: an arrow moves the focus to the nearest node that way, Enter selects its tensor.
    await page.keyboard.press('ArrowRight');
    const focused = await page.evaluate('document.activeElement.getAttribute("data-tensor-id")') as string;
    assert.notEqual(focused, await selectedRow.getAttribute('data-tensor-id'));
    await page.keyboard.press('Enter');
    assert.equal(await selectedRow.getAttribute('data-tensor-id'), focused);
    await page.close();
  });

  test('the graph and the storage picture export as SVG and PNG downloads', async () => {
    const page = await open(autograd);
    await showView(page, 'graph');
    await page.waitForSelector('#graph-canvas svg .node');
    for (const [selector, check] of [
      ['[data-export=graph-svg]', (bytes: Buffer) => { const text = bytes.toString('utf8'); assert.match(text, /^<\?xml/); assert.match(text, /MulBackward0/); assert.match(text, /fill="rgb/); }],
      ['[data-export=graph-png]', (bytes: Buffer) => assert.equal(bytes.subarray(1, 4).toString('ascii'), 'PNG')],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      assert.match(download.suggestedFilename(), /^autograd\.graph\.(svg|png)$/);
      check(readFileSync(await download.path()));
    }
    await showView(page, 'storage');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export=storage-svg]')]);
    assert.match(readFileSync(await download.path(), 'utf8'), /class="strip/);
    await page.close();
  });

  test('keyboard: arrows move the table selection', async () => {
    const page = await open(views);
    await selectTensor(page, 'a');
    await page.keyboard.press('ArrowDown');
    assert.match((await page.locator('table.variables tbody tr[aria-selected=true] td.name').textContent()) ?? '', /^v/);
    assert.equal(await page.evaluate('document.activeElement.getAttribute("aria-selected")'), 'true');
    await page.keyboard.press('End');
    assert.match((await page.locator('table.variables tbody tr[aria-selected=true] td.name').textContent()) ?? '', /^s/);
    await page.close();
  });

  test('themes: axe-core finds no violations; screenshots in light, dark and high contrast', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const page = await open(views);
      await page.selectOption('#theme-choice', theme);
      await selectTensor(page, 't');
      assert.deepEqual(await axeViolations(page), [], `${theme}: storage view`);
      await page.screenshot({ path: join(screenshots, `views-storage-${theme}.png`) });
      await page.close();
      const graph = await open(autograd);
      await graph.selectOption('#theme-choice', theme);
      await showView(graph, 'graph');
      await graph.waitForSelector('#graph-canvas svg .node');
      await selectTensor(graph, 'out');
      assert.deepEqual(await axeViolations(graph), [], `${theme}: graph view`);
      await graph.screenshot({ path: join(screenshots, `autograd-graph-${theme}.png`) });
      await showView(graph, 'values');
      await selectTensor(graph, 'W');
      // The values grid's colours do not depend on the theme: one check is enough.
      if (theme === 'light') assert.deepEqual(await axeViolations(graph), [], `${theme}: values view`);
      await graph.screenshot({ path: join(screenshots, `autograd-values-${theme}.png`) });
      await graph.close();
    }
  });

  test('the storage picture: every value fits its cell (negative and scientific floats, big int64s, bools)', async () => {
    const page = await open(wide);
    const seen = new Set<string>();
    for (const name of ['f', 'g', 'n', 'b', 'w']) {
      await selectTensor(page, name);
      const cells = await page.locator('#storage-picture svg').locator('.strip .cell, .grid-cell').evaluateAll((groups) => groups.map((g) => {
        const box = g.querySelector('rect')!.getBoundingClientRect();
        return [...g.querySelectorAll('text')].filter((t) => !t.classList.contains('order') && !t.classList.contains('position')).map((t) => {
          const text = t.getBoundingClientRect();
          return { text: t.textContent, inside: text.left >= box.left && text.right <= box.right && text.top >= box.top && text.bottom <= box.bottom };
        });
      }).flat());
      assert.ok(cells.length > 0, name);
      for (const cell of cells) {
        seen.add(cell.text!);
        assert.ok(cell.inside, `${name}: ${cell.text} overflows its cell`);
      }
    }
    for (const text of ['-1.235', '-1.00e-5', '-5.50e-7', '12346000384', '9007199254740991', '-1234567890123', 'True', 'False', '-1126']) {
      assert.ok(seen.has(text), `${text} drawn`);
    }
    // Short values keep narrow cells.
    await selectTensor(page, 'b');
    assert.ok(Number(await page.locator('#storage-picture .grid-cell rect').first().getAttribute('width')) <= 50);
    await page.close();
  });

  test('the storage picture scrolls from the keyboard: focusable, named, with a visible focus outline', async () => {
    const page = await open(wide);
    await selectTensor(page, 'w');
    const picture = page.locator('#storage-picture');
    assert.ok(await picture.evaluate((e) => e.scrollWidth > e.clientWidth), 'the picture is wider than its box');
    await page.focus('#try-view');
    await page.keyboard.press('Shift+Tab');
    assert.equal(await page.evaluate('document.activeElement.id'), 'storage-picture');
    const name = await page.evaluate('document.getElementById(document.activeElement.getAttribute("aria-labelledby")).textContent') as string;
    assert.match(name, /^storage #\d+ · 96 × float32/);
    assert.equal(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle'), 'solid');
    // Keyboard scrolling may be animated: read the position once it stops moving.
    const settled = async (): Promise<number> => {
      for (let last = -1; ;) {
        const now = await picture.evaluate((e) => e.scrollLeft);
        if (now === last) return now;
        last = now;
        await page.waitForTimeout(150);
      }
    };
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    const scrolled = await settled();
    assert.ok(scrolled > 0, 'ArrowRight scrolls the picture');
    await page.keyboard.press('ArrowLeft');
    assert.ok(await settled() < scrolled, 'ArrowLeft scrolls back');
    await page.screenshot({ path: join(screenshots, 'wide-values-picture-focus-light.png'), clip: { x: 530, y: 160, width: 870, height: 500 } });
    await page.close();
  });

  test('the whole storage view with wide values, a scrolling picture and a view that works: no axe violations; screenshots', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const page = await open(wide);
      await page.selectOption('#theme-choice', theme);
      await selectTensor(page, 'w');
      assert.ok(await page.locator('#storage-picture').evaluate((e) => e.scrollWidth > e.clientWidth));
      assert.equal(await page.getAttribute('#try-view-result', 'class'), 'ok');
      assert.deepEqual(await axeViolations(page), [], `${theme}: storage view of w`);
      await page.screenshot({ path: join(screenshots, `wide-values-storage-${theme}.png`) });
      await selectTensor(page, 'f');
      assert.deepEqual(await axeViolations(page), [], `${theme}: storage view of f`);
      if (theme !== 'high-contrast') await page.screenshot({ path: join(screenshots, `wide-values-grids-${theme}.png`) });
      await page.close();
    }
  });

  test('strings from the record are shown as text, never as markup', async () => {
    const hostile = '<img src=x onerror="document.title=1">';
    const record = structuredClone(views.record);
    record.file = `${hostile}.ts`;
    record.notes = [hostile];
    record.console = [{ stream: 'stdout', text: hostile, statement: 0, location: null }];
    record.tensors[1]!.names = [hostile];
    record.statements = record.statements.map((st) => ({ ...st, bindings: st.bindings.map((b) => (b.name === 'a' ? { ...b, name: hostile } : b)) }));
    const html = join(mkdtempSync(join(tmpdir(), 'inspector-hostile-')), 'hostile.html');
    writeFileSync(html, renderHtml(record, await webviewScript()));
    const page = await open({ html, record });
    await page.click('details.console summary');
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('.header h1').textContent(), `${hostile}.ts`);
    assert.equal(await page.locator('table.variables td.name', { hasText: hostile }).count(), 1);
    assert.equal(await page.locator('details.console pre').textContent(), hostile);
    assert.equal(await page.title(), `Tensor Inspector: ${hostile}.ts`);
    await page.close();
  });

  test('the pages ran under their CSP with no violations and no errors', () => {
    assert.deepEqual(problems, []);
  });
});
