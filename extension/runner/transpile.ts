// Compiles a snippet for the worker in three steps, keeping every position traceable to the snippet's own text:
//   1. box float-looking whole-number literals (Note [Float literals in snippets]) -> an edited TypeScript text;
//   2. esbuild's transform API: TypeScript -> JavaScript, with a source map back to step 1's text;
//   3. instrument the top-level statements for the recorder and wrap the program (instrument.ts).
// The position table composes all three, so that the worker maps a stack position straight back to the snippet.
import { transform, type Message, type TransformFailure } from 'esbuild';
import type { ErrorRecord } from '../protocol/record.ts';
import type { StatementInfo, WorkerProgram } from '../protocol/worker.ts';
import { EditedText, LineIndex, type Position } from './edits.ts';
import { errorRecord, toSourcePosition } from './errors.ts';
import { floatLiteralEdits } from './float-literals.ts';
import { instrument, InstrumentError } from './instrument.ts';
import { decodeMappings, lookup, type Mapping, positionTable } from './source-map.ts';
import { tokenize } from './tokenize.ts';

export type CompileResult =
  | { ok: true; program: WorkerProgram; transpileMs: number }
  | { ok: false; error: ErrorRecord; transpileMs: number };

function loaderFor(file: string): 'ts' | 'tsx' | 'js' | 'jsx' {
  if (/\.tsx$/i.test(file)) return 'tsx';
  if (/\.(m|c)?js$/i.test(file)) return 'js';
  if (/\.jsx$/i.test(file)) return 'jsx';
  return 'ts';
}

/** Compiles a snippet. Syntax errors come back as an ErrorRecord at the snippet's own line and column. */
export async function compileSnippet(source: string, file: string): Promise<CompileResult> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  const originalLines = new LineIndex(source);
  const boxed = new EditedText(source, floatLiteralEdits(source));
  const boxedLines = new LineIndex(boxed.text);
  const toOriginal = (p: Position): Position => originalLines.position(boxed.toOriginal(boxedLines.offset(p)));

  let js: string;
  let mappings: Mapping[];
  try {
    const result = await transform(boxed.text, {
      loader: loaderFor(file), sourcemap: 'external', sourcefile: file, target: 'es2022', format: 'esm',
      logLevel: 'silent',
    });
    js = result.code;
    mappings = decodeMappings((JSON.parse(result.map) as { mappings: string }).mappings);
  } catch (error) {
    const first: Message | undefined = (error as TransformFailure).errors?.[0];
    if (!first) throw error;
    const location = first.location ? toSourcePosition(toOriginal({ line: first.location.line, column: first.location.column })) : null;
    return { ok: false, error: errorRecord('syntax', file, 'SyntaxError', first.text, location, null), transpileMs: elapsed() };
  }

  const jsLines = new LineIndex(js);
  const jsToOriginal = positionTable(mappings.map((m) => ({ generated: m.generated, source: toOriginal(m.source) })));
  let instrumented: ReturnType<typeof instrument>;
  try {
    instrumented = instrument(js);
  } catch (error) {
    if (!(error instanceof InstrumentError)) throw error;
    const p = lookup(jsToOriginal, jsLines.position(error.offset));
    return { ok: false, error: errorRecord('syntax', file, error.errorName, error.message, p ? toSourcePosition(p) : null, null), transpileMs: elapsed() };
  }
  const final = new EditedText(js, instrumented.edits);
  const finalLines = new LineIndex(final.text);
  const positions = positionTable(mappings.map((m) => ({
    generated: finalLines.position(final.toEdited(jsLines.offset(m.generated))),
    source: toOriginal(m.source),
  })));

  const tokens = tokenize(source);
  const statements: StatementInfo[] = instrumented.statements.map((s) => {
    const start = lookup(jsToOriginal, jsLines.position(s.start)) ?? { line: 1, column: 0 };
    const last = lookup(jsToOriginal, jsLines.position(Math.max(s.start, s.end - 1))) ?? start;
    const end = originalLines.position(statementEnd(tokens, originalLines.offset(last)));
    return { index: s.index, kind: s.kind, range: { start: toSourcePosition(start), end: toSourcePosition(end) } };
  });
  return { ok: true, program: { file, code: final.text, positions, statements }, transpileMs: elapsed() };
}

/** The end of the token at `offset`, past a `;` right after it. */
function statementEnd(tokens: ReturnType<typeof tokenize>, offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (found < 0) return offset;
  const token = tokens[found]!;
  const next = tokens[found + 1];
  return next && next.kind === 'punct' && next.text === ';' ? next.end : token.end;
}
