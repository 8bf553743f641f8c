// Command-line arguments of `tensor-inspector`.
import type { DeviceName } from '../protocol/record.ts';

export const usage = `Usage: tensor-inspector run FILE [options]

Runs a TypeScript or JavaScript snippet with \`torch\` and \`F\` as globals and records every tensor it makes.
Standard output is exactly the snippet's console output; diagnostics go to standard error.

Options:
  --device cpu|webgpu   where tensors live (webgpu falls back to cpu when unavailable; default cpu)
  --json OUT.json       write the record as JSON
  --html OUT.html       write a standalone page that shows the record
  --timeout S           wall-clock limit in seconds (default 10)
  --max-heap MB         memory limit in megabytes (default 1024)
  -h, --help            show this help`;

export interface RunArgs {
  command: 'run';
  file: string;
  device: DeviceName;
  json: string | null;
  html: string | null;
  timeoutMs: number;
  maxHeapMb: number;
}

export type CliArgs = RunArgs | { command: 'help' };

export class UsageError extends Error {}

function positiveNumber(flag: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`${flag} expects a positive number, got ${text === undefined ? 'nothing' : `'${text}'`}`);
  }
  return value;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  if (argv.length === 0 || argv.includes('-h') || argv.includes('--help')) return { command: 'help' };
  const [command, ...rest] = argv;
  if (command !== 'run') throw new UsageError(`unknown command '${command}'`);
  const args: RunArgs = { command: 'run', file: '', device: 'cpu', json: null, html: null, timeoutMs: 10_000, maxHeapMb: 1024 };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined) throw new UsageError(`${flag} expects a value`);
      return v;
    };
    switch (flag) {
      case '--device': {
        const device = value();
        if (device !== 'cpu' && device !== 'webgpu') throw new UsageError(`--device expects cpu or webgpu, got '${device}'`);
        args.device = device;
        break;
      }
      case '--json': args.json = value(); break;
      case '--html': args.html = value(); break;
      case '--timeout': args.timeoutMs = positiveNumber(flag, value()) * 1000; break;
      case '--max-heap': args.maxHeapMb = positiveNumber(flag, value()); break;
      default:
        if (flag.startsWith('-')) throw new UsageError(`unknown option '${flag}'`);
        if (args.file) throw new UsageError(`only one FILE can be run, got '${args.file}' and '${flag}'`);
        args.file = flag;
    }
  }
  if (!args.file) throw new UsageError('run expects a FILE');
  return args;
}
