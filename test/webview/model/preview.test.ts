// Reading previews: real indices behind PyTorch-style summaries, 2-D slices, colour scales readable in both themes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  colourScale, presentIndices, previewEntries, previewSlice, scaleColour, scalePosition, sliceChoices,
} from '../../../webview/model/preview.ts';

test('a summarized dimension keeps the first and last three indices around the gap', () => {
  assert.deepEqual(presentIndices([0, 1, 2, '...', 7, 8, 9], 10), [0, 1, 2, null, 7, 8, 9]);
  assert.deepEqual(presentIndices([5, 6], 2), [0, 1]);
  const entries = previewEntries([[1, 2, 3, '...', 8, 9, 10], '...', [11, 12, 13, '...', 18, 19, 20]], [100, 10]);
  assert.deepEqual(entries.map((e) => e.index), [[0, 0], [0, 1], [0, 2], [0, 7], [0, 8], [0, 9], [99, 0], [99, 1], [99, 2], [99, 7], [99, 8], [99, 9]]);
  assert.deepEqual(previewEntries(3.5, []), [{ index: [], value: 3.5 }]);
});

test('slices take the last two dimensions at the slicer\'s indices', () => {
  const values = [[[1, 2], [3, 4]], [[5, 6], [7, 8]]];
  const rows = previewSlice(values, [2, 2, 2], [1]);
  assert.deepEqual(rows.map((r) => r.cells.map((c) => c.value)), [[5, 6], [7, 8]]);
  assert.deepEqual(sliceChoices(values, [2, 2, 2], 0, [0]), [0, 1]);
  assert.deepEqual(previewSlice([1, 2, 3], [3], []).map((r) => r.cells.map((c) => c.value)), [[1, 2, 3]]);
  assert.deepEqual(previewSlice(7, [], []), [{ index: null, cells: [{ index: null, value: 7 }] }]);
  const summarized = previewSlice([[1, 2, 3, '...', 8, 9, 10]], [1, 100], []);
  assert.deepEqual(summarized[0]!.cells.map((c) => c.index), [0, 1, 2, null, 97, 98, 99]);
});

test('the colour scale diverges around zero and text on it keeps 4.5:1 contrast', () => {
  const scale = colourScale([-2, 1, null, Infinity])!;
  assert.deepEqual(scale, { min: -2, max: 1, diverging: true });
  assert.equal(scalePosition(scale, 0), 0.5);
  assert.equal(scalePosition(scale, -2), 0);
  const luminance = (rgb: number[]): number => {
    const [r, g, b] = rgb.map((c) => { const v = c / 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  for (const s of [scale, colourScale([0, 5])!]) {
    for (let t = 0; t <= 1; t += 0.05) {
      const { background, darkText } = scaleColour(s, t);
      const l = luminance(background.match(/\d+/g)!.map(Number));
      const contrast = darkText ? (l + 0.05) / 0.05 : 1.05 / (l + 0.05);
      assert.ok(contrast >= 4.5, `${background} with ${darkText ? 'black' : 'white'} text: ${contrast.toFixed(2)}`);
    }
  }
});
