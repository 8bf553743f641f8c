import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EditedText } from '../../../extension/runner/edits.ts';
import { floatLiteralEdits, isWholeFloatLiteral } from '../../../extension/runner/float-literals.ts';
import { tokenize } from '../../../extension/runner/tokenize.ts';

const box = (source: string): string => new EditedText(source, floatLiteralEdits(source)).text;

test('whole-number literals written as floats are recognised', () => {
  for (const text of ['2.0', '3.', '1e3', '1E3', '0.0', '1_000.0', '2.50e1', '1.5e3']) assert.equal(isWholeFloatLiteral(text), true, text);
  for (const text of ['2', '0x10', '0b1', '0o7', '2.5', '.5', '1e-3', '10n', '017']) assert.equal(isWholeFloatLiteral(text), false, text);
});

const rewrites: [string, string][] = [
  ['torch.tensor(2.0, { requires_grad: true })', 'torch.tensor(__pyfloat(2.0), { requires_grad: true })'],
  ['torch.tensor([2., 3.])', 'torch.tensor([__pyfloat(2.), __pyfloat(3.)])'],
  ['x_int.mul(2.0)', 'x_int.mul(__pyfloat(2.0))'],
  ['torch.tensor([2, 3])', 'torch.tensor([2, 3])'],
  ['f(-0.0, +1.0)', 'f(__pyfloat(-0.0), __pyfloat(+1.0))'],
  ['f(1e3)', 'f(__pyfloat(1e3))'],
  ['f(2.5, 0x10, 2)', 'f(2.5, 0x10, 2)'],
  ['const data = [[1., 2.], [3.0, 4]];', 'const data = [[__pyfloat(1.), __pyfloat(2.)], [__pyfloat(3.0), 4]];'],
  ['F.pad(x, [1, 1], { value: 0.0, mode: "constant" })', 'F.pad(x, [1, 1], { value: __pyfloat(0.0), mode: "constant" })'],
  ['f({ a: { b: 1.0 } })', 'f({ a: { b: __pyfloat(1.0) } })'],
  ['f(c ? 1.0 : 0.0)', 'f(c ? __pyfloat(1.0) : __pyfloat(0.0))'],
  ['f<number>(2.0)', 'f<number>(__pyfloat(2.0))'],
  ['g()(2.0)', 'g()(__pyfloat(2.0))'],
  ['f(...[1.0])', 'f(...[__pyfloat(1.0)])'],
  ['torch.no_grad(() => { y = x.mul(2.0); })', 'torch.no_grad(() => { y = x.mul(__pyfloat(2.0)); })'],
  ['`a ${f(2.0)} b`', '`a ${f(__pyfloat(2.0))} b`'],
];

const unchanged = [
  'const s = 2.0;',
  'if (v === 2.0) f();',
  'f(2.0 * 3)',
  'f(a - 2.0)',
  'a[2.0]',
  'f("2.0", \'3.0\')',
  'f(`2.0`)',
  '// f(2.0)\n/* f(3.0) */',
  'f(/2.0/)',
  'const r = a / 2.0 / b;',
  'function f(x = 2.0) { return x; }',
  'const g = (x = 2.0) => x;',
  'const h = async (x = 2.0) => x;',
  'class A { m(x = 2.0) { return x; } }',
  'const o = { a: 2.0 };',
  'const [a = 2.0] = xs;',
  'f({ 2.0: x })',
  'f(x ?? 2.0)',
  'f?.(2.0)',
  'switch (v) { case 2.0: break; }',
];

test('rewrites float literals in call arguments, array literals and object values passed to calls', () => {
  for (const [source, expected] of rewrites) assert.equal(box(source), expected, source);
});

test('leaves literals alone where a boxed Number would change JavaScript semantics, and in strings, comments and regexes', () => {
  for (const source of unchanged) assert.equal(box(source), source, source);
});

test('the tokenizer tells regexes from division and keeps template substitutions as code', () => {
  const kinds = (source: string): string[] => tokenize(source).map((t) => `${t.kind}:${t.text}`);
  assert.deepEqual(kinds('a / b / c'), ['name:a', 'punct:/', 'name:b', 'punct:/', 'name:c']);
  assert.deepEqual(kinds('x = /a[/]b/g.test(s)'), ['name:x', 'punct:=', 'regex:/a[/]b/g', 'punct:.', 'name:test', 'punct:(', 'name:s', 'punct:)']);
  assert.deepEqual(kinds('`a${ {b: 1}.b }c`'), ['template:`a${', 'punct:{', 'name:b', 'punct::', 'number:1', 'punct:}', 'punct:.', 'name:b', 'template:}c`']);
  assert.deepEqual(kinds('a?.b ? .5 : 2.'), ['name:a', 'punct:?.', 'name:b', 'punct:?', 'number:.5', 'punct::', 'number:2.']);
});

test('edits map offsets both ways', () => {
  const edited = new EditedText('f(2.0)', floatLiteralEdits('f(2.0)'));
  assert.equal(edited.text, 'f(__pyfloat(2.0))');
  assert.equal(edited.toOriginal(edited.text.indexOf('2.0')), 2);
  assert.equal(edited.toOriginal(edited.text.length - 1), 5);
  assert.equal(edited.toEdited(2), edited.text.indexOf('2.0'));
});
