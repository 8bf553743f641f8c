// A small JavaScript/TypeScript tokenizer: enough to find numbers, brackets and the punctuation around them without
// being fooled by strings, comments, template text or regular expressions. It does not validate; esbuild does that.

export type TokenKind = 'name' | 'number' | 'string' | 'template' | 'regex' | 'punct';

export interface Token {
  kind: TokenKind;
  /** Offsets into the source: `source.slice(start, end)` is the token's text. */
  start: number;
  end: number;
  text: string;
}

// Longest first, so that `===` wins over `==` and `=`.
const operators = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '**', '<<', '>>',
];

/** Keywords after which a `/` starts a regular expression rather than a division. */
const regexAfterKeyword = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);

/** True when a token ends a value, so that a following `/` divides and a following `[` indexes. */
export function endsValue(token: Token | undefined): boolean {
  if (!token) return false;
  switch (token.kind) {
    case 'number': case 'string': case 'regex': return true;
    case 'template': return token.text.endsWith('`');
    case 'name': return !regexAfterKeyword.has(token.text);
    case 'punct': return token.text === ')' || token.text === ']' || token.text === '}';
  }
}

const isIdentifierStart = (c: string): boolean => /[\p{ID_Start}$_#]/u.test(c);
const isIdentifierPart = (c: string): boolean => /[\p{ID_Continue}$\u200c\u200d]/u.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Splits `source` into tokens, skipping whitespace and comments. Unterminated constructs end at the source's end. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  // For each open `${` of a template literal, the brace depth at which its closing `}` resumes the template text.
  const templateDepths: number[] = [];
  let braceDepth = 0;
  let i = 0;
  const n = source.length;
  const push = (kind: TokenKind, start: number): void => {
    tokens.push({ kind, start, end: i, text: source.slice(start, i) });
  };
  const scanTemplateText = (start: number): void => {
    // `i` is just past the opening backtick or the `}` that closes a substitution.
    while (i < n) {
      const c = source[i]!;
      if (c === '\\') { i += 2; continue; }
      if (c === '`') { i++; push('template', start); return; }
      if (c === '$' && source[i + 1] === '{') {
        i += 2;
        push('template', start);
        templateDepths.push(braceDepth);
        braceDepth++;
        return;
      }
      i++;
    }
    i = n;
    push('template', start);
  };
  while (i < n) {
    const c = source[i]!;
    const start = i;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff' || c === '\u2028' || c === '\u2029') {
      i++;
    } else if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (c === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      i = close < 0 ? n : close + 2;
    } else if (c === '"' || c === '\'') {
      i++;
      while (i < n && source[i] !== c && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      i = Math.min(i + 1, n);
      push('string', start);
    } else if (c === '`') {
      i++;
      scanTemplateText(start);
    } else if (isDigit(c) || (c === '.' && isDigit(source[i + 1]))) {
      i = scanNumber(source, i);
      push('number', start);
    } else if (isIdentifierStart(c) || c === '\\') {
      i++;
      while (i < n && (isIdentifierPart(source[i]!) || source[i] === '\\')) i++;
      push('name', start);
    } else if (c === '/' && !endsValue(tokens[tokens.length - 1])) {
      i = scanRegex(source, i);
      push('regex', start);
    } else if (c === '}' && templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === braceDepth - 1) {
      templateDepths.pop();
      braceDepth--;
      i++;
      scanTemplateText(start);
    } else {
      const op = operators.find((o) => source.startsWith(o, i));
      // `?.5` is a conditional followed by a number, not optional chaining.
      i += op && !(op === '?.' && isDigit(source[i + 2])) ? op.length : 1;
      if (c === '{') braceDepth++;
      if (c === '}') braceDepth--;
      push('punct', start);
    }
  }
  return tokens;
}

function scanNumber(source: string, i: number): number {
  const n = source.length;
  if (source[i] === '0' && /[xXoObB]/.test(source[i + 1] ?? '')) {
    i += 2;
    while (i < n && /[0-9a-fA-F_]/.test(source[i]!)) i++;
  } else {
    while (i < n && /[0-9_]/.test(source[i]!)) i++;
    if (source[i] === '.') {
      i++;
      while (i < n && /[0-9_]/.test(source[i]!)) i++;
    }
    if (/[eE]/.test(source[i] ?? '') && /[0-9+-]/.test(source[i + 1] ?? '')) {
      i += 2;
      while (i < n && /[0-9_]/.test(source[i]!)) i++;
    }
  }
  if (source[i] === 'n') i++;
  return i;
}

function scanRegex(source: string, i: number): number {
  const n = source.length;
  let inClass = false;
  i++;
  while (i < n && source[i] !== '\n') {
    const c = source[i]!;
    if (c === '\\') { i += 2; continue; }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) { i++; break; }
    i++;
  }
  while (i < n && isIdentifierPart(source[i]!)) i++;
  return i;
}
