"""Builds golden fixtures from PyTorch for the TypeScript engine.

Usage: python3 test/golden/generate.py [family ...]   (`npm run golden -- [family ...]`; no family = every file in
test/golden/cases/). Set PYTHON to another interpreter in package.json if torch lives elsewhere.

For each test/golden/cases/<family>.txt it translates every case's TypeScript to Python, runs it in real torch and
writes test/golden/fixtures/<family>.json (expected stdout and result) and test/golden/generated/<family>.ts (the
cases as TypeScript functions). A case this script cannot translate stops it with the case's name and line.
"""
import contextlib
import io
import json
import math
import re
import sys
import traceback
from pathlib import Path

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parent
CASES = ROOT / 'cases'
FIXTURES = ROOT / 'fixtures'
GENERATED = ROOT / 'generated'


class TranslationError(Exception):
    pass


# ---------------------------------------------------------------------------------------------------------------
# Case files


class Case:
    def __init__(self, name, line, body):
        self.name = name
        self.line = line  # line number of the first body line in the case file
        self.body = body


def read_cases(path):
    cases = []
    current = None
    lines = []
    for number, text in enumerate(path.read_text().split('\n'), start=1):
        if text.startswith('## '):
            if current is not None:
                cases.append(Case(current[0], current[1], '\n'.join(lines)))
            name = text[3:].strip()
            if not name:
                raise TranslationError(f'{path.name}:{number}: empty case name')
            if any(c.name == name for c in cases):
                raise TranslationError(f'{path.name}:{number}: duplicate case name {name!r}')
            current = (name, number + 1)
            lines = []
        elif current is None:
            if text.strip() and not text.strip().startswith('//'):
                raise TranslationError(f'{path.name}:{number}: text before the first "## case name" line')
        else:
            lines.append(text)
    if current is not None:
        cases.append(Case(current[0], current[1], '\n'.join(lines)))
    return cases


# ---------------------------------------------------------------------------------------------------------------
# Tokens


class Token:
    def __init__(self, kind, text, start, line):
        self.kind = kind  # name, number, string, punct, space, comment
        self.text = text
        self.start = start
        self.end = start + len(text)
        self.line = line

    def __repr__(self):
        return f'{self.kind}:{self.text!r}'


TOKEN_RE = re.compile(r'''
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?\*/)
  | (?P<number>(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d[\d_]*)?)n?)
  | (?P<name>[A-Za-z_$][A-Za-z0-9_$]*)
  | (?P<string>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<punct>===|!==|=>|\.\.\.|&&|\|\||\?\?|\?\.|\*\*|[<>=!]=|[-+*/%<>=!?:.,;()\[\]{}&|^~`])
''', re.VERBOSE | re.DOTALL)


def tokenize(source, first_line):
    tokens = []
    pos = 0
    line = first_line
    while pos < len(source):
        m = TOKEN_RE.match(source, pos)
        if m is None:
            raise TranslationError(f'line {line}: cannot read {source[pos:pos + 20]!r}')
        kind = m.lastgroup
        text = m.group()
        if kind == 'punct' and text == '`':
            raise TranslationError(f'line {line}: template strings are not in the translatable subset')
        tokens.append(Token(kind, text, pos, line))
        line += text.count('\n')
        pos = m.end()
    return tokens


OPEN = {'(': ')', '[': ']', '{': '}'}
CLOSE = {v: k for k, v in OPEN.items()}


def match_brackets(tokens):
    """Maps the index of every bracket token to the index of its partner."""
    partner = {}
    stack = []
    for i, t in enumerate(tokens):
        if t.kind != 'punct':
            continue
        if t.text in OPEN:
            stack.append(i)
        elif t.text in CLOSE:
            if not stack or tokens[stack[-1]].text != CLOSE[t.text]:
                raise TranslationError(f'line {t.line}: unbalanced {t.text!r}')
            j = stack.pop()
            partner[i] = j
            partner[j] = i
    if stack:
        raise TranslationError(f'line {tokens[stack[-1]].line}: unclosed {tokens[stack[-1]].text!r}')
    return partner


# ---------------------------------------------------------------------------------------------------------------
# Statements


