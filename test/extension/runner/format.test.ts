import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pyfloat } from '../../../engine/core/scalar.ts';
import { torch } from '../../../engine/index.ts';
import { formatPrint, pythonFloat, pythonStr } from '../../../extension/runner/format.ts';

test('floats print as Python\'s repr', () => {
  const cases: [number, string][] = [
    [2, '2.0'], [0.5, '0.5'], [1e-7, '1e-07'], [1e-4, '0.0001'], [1.5e-5, '1.5e-05'], [1e16, '1e+16'], [1.25e20, '1.25e+20'],
    [123456789012345.6, '123456789012345.6'], [-0, '-0.0'], [0.1 + 0.2, '0.30000000000000004'], [NaN, 'nan'], [-Infinity, '-inf'],
    [-2.5, '-2.5'],
  ];
  for (const [value, text] of cases) assert.equal(pythonFloat(value), text, String(value));
});

test('console.log arguments print as Python\'s print would', () => {
  assert.equal(formatPrint(['a', 1, pyfloat(2), 0.5, true, null, undefined]), 'a 1 2.0 0.5 True None None');
  assert.equal(formatPrint([[1, pyfloat(2), 'x', [false]]]), '[1, 2.0, \'x\', [False]]');
  assert.equal(formatPrint([{ a: 1, 'b c': 'it\'s' }]), '{\'a\': 1, \'b c\': "it\'s"}');
  assert.equal(formatPrint([torch.ones(2).shape, torch.float32]), 'torch.Size([2]) torch.float32');
  assert.equal(pythonStr(new RangeError('bad')), 'bad');
});
