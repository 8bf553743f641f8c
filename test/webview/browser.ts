// Debian's Chromium driven by playwright-core, and standalone pages made by the CLI, for the webview's tests and
// benchmark. There is no fallback: without Chromium the browser tests fail (CI installs it, see .ci/run).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { main } from '../../extension/cli/main.ts';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium is not installed at ${chromiumPath}: the webview tests need it (apt-get install chromium)`);
  }
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--font-render-hinting=none'],
  });
}

/** Runs the CLI on `snippet` with `--html` (and `--json`, and `options` such as `--device webgpu`) into a fresh temporary folder; returns the two paths. */
export async function standalonePage(snippet: string, folder = mkdtempSync(join(tmpdir(), 'inspector-page-')), options: readonly string[] = []): Promise<{ html: string; json: string }> {
  const name = snippet.replace(/^.*\//, '').replace(/\.ts$/, '');
  const html = join(folder, `${name}.html`);
  const json = join(folder, `${name}.json`);
  const sink = { write: () => true };
  const code = await main(['run', snippet, '--html', html, '--json', json, ...options], { stdout: sink, stderr: sink });
  if (code !== 0) throw new Error(`tensor-inspector run ${snippet} exited with ${code}`);
  return { html, json };
}

/** Records CSP violations and page errors from the start of every document the page loads. */
export async function watchPage(page: Page): Promise<string[]> {
  const problems: string[] = [];
  await page.exposeFunction('reportProblem', (text: string) => { problems.push(text); });
  // Page code as text: the tests type-check without the DOM's types.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (e) => reportProblem('CSP ' + e.violatedDirective + ': ' + e.blockedURI));`,
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console error: ${message.text()}`); });
  return problems;
}

export async function openPage(page: Page, html: string): Promise<void> {
  await page.goto(`file://${html}`);
  await page.waitForSelector('body[data-inspector-ready]', { timeout: 15_000 });
}

/** A new page in `context` showing the standalone page `html`; its problems land in `problems` when it closes. */
export async function openWatched(context: BrowserContext, html: string, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  const seen = await watchPage(page);
  page.on('close', () => problems.push(...seen));
  await openPage(page, html);
  return page;
}