def split_statements(tokens, partner):
    """Top-level `;`-separated statements as (lo, hi) token ranges, plus the result expression's range or None."""
    statements = []
    lo = 0
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.kind == 'punct' and t.text in OPEN:
            i = partner[i] + 1
            continue
        if t.kind == 'punct' and t.text == ';':
            if significant(tokens, lo, i):
                statements.append((lo, i))
            lo = i + 1
        i += 1
    rest = (lo, len(tokens)) if significant(tokens, lo, len(tokens)) else None
    return statements, rest


def significant(tokens, lo, hi):
    return [i for i in range(lo, hi) if tokens[i].kind not in ('space', 'comment')]


FLOAT_LITERAL = re.compile(r'^(?:\d[\d_]*\.[\d_]*|\.\d[\d_]*|\d[\d_]*(?:\.[\d_]*)?[eE][+-]?\d[\d_]*|\.\d[\d_]*[eE][+-]?\d[\d_]*)$')


def is_whole_float(text):
    """`2.0`, `3.`, `1e3`: Python floats whose value is a whole number (JavaScript would read them as ints)."""
    if not FLOAT_LITERAL.match(text):
        return False
    value = float(text.replace('_', ''))
    return math.isfinite(value) and value == int(value)


EXPRESSION_END = ('name', 'number', 'string')


def ends_expression(token):
    return token is not None and (token.kind in EXPRESSION_END or token.text in (')', ']', '}'))


