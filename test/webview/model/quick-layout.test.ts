import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quickLayout } from '../../../webview/layout/quick.ts';

test('the provisional layout places every node below its consumers, without overlaps, in linear time', () => {
  // A backward chain of 1,000 ops, each with a leaf hanging off it (the ladder shape of an autograd graph).
  const nodes = [];
  const edges = [];
  for (let i = 0; i < 1000; i++) {
    nodes.push({ key: `op${i}`, width: 120, height: 40 }, { key: `leaf${i}`, width: 90, height: 50 });
    edges.push({ from: `op${i}`, to: `leaf${i}` });
    if (i > 0) edges.push({ from: `op${i - 1}`, to: `op${i}` });
  }
  const started = performance.now();
  const layout = quickLayout(nodes, edges);
  assert.ok(performance.now() - started < 200);
  const at = new Map(layout.nodes.map((n) => [n.key, n]));
  assert.equal(at.size, nodes.length);
  for (const e of edges) assert.ok(at.get(e.from)!.y < at.get(e.to)!.y, `${e.from} above ${e.to}`);
  const rows = new Map<number, { x: number; width: number }[]>();
  for (const n of nodes) {
    const p = at.get(n.key)!;
    rows.set(p.y, [...(rows.get(p.y) ?? []), { x: p.x, width: n.width }]);
  }
  for (const row of rows.values()) {
    row.sort((a, b) => a.x - b.x);
    for (let i = 1; i < row.length; i++) assert.ok(row[i - 1]!.x + row[i - 1]!.width / 2 <= row[i]!.x - row[i]!.width / 2);
  }
  assert.equal(layout.edges.length, edges.length);
  assert.ok(layout.width > 0 && layout.height > 0);
});
