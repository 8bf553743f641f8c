// Structured stack frames in the worker: V8 hands `Error.prepareStackTrace` its call sites, which we keep on the
// error (file, line, column of each frame) while still producing Node's usual stack text. The frames in the snippet
// map back through the position table to the snippet's own lines, whatever called them: a callback run by
// `torch.no_grad`, a hook run during backward, a console.log.
import type { ErrorRecord, SourcePosition } from '../protocol/record.ts';
import type { WorkerProgram } from '../protocol/worker.ts';
import { lookup } from './source-map.ts';
import { formatErrorText, toSourcePosition } from './errors.ts';

interface Frame { file: string | null; line: number; column: number }

const framesKey = Symbol('tensor-inspector.frames');

export function installStackCapture(): void {
  // Engine calls can sit deep between the snippet's frames; keep enough frames to reach the snippet.
  Error.stackTraceLimit = 200;
  Error.prepareStackTrace = (error: Error, callSites: NodeJS.CallSite[]) => {
    const frames: Frame[] = callSites.map((c) => ({ file: c.getFileName() ?? null, line: c.getLineNumber() ?? 0, column: c.getColumnNumber() ?? 0 }));
    try {
      Object.defineProperty(error, framesKey, { value: frames, configurable: true });
    } catch {
      // A frozen error keeps its stack text only.
    }
    const header = `${error.name ?? 'Error'}: ${error.message ?? ''}`;
    return header + callSites.map((c) => `\n    at ${String(c)}`).join('');
  };
}

function framesOf(error: unknown): Frame[] {
  if (typeof error !== 'object' || error === null) return [];
  void (error as { stack?: string }).stack;
  return ((error as Record<symbol, Frame[] | undefined>)[framesKey]) ?? [];
}

/** The snippet positions on the stack of `error`, innermost first. */
export function snippetFrames(error: unknown, program: WorkerProgram): SourcePosition[] {
  const out: SourcePosition[] = [];
  for (const frame of framesOf(error)) {
    if (frame.file !== program.file) continue;
    const p = lookup(program.positions, { line: frame.line, column: Math.max(frame.column - 1, 0) });
    if (p) out.push(toSourcePosition(p));
  }
  return out;
}

/** The snippet line that is calling right now (for console output). */
export function callerPosition(program: WorkerProgram): SourcePosition | null {
  const holder = {};
  Error.captureStackTrace(holder);
  return snippetFrames(holder, program)[0] ?? null;
}

/** An error thrown by the snippet, located at its innermost snippet frame, or else at the running statement. */
export function runtimeErrorRecord(error: unknown, program: WorkerProgram, statement: number | null): ErrorRecord {
  const isError = error instanceof Error;
  const name = isError ? error.name : 'Error';
  const message = isError ? error.message : String(error);
  const stack = snippetFrames(error, program);
  const location = stack[0] ?? (statement === null ? null : program.statements[statement]?.range.start ?? null);
  return { kind: 'runtime', name, message, location, statement, stack, text: formatErrorText(program.file, location, name, message) };
}
