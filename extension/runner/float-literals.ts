// Note [Float literals in snippets]: PyTorch infers float32 from `2.0` and int64 from `2`; JavaScript parses both as
// the number 2. Before transpiling, the runner rewrites each whole-number literal written as a float (`2.0`, `3.`,
// `1e3`, `-0.0`) into `__pyfloat(2.0)` (the engine's `pyfloat`, a boxed Number carrying a mark) where PyTorch would
// infer a dtype from it and a boxed Number is safe:
//   - a whole argument of a call: `torch.tensor(2.0)`, `x.mul(-1.0)`, `torch.full([2], c ? 1.0 : 0.0)`;
//   - an element of an array literal anywhere, nested too: `const data = [[1., 2.], [3., 4.]]`;
//   - a property value of an object literal that is itself a call argument or array element:
//     `F.pad(x, [1, 1], { value: 0.0 })`.
// It leaves the literal alone elsewhere, because a boxed Number is an object: `v === 2`, `typeof v`, `[1].includes(v)`
// and `switch` would see the box. So `const s = 2.0; torch.tensor(s)` gives int64 (store `torch.pyfloat(2)` or pass
// a `dtype` instead), and arithmetic drops the mark: `torch.tensor(2.0 * 3)` is int64 too. Parameter defaults
// (`function f(x = 2.0)`, `(x = 2.0) => ...`, method shorthand) and index expressions (`a[2.0]`) are not rewritten.
// Inside array literals the elements are boxed, so `[1.0].includes(1)` is false in a snippet.
import { endsValue, type Token, tokenize } from './tokenize.ts';
import type { Edit } from './edits.ts';
import { pyfloatName } from './wrapper.ts';

type FrameKind = 'root' | 'call' | 'params' | 'paren' | 'array' | 'pattern' | 'index' | 'object' | 'block';

interface Frame {
  kind: FrameKind;
  /** Rewrites found inside this frame, kept until it closes: a `call` that turns out to be a parameter list drops them. */
  edits: Edit[];
}

const declarationKeywords = new Set(['const', 'let', 'var']);
const controlKeywords = new Set(['if', 'while', 'for', 'switch', 'catch', 'with', 'function', 'return', 'typeof', 'await', 'yield', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'else', 'do', 'instanceof']);

/** True for a decimal literal written with a point or an exponent whose value is nevertheless a whole number. */
export function isWholeFloatLiteral(text: string): boolean {
  if (/^0[xXoObB]/.test(text) || text.endsWith('n') || !/[.eE]/.test(text)) return false;
  return Number.isInteger(Number(text.replace(/_/g, '')));
}

function isPunct(token: Token | undefined, ...texts: string[]): boolean {
  return token !== undefined && token.kind === 'punct' && texts.includes(token.text);
}

function openParenKind(tokens: Token[], i: number): FrameKind {
  const prev = tokens[i - 1];
  if (!prev) return 'paren';
  if (prev.kind === 'name') {
    if (controlKeywords.has(prev.text)) return 'paren';
    const before = tokens[i - 2];
    if (before && before.kind === 'name' && (before.text === 'function' || before.text === 'get' || before.text === 'set')) return 'params';
    if (isPunct(before, '*')) return 'params';
    return 'call';
  }
  return isPunct(prev, ')', ']', '>') || (prev.kind === 'template' && prev.text.endsWith('`')) ? 'call' : 'paren';
}

function openBracketKind(tokens: Token[], i: number, parent: Frame): FrameKind {
  const prev = tokens[i - 1];
  if (prev && prev.kind === 'name' && declarationKeywords.has(prev.text)) return 'pattern';
  if (parent.kind === 'object' && isPunct(prev, '{', ',')) return 'index';
  return endsValue(prev) ? 'index' : parent.kind === 'pattern' ? 'pattern' : 'array';
}

function openBraceKind(tokens: Token[], i: number, parent: Frame): FrameKind {
  const prev = tokens[i - 1];
  if (parent.kind === 'call' || parent.kind === 'array') return isPunct(prev, '(', ',', '[', '?', ':') ? 'object' : 'block';
  if (parent.kind === 'object') return isPunct(prev, ':', '?') ? 'object' : 'block';
  return 'block';
}

/** True when the number at `i` fills a whole value slot of the frame: nothing but punctuation on either side. */
function isValueSlot(tokens: Token[], first: number, last: number, frame: Frame): boolean {
  const before = tokens[first - 1];
  const after = tokens[last + 1];
  const opensSlot = frame.kind === 'object' ? isPunct(before, ':', '?') : isPunct(before, '(', ',', '[', '?', ':');
  return opensSlot && isPunct(after, ',', ')', ']', '}', ':');
}

/** The edits that box float-looking whole-number literals (Note [Float literals in snippets]). */
export function floatLiteralEdits(source: string): Edit[] {
  const tokens = tokenize(source);
  const stack: Frame[] = [{ kind: 'root', edits: [] }];
  const top = (): Frame => stack[stack.length - 1]!;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'template') {
      if (token.text.startsWith('}')) close(stack, tokens[i + 1], true);
      if (token.text.endsWith('${')) stack.push({ kind: 'block', edits: [] });
      continue;
    }
    if (token.kind === 'number') {
      const frame = top();
      if (!isWholeFloatLiteral(token.text) || !['call', 'array', 'object'].includes(frame.kind)) continue;
      const sign = tokens[i - 1];
      const signed = isPunct(sign, '-', '+') && isValueSlot(tokens, i - 1, i, frame);
      if (signed || isValueSlot(tokens, i, i, frame)) {
        frame.edits.push({ start: signed ? sign!.start : token.start, end: signed ? sign!.start : token.start, text: `${pyfloatName}(` });
        frame.edits.push({ start: token.end, end: token.end, text: ')' });
      }
      continue;
    }
    if (token.kind !== 'punct') continue;
    switch (token.text) {
      case '(': stack.push({ kind: openParenKind(tokens, i), edits: [] }); break;
      case '[': stack.push({ kind: openBracketKind(tokens, i, top()), edits: [] }); break;
      case '{': stack.push({ kind: openBraceKind(tokens, i, top()), edits: [] }); break;
      case ')': case ']': case '}': close(stack, tokens[i + 1], false); break;
    }
  }
  while (stack.length > 1) close(stack, undefined, false);
  return stack[0]!.edits;
}

function close(stack: Frame[], next: Token | undefined, templateSubstitution: boolean): void {
  if (stack.length <= 1) return;
  const frame = stack.pop()!;
  // `async (x = 2.0) => ...` and method shorthand `f(x = 2.0) { ... }` looked like calls until now.
  const wasParameters = frame.kind === 'call' && !templateSubstitution && isPunct(next, '=>', '{');
  if (!wasParameters) stack[stack.length - 1]!.edits.push(...frame.edits);
}
