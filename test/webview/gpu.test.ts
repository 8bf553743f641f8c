// The GPU summary in the standalone page: a run on the webgpu device (`tensor-inspector run FILE --device webgpu
// --html`, on SwiftShader's Vulkan driver where there is no GPU) shows its adapter, the pool's memory and the work
// counters, the ops that ran on the CPU with the lines where they did, and per-statement marks in the timeline. A CPU
// run shows none of it. axe-core checks the summary, the timeline and the storage view. Screenshots in the light and dark themes go to screenshots/.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { renderHtml } from '../../extension/cli/html.ts';
import { webviewScript } from '../../extension/cli/webview-bundle.ts';
import type { InspectorRecord } from '../../extension/protocol/record.ts';
import { bytesText } from '../../webview/model/gpu.ts';
import { launchChromium, openWatched, standalonePage } from './browser.ts';

const screenshots = join(import.meta.dirname, 'screenshots');
const axeSource = readFileSync(join(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');
const snippet = 'test/webview/fixtures/gpu.ts';

// Note: CI installs SwiftShader (Debian's chromium package); without it this suite is skipped, except under CI=true.
const swiftShaderIcd = '/usr/lib/chromium/vk_swiftshader_icd.json';
const gpuSkip = existsSync(swiftShaderIcd) || process.env['CI'] === 'true' ? false : `no SwiftShader Vulkan driver at ${swiftShaderIcd}`;

interface Example { html: string; record: InspectorRecord }

async function example(options: string[], folder: string): Promise<Example> {
  const { html, json } = await standalonePage(snippet, folder, options);
  return { html, record: JSON.parse(readFileSync(json, 'utf8')) as InspectorRecord };
}

/** axe-core's findings in the GPU summary, the timeline and the storage view of the record's tensors. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return await page.evaluate(`axe.run({ include: [['.gpu'], ['.timeline'], ['vscode-tab-panel[data-view=storage]']] }, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) =>
    v.id + ': ' + v.help + ' -> ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')))`) as string[];
}

const factText = async (page: Page, label: string): Promise<string | null> =>
  page.locator('.gpu-facts div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd').textContent();

describe('the GPU summary in the standalone page', { skip: gpuSkip }, () => {
  let browser: Browser;
  let context: BrowserContext;
  let gpu: Example;
  let cpu: Example;
  const problems: string[] = [];

  const open = (target: Example): Promise<Page> => openWatched(context, target.html, problems);

  before(async () => {
    // Dawn reads the driver's path from the process environment when the device starts.
    process.env['VK_ICD_FILENAMES'] ??= swiftShaderIcd;
    const folder = mkdtempSync(join(tmpdir(), 'inspector-gpu-'));
    // A generous limit: compiling kernels on a software driver is slow on a busy machine.
    gpu = await example(['--device', 'webgpu', '--timeout', '120'], folder);
    cpu = await example([], mkdtempSync(join(tmpdir(), 'inspector-cpu-')));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  });

  after(async () => {
    await browser?.close();
  });

  test('adapter, memory, work counters and the ops that ran on the CPU, with their lines', async () => {
    const stats = gpu.record.gpu?.stats;
    assert.ok(stats, 'the record has the device counters');
    const page = await open(gpu);
    assert.equal(await page.locator('.gpu .adapter').textContent(), gpu.record.gpu!.adapter);
    assert.equal(await factText(page, 'in use'), bytesText(stats.inUseBytes));
    assert.equal(await factText(page, 'pooled'), bytesText(stats.pooledBytes));
    assert.equal(await factText(page, 'allocated'), bytesText(stats.allocatedBytes));
    assert.equal(await factText(page, 'dispatches'), String(stats.dispatches));
    assert.equal(await factText(page, 'pipelines'), String(stats.pipelines));
    const fallbacks = await page.locator('.gpu-fallbacks li').evaluateAll((items) => items.map((li) => li.textContent));
    assert.deepEqual(fallbacks, ['mul×1line 7', 'sum int64×1line 7']);
    await page.locator('.gpu-fallbacks li', { hasText: 'sum int64' }).locator('button.line').click();
    const line7 = gpu.record.statements.findIndex((s) => s.range.start.line === 7);
    assert.equal(await page.locator('#timeline-slider').inputValue(), String(line7));
    assert.equal(await page.locator('.timeline .gpu-fallback').textContent(), 'on the CPU: mul, sum int64');
    await page.locator('#timeline-slider').fill(String(gpu.record.statements.findIndex((s) => s.range.start.line === 4)));
    assert.match((await page.locator('.timeline .gpu-work').textContent()) ?? '', /^2 kernels · 10 KiB up$/);
    assert.equal(await page.locator('.timeline .gpu-fallback').textContent(), '');
    await page.close();
  });

  test('themes: axe-core finds no violations; screenshots in light and dark', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await open(gpu);
      await page.selectOption('#theme-choice', theme);
      await page.locator('.gpu-fallbacks button.line').first().click();
      // x = torch.randn(64, 32): a storage picture wider than its box, of six-character floats.
      await page.locator('table.variables tbody td.name', { hasText: /^x$/ }).click();
      assert.deepEqual(await axeViolations(page), [], `${theme}: GPU summary`);
      await page.screenshot({ path: join(screenshots, `gpu-summary-${theme}.png`), clip: { x: 0, y: 0, width: 1400, height: 260 } });
      await page.screenshot({ path: join(screenshots, `gpu-storage-${theme}.png`) });
      await page.close();
    }
  });

  test('a CPU run shows no GPU summary and no per-statement GPU marks', async () => {
    assert.equal(cpu.record.gpu, undefined);
    const page = await open(cpu);
    assert.ok(await page.locator('.gpu').isHidden());
    assert.equal(await page.locator('.timeline .gpu-work').textContent(), '');
    await page.close();
  });

  test('op names and the adapter are shown as text, never as markup', async () => {
    const hostile = '<img src=x onerror="document.title=1">';
    const record = structuredClone(gpu.record);
    record.gpu!.adapter = hostile;
    record.gpu!.fallbacks = [{ op: hostile, count: 3 }];
    record.statements[0]!.gpu = { dispatches: 0, fallbacks: [{ op: hostile, count: 3 }], readbacks: 0, readbackBytes: 0, uploads: 0, uploadBytes: 0 };
    const html = join(mkdtempSync(join(tmpdir(), 'inspector-hostile-gpu-')), 'hostile.html');
    writeFileSync(html, renderHtml(record, await webviewScript()));
    const page = await open({ html, record });
    assert.equal(await page.locator('img').count(), 0);
    assert.equal(await page.locator('.gpu .adapter').textContent(), hostile);
    assert.equal(await page.locator('.gpu-fallbacks li code').textContent(), hostile);
    await page.close();
  });

  test('the pages ran under their CSP with no violations and no errors', () => {
    assert.deepEqual(problems, []);
  });
});