class Translator:
    """Translates one case's TypeScript tokens into Python source, one line per statement."""

    def __init__(self, tokens, partner):
        self.tokens = tokens
        self.partner = partner

    def fail(self, i, message):
        raise TranslationError(f'line {self.tokens[i].line}: {message}')

    def prev(self, i, lo):
        for j in range(i - 1, lo - 1, -1):
            if self.tokens[j].kind not in ('space', 'comment'):
                return j
        return None

    def next(self, i, hi):
        for j in range(i + 1, hi):
            if self.tokens[j].kind not in ('space', 'comment'):
                return j
        return None

    def split_args(self, lo, hi):
        """Top-level comma-separated ranges inside (lo, hi); a trailing comma adds no empty argument."""
        args = []
        start = lo
        i = lo
        while i < hi:
            t = self.tokens[i]
            if t.kind == 'punct' and t.text in OPEN:
                i = self.partner[i] + 1
                continue
            if t.kind == 'punct' and t.text == ',':
                args.append((start, i))
                start = i + 1
            i += 1
        if significant(self.tokens, start, hi):
            args.append((start, hi))
        for a, b in args:
            if not significant(self.tokens, a, b):
                self.fail(a, 'empty argument')
        return args

    def statement(self, lo, hi):
        sig = significant(self.tokens, lo, hi)
        first = self.tokens[sig[0]]
        if first.kind == 'name' and first.text in ('const', 'let', 'var'):
            lo = sig[0] + 1
            sig = sig[1:]
        for j in sig[1:]:
            after_dot = self.tokens[self.prev(j, lo)].text == '.'  # `x.var(...)` is a method, not a keyword
            if self.tokens[j].kind == 'name' and self.tokens[j].text in ('const', 'let', 'var') and not after_dot:
                self.fail(j, f'`{self.tokens[j].text}` inside a statement (is a `;` missing?)')
        last = sig[-1]
        if self.tokens[last].text == ')':
            open_ = self.partner[last]
            name = self.prev(open_, lo)
            dot = self.prev(name, lo) if name is not None else None
            if name is not None and self.tokens[name].text == 'setitem' and dot is not None and self.tokens[dot].text == '.':
                args = self.split_args(open_ + 1, last)
                if len(args) != 2:
                    self.fail(name, 'setitem takes an index and a value')
                return f'{self.expr(lo, dot).strip()}[{self.index(*args[0])}] = {self.expr(*args[1]).strip()}'
        return self.expr(lo, hi)

    def index(self, lo, hi):
        """An index: a string is the text between Python's brackets, an array literal holding anything but number
        and bool literals is the index tuple (`[a, "1:", null]` -> `a, 1:, None`), any other expression stays."""
        sig = significant(self.tokens, lo, hi)
        if len(sig) == 1 and self.tokens[sig[0]].kind == 'string':
            return self.tokens[sig[0]].text[1:-1]
        if self.tokens[sig[0]].text == '[' and self.partner[sig[0]] == sig[-1]:
            items = self.split_args(sig[0] + 1, sig[-1])
            literal = all(self.tokens[j].kind == 'number' or self.tokens[j].text in ('true', 'false', '-', '+')
                          for a, b in items for j in significant(self.tokens, a, b))
            if items and not literal:
                parts = [self.index_item(*a) for a in items]
                return ', '.join(parts) + (',' if len(parts) == 1 else '')
        return self.expr(lo, hi)

    def index_item(self, lo, hi):
        sig = significant(self.tokens, lo, hi)
        if len(sig) == 1 and self.tokens[sig[0]].kind == 'string':
            return self.tokens[sig[0]].text[1:-1]
        return self.expr(lo, hi).strip()

    def expr(self, lo, hi):
        out = []
        i = lo
        while i < hi:
            t = self.tokens[i]
            p = self.prev(i, lo)
            before = self.tokens[p] if p is not None else None
            if t.kind == 'space':
                out.append(' ')
                i += 1
                continue
            if t.kind == 'comment':
                i += 1
                continue
            if t.kind == 'name':
                nxt = self.next(i, hi)
                if nxt is not None and self.tokens[nxt].text == '=>':
                    return ''.join(out) + self.arrow([t.text], nxt, hi)
                if t.text == 'console' and nxt is not None and self.tokens[nxt].text == '.':
                    name = self.next(nxt, hi)
                    if name is None or self.tokens[name].text != 'log':
                        self.fail(i, 'only console.log is translatable')
                    out.append('print')
                    i = name + 1
                    continue
                if t.text == 'as' and ends_expression(before):
                    i = self.skip_type(i, hi)
                    continue
                keyword = before is None or before.text != '.'
                if keyword and t.text in ('function', 'return', 'if', 'for', 'while', 'new', 'typeof', 'instanceof', 'var', 'let', 'const'):
                    self.fail(i, f'`{t.text}` is not in the translatable subset')
                out.append({'true': 'True', 'false': 'False', 'null': 'None', 'undefined': 'None',
                            'NaN': "float('nan')", 'Infinity': "float('inf')", 'Math': 'math', 'String': 'str'}.get(t.text, t.text))
                i += 1
                continue
            if t.kind == 'number':
                if t.text.endswith('n') and not t.text.startswith('0x'):
                    self.fail(i, 'BigInt literals are not in the translatable subset')
                out.append(t.text)
                i += 1
                continue
            if t.kind == 'string':
                out.append(t.text)
                i += 1
                continue
            # punctuation
            text = t.text
            if text in OPEN:
                close = self.partner[i]
                if text == '{':
                    self.fail(i, 'an object literal is only translatable as the last argument of a call')
                after = self.next(close, hi)
                if text == '(' and after is not None and self.tokens[after].text == '=>' and not ends_expression(before):
                    params = [self.param(*a) for a in self.split_args(i + 1, close)]
                    return ''.join(out) + self.arrow(params, after, hi)
                if text == '(' and ends_expression(before):
                    if before.text == 'getitem' and self.prev(p, lo) is not None and self.tokens[self.prev(p, lo)].text == '.':
                        out.pop()  # the name `getitem`
                        while out and out[-1] == ' ':
                            out.pop()
                        out.pop()  # the dot
                        args = self.split_args(i + 1, close)
                        out.append('[' + ', '.join(self.index(*a) for a in args) + ']')
                    else:
                        out.append('(' + self.call_args(i + 1, close) + ')')
                else:
                    out.append(text + self.expr(i + 1, close).strip() + OPEN[text])
                i = close + 1
                continue
            if text == '!':
                if not ends_expression(before):
                    out.append('not ')
                i += 1  # a postfix `!` is TypeScript's non-null assertion
                continue
            if text in ('?', '?.', '??', '...', '=>', '~', '^', '&', '|'):
                self.fail(i, f'{text!r} is not in the translatable subset')
            out.append({'===': '==', '!==': '!=', '&&': ' and ', '||': ' or '}.get(text, text))
            i += 1
        return re.sub(r' +', ' ', ''.join(out))

    def skip_type(self, i, hi):
        """Skips `as Type` (TypeScript only): a type name with optional `[]` or `<...>`."""
        j = self.next(i, hi)
        if j is None or self.tokens[j].kind != 'name':
            self.fail(i, '`as` must be followed by a type name')
        i = j + 1
        while i < hi and self.tokens[i].text in ('[', '<', '.'):
            if self.tokens[i].text == '[':
                i = self.partner[i] + 1
            elif self.tokens[i].text == '.':
                i += 2
            else:
                depth = 0
                while i < hi:
                    depth += {'<': 1, '>': -1}.get(self.tokens[i].text, 0)
                    i += 1
                    if depth == 0:
                        break
        return i

    def param(self, lo, hi):
        sig = significant(self.tokens, lo, hi)
        if not sig or self.tokens[sig[0]].kind != 'name' or (len(sig) > 1 and self.tokens[sig[1]].text != ':'):
            self.fail(lo, 'arrow parameters must be plain names')
        return self.tokens[sig[0]].text

    def arrow(self, params, arrow_index, hi):
        body = self.next(arrow_index, hi)
        if body is None or self.tokens[body].text == '{':
            self.fail(arrow_index, 'only arrows with an expression body are translatable')
        return f'lambda {", ".join(params)}: {self.expr(body, hi).strip()}'

    def call_args(self, lo, hi):
        args = self.split_args(lo, hi)
        out = [self.expr(*a).strip() for a in args[:-1]]
        if args:
            sig = significant(self.tokens, *args[-1])
            if self.tokens[sig[0]].text == '{' and self.partner[sig[0]] == sig[-1]:
                out.extend(self.kwargs(sig[0] + 1, sig[-1]))
            else:
                out.append(self.expr(*args[-1]).strip())
        return ', '.join(out)

    def kwargs(self, lo, hi):
        out = []
        for a, b in self.split_args(lo, hi):
            sig = significant(self.tokens, a, b)
            key = self.tokens[sig[0]]
            if key.kind == 'string':
                name = key.text[1:-1]
            elif key.kind == 'name':
                name = key.text
            else:
                self.fail(sig[0], f'cannot translate object key {key.text!r}')
            if len(sig) == 1:
                out.append(f'{name}={name}')
                continue
            if self.tokens[sig[1]].text != ':':
                self.fail(sig[1], 'expected `key: value` in an object argument')
            out.append(f'{name}={self.expr(sig[1] + 1, b).strip()}')
        return out


