// Instruments esbuild's JavaScript output so that the recorder sees every top-level statement finish. After each
// statement the program calls `__ti.statement(i, () => ({ a, b }))` with every top-level variable declared so far;
// a bare expression statement becomes `__ti.expression(i, (expr), () => ({ ... }))` so that its value is recorded
// after it is computed. Imports of "tensor-inspector" become reads of the engine the worker provides; the program is
// wrapped in an async function so that top-level `await` works.
import { parse, type Pattern, type Program } from 'acorn';
import type { StatementKind } from '../protocol/record.ts';
import type { Edit } from './edits.ts';
import { hooksName, moduleName, wrapperPrefix, wrapperSuffix } from './wrapper.ts';

export interface InstrumentedStatement { index: number; kind: StatementKind; start: number; end: number }

/** A snippet-level error found while instrumenting (an import of another module), at an offset of esbuild's output. */
export class InstrumentError extends Error {
  constructor(message: string, readonly offset: number, readonly errorName = 'SyntaxError') { super(message); }
}

/** The names a declaration pattern binds: `const [a, { b, c: d }] = ...` binds a, b and d. */
export function patternNames(pattern: Pattern): string[] {
  const names: string[] = [];
  const pending: Pattern[] = [pattern];
  while (pending.length > 0) {
    const p = pending.pop()!;
    switch (p.type) {
      case 'Identifier': names.push(p.name); break;
      case 'ArrayPattern': for (const e of p.elements) if (e) pending.push(e); break;
      case 'ObjectPattern':
        for (const prop of p.properties) pending.push(prop.type === 'RestElement' ? prop : prop.value);
        break;
      case 'RestElement': pending.push(p.argument); break;
      case 'AssignmentPattern': pending.push(p.left); break;
      case 'MemberExpression': break;
    }
  }
  return names.reverse();
}

export function instrument(js: string): { edits: Edit[]; statements: InstrumentedStatement[] } {
  let program: Program;
  try {
    program = parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true });
  } catch (error) {
    const pos = (error as { pos?: number }).pos ?? 0;
    throw new InstrumentError((error as Error).message.replace(/ \(\d+:\d+\)$/, ''), pos);
  }
  const edits: Edit[] = [{ start: 0, end: 0, text: wrapperPrefix }];
  const statements: InstrumentedStatement[] = [];
  const declared: string[] = [];
  const bindings = (): string => `() => ({ ${declared.join(', ')} })`;
  for (const node of program.body) {
    const index = statements.length;
    let kind: StatementKind = 'other';
    switch (node.type) {
      case 'ImportDeclaration': {
        if (node.source.value !== moduleName) {
          throw new InstrumentError(`Cannot import '${String(node.source.value)}': a snippet can import only from "${moduleName}"`, node.start);
        }
        edits.push({ start: node.start, end: node.end, text: importReplacement(node.specifiers) });
        break;
      }
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration':
      case 'ExportAllDeclaration': {
        if (node.type !== 'ExportNamedDeclaration' || node.source) throw new InstrumentError('A snippet cannot export values', node.start);
        // Nothing imports a snippet: `export` only marks its declarations (esbuild moves it into a trailing `export { t }`).
        edits.push({ start: node.start, end: node.declaration?.start ?? node.end, text: '' });
        if (node.declaration?.type === 'VariableDeclaration') {
          kind = 'declaration';
          for (const d of node.declaration.declarations) declared.push(...patternNames(d.id));
        }
        break;
      }
      case 'VariableDeclaration':
        kind = 'declaration';
        for (const d of node.declarations) declared.push(...patternNames(d.id));
        break;
      case 'ExpressionStatement': {
        if ((node as { directive?: string }).directive !== undefined) break;
        kind = 'expression';
        const semicolon = js[node.end - 1] === ';' ? 1 : 0;
        edits.push({ start: node.start, end: node.start, text: `${hooksName}.expression(${index}, (` });
        edits.push({ start: node.end - semicolon, end: node.end, text: `), ${bindings()});` });
        break;
      }
    }
    statements.push({ index, kind, start: node.start, end: node.end });
    if (kind !== 'expression') edits.push({ start: node.end, end: node.end, text: `\n${hooksName}.statement(${index}, ${bindings()});` });
    dedupe(declared);
  }
  edits.push({ start: js.length, end: js.length, text: wrapperSuffix });
  return { edits, statements };
}

type Specifier = Extract<Program['body'][number], { type: 'ImportDeclaration' }>['specifiers'][number];

function importReplacement(specifiers: readonly Specifier[]): string {
  const named = specifiers.filter((s) => s.type === 'ImportSpecifier');
  const requested = named.map((s) => JSON.stringify(s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value)));
  if (specifiers.some((s) => s.type === 'ImportDefaultSpecifier')) requested.push('"default"');
  const module = `${hooksName}.module([${requested.join(', ')}])`;
  const parts: string[] = [];
  for (const s of specifiers) {
    if (s.type === 'ImportNamespaceSpecifier') parts.push(`const ${s.local.name} = ${module};`);
    else if (s.type === 'ImportDefaultSpecifier') parts.push(`const ${s.local.name} = ${module}.default;`);
  }
  if (named.length > 0) {
    const fields = named.map((s) => `${JSON.stringify(s.imported.type === 'Identifier' ? s.imported.name : String(s.imported.value))}: ${s.local.name}`);
    parts.push(`const { ${fields.join(', ')} } = ${module};`);
  }
  return parts.length > 0 ? parts.join(' ') : `${module};`;
}

function dedupe(names: string[]): void {
  const unique = [...new Set(names)];
  names.length = 0;
  names.push(...unique);
}
