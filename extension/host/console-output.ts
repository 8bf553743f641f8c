// The snippet's console output in an output channel, each printed block headed by the line that printed it
// (`basics.torch.ts:7`, which the output view turns into a link).
import * as vscode from 'vscode';
import type { ConsoleLine } from '../protocol/record.ts';
import type { RunResult } from './results.ts';
import { documentPosition } from './results.ts';

export class ConsoleOutput implements vscode.Disposable {
  readonly channel = vscode.window.createOutputChannel('Tensor Inspector');

  /** Writes a run's output; `reveal` brings the channel forward without taking the focus. */
  write(result: RunResult, file: string, reveal: boolean): void {
    const { record } = result;
    const ms = record.timing.runMs.toFixed(0);
    const status = record.ok ? `ran in ${ms} ms` : `${record.errors[0]?.kind === 'cancelled' ? 'stopped' : 'failed'} after ${ms} ms`;
    this.channel.appendLine(`── ${record.file} on ${record.device}: ${status} ──`);
    for (const note of record.notes) this.channel.appendLine(`note: ${note}`);
    for (const line of record.console) this.channel.appendLine(consoleText(result, file, line));
    for (const error of record.errors) this.channel.appendLine(error.text);
    if (reveal && (record.console.length > 0 || record.errors.length > 0)) this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** A printed block under the `file:line` that printed it; every line of the block indented under that head. */
export function consoleText(result: RunResult, file: string, line: ConsoleLine): string {
  const where = line.location ? `${file}:${documentPosition(result, line.location).line + 1}` : file;
  const prefix = `${where}${line.stream === 'stderr' ? ' (stderr)' : ''} │ `;
  const indent = `${' '.repeat(Math.max(0, prefix.length - 2))}│ `;
  return line.text.split('\n').map((text, i) => (i === 0 ? prefix : indent) + text).join('\n');
}