def is_use(tokens, translator, j, name):
    """Whether token j reads the variable `name` (not a property `.name` nor an object key `name:`)."""
    if tokens[j].kind != 'name' or tokens[j].text != name:
        return False
    p = translator.prev(j, 0)
    n = translator.next(j, len(tokens))
    if p is not None and tokens[p].text == '.':
        return False
    return not (n is not None and tokens[n].text == ':' and p is not None and tokens[p].text in ('{', ','))


def declared_names(tokens, partner, lo, hi):
    """Names a `const`/`let` statement declares (plain or array destructuring), with their token indices."""
    sig = significant(tokens, lo, hi)
    if not sig or tokens[sig[0]].text not in ('const', 'let', 'var'):
        return []
    target = sig[1]
    if tokens[target].text == '[':
        return [(i, tokens[i].text) for i in range(target, partner[target]) if tokens[i].kind == 'name']
    return [(target, tokens[target].text)]


class Translated:
    def __init__(self, python_lines, result_python, ts_lines, result_ts):
        self.python_lines = python_lines
        self.result_python = result_python
        self.ts_lines = ts_lines
        self.result_ts = result_ts

    @property
    def python(self):
        return '\n'.join(self.python_lines + ([self.result_python] if self.result_python is not None else []))


def translate(case):
    tokens = tokenize(case.body, case.line)
    partner = match_brackets(tokens)
    statements, rest = split_statements(tokens, partner)
    translator = Translator(tokens, partner)
    python_lines = []
    for lo, hi in statements:
        python_lines.append(translator.statement(lo, hi).strip())
    result_python = translator.expr(*rest).strip() if rest else None
    for lo, hi in statements:
        for index, name in declared_names(tokens, partner, lo, hi):
            if not any(is_use(tokens, translator, j, name) for j in range(hi, len(tokens))):
                raise TranslationError(f'line {tokens[index].line}: `{name}` is never used afterwards '
                                       '(the generated TypeScript would not type-check)')
    for line, text in zip(python_lines + ([result_python] if result_python else []), statements + ([rest] if rest else [])):
        try:
            compile(line, case.name, 'exec' if text is not rest else 'eval')
        except SyntaxError as e:
            raise TranslationError(f'line {tokens[text[0]].line}: the Python translation {line!r} is invalid: {e.msg}')

    def ts_text(lo, hi):
        pieces = []
        cursor = tokens[lo].start
        for i in range(lo, hi):
            t = tokens[i]
            if t.kind == 'number' and is_whole_float(t.text):
                p = translator.prev(i, 0)
                negative = p is not None and tokens[p].text == '-' and not ends_expression(tokens[translator.prev(p, 0)] if translator.prev(p, 0) is not None else None)
                if negative:
                    pieces.append(case.body[cursor:tokens[p].start])
                    pieces.append(f'pyfloat(-{t.text})')
                else:
                    pieces.append(case.body[cursor:t.start])
                    pieces.append(f'pyfloat({t.text})')
                cursor = t.end
        pieces.append(case.body[cursor:tokens[hi - 1].end])
        return ''.join(pieces).strip()

    ts_lines = [ts_text(lo, hi + 1) for lo, hi in statements]
    result_ts = None
    if rest:
        sig = significant(tokens, *rest)
        leading = case.body[tokens[rest[0]].start:tokens[sig[0]].start].strip()
        if leading:
            ts_lines.append(leading)
        result_ts = ts_text(sig[0], sig[-1] + 1)
    return Translated(python_lines, result_python, ts_lines, result_ts)


