// `tensor-inspector run FILE`: runs a snippet in the runner's worker, writes its console output to standard output
// exactly as the snippet printed it, diagnostics to standard error, and optionally the record as JSON and as a page.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { InspectorRecord } from '../protocol/record.ts';
import { Runner } from '../runner/runner.ts';
import { parseArgs, type RunArgs, usage, UsageError } from './args.ts';
import { renderHtml } from './html.ts';
import { webviewScript } from './webview-bundle.ts';

export interface Output { write(text: string): unknown; isTTY?: boolean }
export interface Io { stdout: Output; stderr: Output }

const prefix = 'tensor-inspector: ';
const progressAfterMs = 1000;

/** Runs the CLI and returns its exit code: 0 when the snippet ran, 1 when it failed, 2 for bad usage. */
export async function main(argv: readonly string[], io: Io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`${prefix}${error.message}\n\n${usage}\n`);
    return 2;
  }
  if (args.command === 'help') {
    io.stdout.write(`${usage}\n`);
    return 0;
  }
  let source: string;
  try {
    source = await readFile(args.file, 'utf8');
  } catch (error) {
    io.stderr.write(`${prefix}cannot read ${args.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
    return 2;
  }
  const record = await runWithProgress(args, source, io);
  for (const error of record.errors) io.stderr.write(`${error.text}\n`);
  if (args.json) {
    await writeFile(args.json, `${JSON.stringify(record, null, 1)}\n`);
    io.stderr.write(`${prefix}record written to ${args.json}\n`);
  }
  if (args.html) {
    await writeFile(args.html, renderHtml(record, await webviewScript()));
    io.stderr.write(`${prefix}inspector page: ${pathToFileURL(resolve(args.html)).href}\n`);
  }
  return record.ok ? 0 : 1;
}

async function runWithProgress(args: RunArgs, source: string, io: Io): Promise<InspectorRecord> {
  const runner = new Runner({ keepSpare: false });
  let statement = 0;
  let statementCount = 0;
  let shown = false;
  const progressText = (): string =>
    `${prefix}running ${args.file}${statementCount > 0 ? ` (statement ${Math.min(statement + 1, statementCount)} of ${statementCount})` : ''}...`;
  // A terminal gets one line updated in place; a pipe or file gets the line once.
  const showProgress = (): void => {
    if (io.stderr.isTTY) io.stderr.write(`\r\x1b[K${progressText()}`);
    else if (!shown) io.stderr.write(`${progressText()}\n`);
    shown = true;
  };
  const clearProgress = (): void => {
    if (shown && io.stderr.isTTY) io.stderr.write('\r\x1b[K');
  };
  let ticker: NodeJS.Timeout | undefined;
  const start = setTimeout(() => {
    showProgress();
    if (io.stderr.isTTY) ticker = setInterval(showProgress, 250);
  }, progressAfterMs);
  try {
    return await runner.run(source, args.file, {
      device: args.device,
      timeoutMs: args.timeoutMs,
      maxHeapMb: args.maxHeapMb,
      onDevice: (_device, notes) => { for (const note of notes) io.stderr.write(`${prefix}${note}\n`); },
      onConsole: (line) => {
        clearProgress();
        (line.stream === 'stdout' ? io.stdout : io.stderr).write(`${line.text}\n`);
        if (shown && io.stderr.isTTY) showProgress();
      },
      onStart: (count) => { statementCount = count; },
      onStatement: (s) => { statement = s.index + 1; },
    });
  } finally {
    clearTimeout(start);
    clearInterval(ticker);
    clearProgress();
    await runner.dispose();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