# ---------------------------------------------------------------------------------------------------------------
# Running in torch


def float_value(x):
    if math.isnan(x):
        return 'nan'
    if math.isinf(x):
        return 'inf' if x > 0 else '-inf'
    return x


def encode(value, case):
    if isinstance(value, torch.Tensor):
        t = value.detach()
        values = t.reshape(-1).tolist()
        if t.dtype.is_floating_point:
            values = [float_value(v) for v in values]
        return {
            'type': 'tensor', 'repr': repr(value), 'dtype': str(value.dtype).replace('torch.', ''),
            'shape': list(value.shape), 'stride': list(value.stride()), 'storage_offset': value.storage_offset(),
            'values': values, 'requires_grad': value.requires_grad,
            'grad_fn': type(value.grad_fn).__name__ if value.grad_fn is not None else None,
            'is_leaf': value.is_leaf, 'is_contiguous': value.is_contiguous(),
        }
    if isinstance(value, torch.Size):
        return {'type': 'size', 'value': list(value)}
    if isinstance(value, torch.dtype):
        return {'type': 'dtype', 'value': str(value)}
    if isinstance(value, torch.device):
        return {'type': 'device', 'value': str(value)}
    if isinstance(value, (list, tuple)):
        encoded = {'type': 'list', 'items': [encode(v, case) for v in value]}
        if type(value).__module__ == 'torch.return_types':
            encoded['repr'] = repr(value)
            encoded['fields'] = [next(a for a in dir(value) if not a.startswith('_') and getattr(value, a) is v)
                                 for v in value]
        return encoded
    if isinstance(value, bool):
        return {'type': 'scalar', 'value': value, 'pytype': 'bool'}
    if isinstance(value, int):
        return {'type': 'scalar', 'value': value, 'pytype': 'int'}
    if isinstance(value, float):
        return {'type': 'scalar', 'value': float_value(value), 'pytype': 'float'}
    if isinstance(value, str):
        return {'type': 'scalar', 'value': value, 'pytype': 'str'}
    if value is None:
        return {'type': 'scalar', 'value': None, 'pytype': 'NoneType'}
    if type(value).__name__.endswith('Backward0') or hasattr(value, 'next_functions'):
        return {'type': 'grad_fn', 'name': type(value).__name__}
    raise TranslationError(f'case {case!r}: cannot encode a result of type {type(value).__name__}')


def reset_torch():
    torch.set_printoptions(profile='default')
    torch._tensor_str.PRINT_OPTS.sci_mode = None
    torch.set_default_dtype(torch.float32)
    torch.set_grad_enabled(True)
    torch.manual_seed(0)


def run(case, translated):
    reset_torch()
    namespace = {'torch': torch, 'F': F, 'math': math}
    stdout = io.StringIO()
    try:
        with contextlib.redirect_stdout(stdout):
            exec(compile('\n'.join(translated.python_lines), case.name, 'exec'), namespace)
            value = eval(translated.result_python, namespace) if translated.result_python is not None else None
        result = encode(value, case.name)
    except TranslationError:
        raise
    except NameError as e:
        raise TranslationError(f'case {case.name!r}: the Python translation fails with NameError: {e}') from None
    except Exception as e:  # the case's expected outcome is this error
        result = {'type': 'error', 'name': type(e).__name__, 'message': str(e)}
    finally:
        reset_torch()
    text = stdout.getvalue()
    if re.search(r' at 0x[0-9a-f]+', text):
        raise TranslationError(f'case {case.name!r}: its output contains a memory address, which cannot be compared')
    return text, result


# ---------------------------------------------------------------------------------------------------------------
# Output files


def stable_json(value, level=0):
    """json.dumps(sort_keys=True, indent=1), except that lists of plain values stay on one line."""
    pad = ' ' * (level + 1)
    if isinstance(value, dict) and value:
        items = [f'{pad}{json.dumps(k)}: {stable_json(value[k], level + 1)}' for k in sorted(value)]
        return '{\n' + ',\n'.join(items) + '\n' + ' ' * level + '}'
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        items = [pad + stable_json(v, level + 1) for v in value]
        return '[\n' + ',\n'.join(items) + '\n' + ' ' * level + ']'
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def ts_string(text):
    return json.dumps(text, ensure_ascii=False)


def write_generated(family, cases):
    used = set()
    for _, translated in cases:
        for line in translated.ts_lines + [translated.result_ts or '']:
            used.update(name for name in ('torch', 'F', 'pyfloat') if re.search(rf'(?<![\w$.]){name}(?![\w$])', line))
    lines = [f'// Generated by test/golden/generate.py from test/golden/cases/{family}.txt; do not edit.']
    if used:
        names = ', '.join(n for n in ('torch', 'F', 'pyfloat') if n in used)
        lines.append(f"import {{ {names} }} from '../../../engine/index.ts';")
    lines.append('')
    lines.append('export const cases: Record<string, () => unknown> = {')
    for case, translated in cases:
        lines.append(f'  {ts_string(case.name)}: () => {{')
        for statement in translated.ts_lines:
            lines.extend('    ' + part for part in statement.split('\n'))
        result = translated.result_ts if translated.result_ts is not None else 'undefined'
        result_lines = result.split('\n')
        result_lines[0] = 'return ' + result_lines[0]
        result_lines[-1] += ';'
        lines.extend('    ' + part for part in result_lines)
        lines.append('  },')
    lines.append('};')
    GENERATED.mkdir(exist_ok=True)
    (GENERATED / f'{family}.ts').write_text('\n'.join(lines) + '\n')


def generate(family):
    path = CASES / f'{family}.txt'
    if not path.exists():
        raise TranslationError(f'no case file {path.relative_to(ROOT.parent.parent)}')
    translated_cases = []
    for case in read_cases(path):
        try:
            translated_cases.append((case, translate(case)))
        except TranslationError as e:
            raise TranslationError(f'{path.name}, case {case.name!r}: {e}') from None
    fixtures = {}
    for case, translated in translated_cases:
        stdout, result = run(case, translated)
        fixtures[case.name] = {'source': case.body.strip('\n'), 'python': translated.python, 'stdout': stdout,
                               'result': result}
    FIXTURES.mkdir(exist_ok=True)
    text = stable_json(fixtures)
    (FIXTURES / f'{family}.json').write_text(text + '\n')
    write_generated(family, translated_cases)
    errors = sum(1 for v in fixtures.values() if v['result']['type'] == 'error')
    print(f'{family}: {len(fixtures)} cases ({errors} expect an error)')


def main(argv):
    families = argv or sorted(p.stem for p in CASES.glob('*.txt'))
    try:
        for family in families:
            generate(family)
    except TranslationError as e:
        print(f'error: {e}', file=sys.stderr)
        return 1
    except Exception:
        traceback.print_exc()
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
