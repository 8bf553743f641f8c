// View algebra checked against an "arange shadow" (tinygrad's approach): start from arange(n) seen through a random
// shape (often with odd strides), apply a random chain of movement ops, and compare every element with a plain model
// of the same ops. The model knows nothing of strides: a shape plus a map from output coordinates to the base's
// coordinates. Views must also share the base's storage and report PyTorch's is_contiguous().
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { prng } from '../../helpers.ts';

/** The model: a shape and, for each output coordinate, the value the base holds there. */
interface Model { shape: number[]; at: (coords: number[]) => number }

const numel = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function ravel(coords: readonly number[], shape: readonly number[]): number {
  return coords.reduce((acc, c, i) => acc * shape[i]! + c, 0);
}
function unravel(index: number, shape: readonly number[]): number[] {
  const out = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    out[i] = index % shape[i]!;
    index = Math.floor(index / shape[i]!);
  }
  return out;
}
function allCoords(shape: readonly number[]): number[][] {
  return Array.from({ length: numel(shape) }, (_, i) => unravel(i, shape));
}

/** Python's slice.indices for a positive step: the first index and the count. */
function pySlice(size: number, start: number | null, stop: number | null, step: number): [number, number] {
  const clamp = (v: number | null, fallback: number) => {
    if (v === null) return fallback;
    const w = v < 0 ? v + size : v;
    return Math.min(Math.max(w, 0), size);
  };
  const s = clamp(start, 0);
  const e = clamp(stop, size);
  return [s, e > s ? Math.ceil((e - s) / step) : 0];
}

/** An op on both sides: `apply` on the engine, `model` on the shadow; null when the op does not fit the shape. */
interface Op { name: string; apply: (t: Tensor) => Tensor; model: (m: Model) => Model; copies?: boolean }

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (random: () => number, lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));

function shuffle(random: () => number, n: number): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = int(random, 0, i);
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

/** A random shape with the same number of elements (for view/reshape), from the prime factors of n. */
function refactor(random: () => number, n: number): number[] {
  if (n === 0) return pick(random, [[0], [0, 3], [2, 0]]);
  const factors: number[] = [];
  for (let k = n, f = 2; k > 1;) {
    if (k % f === 0) { factors.push(f); k /= f; } else f++;
  }
  const shape: number[] = [];
  for (const f of factors) {
    if (shape.length > 0 && random() < 0.5) shape[shape.length - 1]! *= f;
    else shape.push(f);
  }
  if (random() < 0.3) shape.splice(int(random, 0, shape.length), 0, 1);
  if (shape.length > 0 && random() < 0.3) shape[int(random, 0, shape.length - 1)] = -1;
  return shape;
}

const reshaped = (m: Model, shape: number[]): Model => {
  const known = shape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  const target = shape.map((d) => (d === -1 ? numel(m.shape) / known : d));
  return { shape: target, at: (c) => m.at(unravel(ravel(c, target), m.shape)) };
};

/** Every op that fits a model of this shape, built with random arguments. */
function candidates(random: () => number, shape: readonly number[]): Op[] {
  const ndim = shape.length;
  const ops: Op[] = [];
  const dim = () => int(random, 0, ndim - 1);
  const signed = (d: number) => (random() < 0.5 ? d : d - ndim);
  if (ndim >= 1) {
    const p = shuffle(random, ndim);
    ops.push({
      name: `permute(${p})`, apply: (t) => t.permute(p),
      model: (m) => ({ shape: p.map((d) => m.shape[d]!), at: (c) => { const i = new Array<number>(ndim); p.forEach((d, k) => { i[d] = c[k]!; }); return m.at(i); } }),
    });
    const [a, b] = [dim(), dim()];
    ops.push({
      name: `transpose(${a}, ${b})`, apply: (t) => t.transpose(signed(a), signed(b)),
      model: (m) => {
        const s = [...m.shape];
        [s[a], s[b]] = [s[b]!, s[a]!];
        return { shape: s, at: (c) => { const i = [...c]; [i[a], i[b]] = [i[b]!, i[a]!]; return m.at(i); } };
      },
    });
    const d = dim();
    const size = shape[d]!;
    const start = int(random, 0, size);
    const length = int(random, 0, size - start);
    ops.push({
      name: `narrow(${d}, ${start}, ${length})`, apply: (t) => t.narrow(signed(d), start, length),
      model: (m) => ({ shape: m.shape.map((s, k) => (k === d ? length : s)), at: (c) => m.at(c.map((v, k) => (k === d ? v + start : v))) }),
    });
    if (size > 0) {
      const index = int(random, -size, size - 1);
      ops.push({
        name: `select(${d}, ${index})`, apply: (t) => t.select(signed(d), index),
        model: (m) => ({ shape: m.shape.filter((_, k) => k !== d), at: (c) => m.at([...c.slice(0, d), index < 0 ? index + size : index, ...c.slice(d)]) }),
      });
      const chunks = int(random, 1, size + 1);
      const splitSize = int(random, 1, size);
      const piece = int(random, 0, Math.ceil(size / splitSize) - 1);
      ops.push({
        name: `split(${splitSize}, ${d})[${piece}]`, apply: (t) => t.split(splitSize, signed(d))[piece]!,
        model: (m) => {
          const len = Math.min(splitSize, size - piece * splitSize);
          return { shape: m.shape.map((s, k) => (k === d ? len : s)), at: (c) => m.at(c.map((v, k) => (k === d ? v + piece * splitSize : v))) };
        },
      });
      const each = Math.ceil(size / chunks);
      const chunkIndex = int(random, 0, Math.ceil(size / each) - 1);
      ops.push({
        name: `chunk(${chunks}, ${d})[${chunkIndex}]`, apply: (t) => t.chunk(chunks, signed(d))[chunkIndex]!,
        model: (m) => {
          const len = Math.min(each, size - chunkIndex * each);
          return { shape: m.shape.map((s, k) => (k === d ? len : s)), at: (c) => m.at(c.map((v, k) => (k === d ? v + chunkIndex * each : v))) };
        },
      });
      const member = int(random, 0, size - 1);
      ops.push({
        name: `unbind(${d})[${member}]`, apply: (t) => t.unbind(signed(d))[member]!,
        model: (m) => ({ shape: m.shape.filter((_, k) => k !== d), at: (c) => m.at([...c.slice(0, d), member, ...c.slice(d)]) }),
      });
      const window = int(random, 0, size);
      const step = int(random, 1, 3);
      ops.push({
        name: `unfold(${d}, ${window}, ${step})`, apply: (t) => t.unfold(signed(d), window, step),
        model: (m) => ({
          shape: [...m.shape.map((s, k) => (k === d ? Math.floor((s - window) / step) + 1 : s)), window],
          at: (c) => m.at(c.slice(0, ndim).map((v, k) => (k === d ? v * step + c[ndim]! : v))),
        }),
      });
    }
    const squeezable = shape.map((s, k) => (s === 1 ? k : -1)).filter((k) => k >= 0);
    if (squeezable.length > 0) {
      const s = pick(random, squeezable);
      ops.push({ name: `squeeze(${s})`, apply: (t) => t.squeeze(signed(s)), model: (m) => ({ shape: m.shape.filter((_, k) => k !== s), at: (c) => m.at([...c.slice(0, s), 0, ...c.slice(s)]) }) });
      const sizes = shape.map((v) => (v === 1 ? int(random, 0, 3) : random() < 0.5 ? -1 : v));
      const lead = random() < 0.3 ? [int(random, 1, 2)] : [];
      ops.push({
        name: `expand(${[...lead, ...sizes]})`, apply: (t) => t.expand([...lead, ...sizes]),
        model: (m) => ({
          shape: [...lead, ...sizes.map((v, k) => (v === -1 ? m.shape[k]! : v))],
          at: (c) => m.at(c.slice(lead.length).map((v, k) => (m.shape[k] === 1 ? 0 : v))),
        }),
      });
    }
    ops.push({ name: 'squeeze()', apply: (t) => t.squeeze(), model: (m) => {
      const kept = m.shape.map((s, k) => (s === 1 ? -1 : k)).filter((k) => k >= 0);
      return { shape: kept.map((k) => m.shape[k]!), at: (c) => { const i = new Array<number>(ndim).fill(0); kept.forEach((k, j) => { i[k] = c[j]!; }); return m.at(i); } };
    } });
    const [s0, s1] = [dim(), dim()].sort((x, y) => x - y) as [number, number];
    ops.push({
      name: `flatten(${s0}, ${s1})`, apply: (t) => t.flatten(signed(s0), signed(s1)), copies: true,
      model: (m) => reshaped(m, [...m.shape.slice(0, s0), numel(m.shape.slice(s0, s1 + 1)), ...m.shape.slice(s1 + 1)]),
    });
  }
  if (ndim >= 2) {
    const d1 = int(random, 0, ndim - 1);
    const d2 = (d1 + int(random, 1, ndim - 1)) % ndim;
    const offset = int(random, -3, 3);
    ops.push({
      name: `diagonal(${offset}, ${d1}, ${d2})`, apply: (t) => t.diagonal(offset, d1, d2),
      model: (m) => {
        const [a, b] = [m.shape[d1]!, m.shape[d2]!];
        const length = Math.max(offset >= 0 ? Math.min(a, b - offset) : Math.min(a + offset, b), 0);
        const rest = m.shape.map((_, k) => k).filter((k) => k !== d1 && k !== d2);
        return {
          shape: [...rest.map((k) => m.shape[k]!), length],
          at: (c) => {
            const i = new Array<number>(ndim);
            rest.forEach((k, j) => { i[k] = c[j]!; });
            const n = c[rest.length]!;
            i[d1] = n + Math.max(-offset, 0);
            i[d2] = n + Math.max(offset, 0);
            return m.at(i);
          },
        };
      },
    });
    ops.push({ name: 'mT', apply: (t) => t.mT, model: (m) => ({ shape: [...m.shape.slice(0, -2), m.shape[ndim - 1]!, m.shape[ndim - 2]!], at: (c) => m.at([...c.slice(0, -2), c[ndim - 1]!, c[ndim - 2]!]) }) });
  }
  if (ndim <= 2) {
    ops.push({ name: 't()', apply: (t) => t.t(), model: (m) => ({ shape: [...m.shape].reverse(), at: (c) => m.at([...c].reverse()) }) });
  }
  const u = int(random, 0, ndim);
  ops.push({ name: `unsqueeze(${u})`, apply: (t) => t.unsqueeze(u), model: (m) => ({ shape: [...m.shape.slice(0, u), 1, ...m.shape.slice(u)], at: (c) => m.at([...c.slice(0, u), ...c.slice(u + 1)]) }) });
  const target = refactor(random, numel(shape));
  ops.push({ name: `reshape(${target})`, apply: (t) => t.reshape(target), model: (m) => reshaped(m, target), copies: true });
  ops.push({ name: `view(${target})`, apply: (t) => t.view(target), model: (m) => reshaped(m, target) });
  ops.push(getitemOp(random, shape));
  return ops;
}

/** A random basic-indexing expression and its model, applied item by item with Python's semantics. */
function getitemOp(random: () => number, shape: readonly number[]): Op {
  type Item = { kind: 'int'; v: number } | { kind: 'slice'; start: number | null; stop: number | null; step: number } | { kind: 'none' } | { kind: 'ellipsis' };
  const items: Item[] = [];
  let dims = 0;
  const wantEllipsis = random() < 0.3;
  let ellipsisAt = -1;
  while (dims < shape.length && random() < 0.8) {
    if (wantEllipsis && ellipsisAt < 0 && random() < 0.3) { ellipsisAt = items.length; items.push({ kind: 'ellipsis' }); continue; }
    if (random() < 0.2) { items.push({ kind: 'none' }); continue; }
    const size = shape[dims]!;
    if (size > 0 && random() < 0.35) items.push({ kind: 'int', v: int(random, -size, size - 1) });
    else {
      const bound = () => (random() < 0.3 ? null : int(random, -size - 1, size + 1));
      items.push({ kind: 'slice', start: bound(), stop: bound(), step: int(random, 1, 3) });
    }
    dims++;
  }
  if (random() < 0.2) items.push({ kind: 'none' });
  const text = items.map((i) => {
    switch (i.kind) {
      case 'int': return String(i.v);
      case 'none': return 'None';
      case 'ellipsis': return '...';
      case 'slice': return `${i.start ?? ''}:${i.stop ?? ''}${i.step === 1 && random() < 0.5 ? '' : `:${i.step}`}`;
    }
  }).join(', ') + (items.length === 1 && random() < 0.3 ? ',' : '');
  const specified = items.filter((i) => i.kind === 'int' || i.kind === 'slice').length;
  return {
    name: `getitem("${text}")`, apply: (t) => t.getitem(text),
    model: (m) => {
      // Each output dimension maps to an input dimension through (start, step), or is a new size-1 dimension.
      const out: { input: number | null; start: number; step: number; size: number }[] = [];
      const fixed = new Map<number, number>();
      let d = 0;
      for (const item of items) {
        if (item.kind === 'ellipsis') {
          for (let k = 0; k < m.shape.length - specified; k++, d++) out.push({ input: d, start: 0, step: 1, size: m.shape[d]! });
        } else if (item.kind === 'none') {
          out.push({ input: null, start: 0, step: 1, size: 1 });
        } else if (item.kind === 'int') {
          fixed.set(d, item.v < 0 ? item.v + m.shape[d]! : item.v);
          d++;
        } else {
          const [start, count] = pySlice(m.shape[d]!, item.start, item.stop, item.step);
          out.push({ input: d, start, step: item.step, size: count });
          d++;
        }
      }
      for (; d < m.shape.length; d++) out.push({ input: d, start: 0, step: 1, size: m.shape[d]! });
      return {
        shape: out.map((o) => o.size),
        at: (c) => {
          const i = new Array<number>(m.shape.length);
          fixed.forEach((v, k) => { i[k] = v; });
          out.forEach((o, k) => { if (o.input !== null) i[o.input] = o.start + c[k]! * o.step; });
          return m.at(i);
        },
      };
    },
  };
}

/** PyTorch's is_contiguous, stated independently: row-major strides, ignoring size-1 dimensions; empty is contiguous. */
function expectedContiguous(shape: readonly number[], strides: readonly number[]): boolean {
  if (numel(shape) === 0) return true;
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] === 1) continue;
    if (strides[i] !== expected) return false;
    expected *= shape[i]!;
  }
  return true;
}

/** A base holding arange(n) in float64, seen through a random shape, often transposed, stepped or offset. */
function randomBase(random: () => number): { base: Tensor; model: Model } {
  const ndim = int(random, 0, 4);
  const shape = Array.from({ length: ndim }, () => (random() < 0.08 ? 0 : int(random, 1, 4)));
  const n = numel(shape);
  const flat = torch.tensor(Array.from({ length: n }, (_, i) => i), { dtype: torch.float64 });
  let base = flat.reshape(shape);
  let model: Model = { shape, at: (c) => ravel(c, shape) };
  const layout = random();
  if (ndim >= 2 && layout < 0.3) {
    // Stored transposed: the memory is arange over the reversed shape, read back in this shape.
    const reversed = [...shape].reverse();
    const dims = reversed.map((_, i) => ndim - 1 - i);
    base = torch.tensor(Array.from({ length: n }, (_, i) => i), { dtype: torch.float64 }).reshape(reversed).permute(dims);
    model = { shape, at: (c) => ravel([...c].reverse(), reversed) };
  } else if (ndim >= 1 && layout < 0.5) {
    // Every other element of a larger buffer, from an offset of 1.
    const big = [...shape];
    big[ndim - 1] = shape[ndim - 1]! * 2 + 1;
    base = torch.tensor(Array.from({ length: numel(big) }, (_, i) => i), { dtype: torch.float64 }).reshape(big).getitem(`..., 1::2`);
    model = { shape, at: (c) => ravel([...c.slice(0, -1), 1 + 2 * c[ndim - 1]!], big) };
  }
  return { base, model };
}

function valuesOf(m: Model): number[] {
  return allCoords(m.shape).map((c) => m.at(c));
}

test('random chains of view ops agree with the arange shadow model', () => {
  const random = prng(20240611);
  let chains = 0;
  let steps = 0;
  for (let trial = 0; trial < 400; trial++) {
    const { base, model: start } = randomBase(random);
    let t = base;
    let m = start;
    let copied = false;
    const names: string[] = [];
    const length = int(random, 1, 6);
    for (let s = 0; s < length; s++) {
      const op = pick(random, candidates(random, m.shape));
      names.push(op.name);
      const where = () => `chain ${names.join(' -> ')} on base shape [${base.shape.join(', ')}] strides [${base.stride().join(', ')}]`;
      let next: Tensor;
      try {
        next = op.apply(t);
      } catch (error) {
        // Only `view` may refuse (non-viewable strides); reshape must then copy.
        assert.ok(op.name.startsWith('view('), `${where()}: ${(error as Error).message}`);
        assert.match((error as Error).message, /view size is not compatible/);
        const copy = t.reshape(op.name.slice(5, -1).split(',').map(Number));
        assert.notEqual(copy.storage, t.storage, `${where()}: reshape kept the storage although view failed`);
        names.pop();
        continue;
      }
      m = op.model(m);
      if (next.storage !== t.storage) {
        assert.ok(op.copies, `${where()}: a view op copied`);
        copied = true;
      }
      t = next;
      steps++;
      assert.deepEqual([...t.shape], m.shape, `${where()}: shape`);
      assert.deepEqual(t._values(), valuesOf(m), `${where()}: values`);
      assert.equal(t.is_contiguous(), expectedContiguous(t.shape, t.stride()), `${where()}: is_contiguous`);
      if (!copied) assert.equal(t.storage.id, base.storage.id, `${where()}: storage shared`);
    }
    chains++;
  }
  assert.ok(chains === 400 && steps > 800, `ran ${chains} chains, ${steps} steps`);
});

test('views of views keep the storage owner as _base, and writes through them are visible', () => {
  const random = prng(7);
  for (let trial = 0; trial < 50; trial++) {
    const { base } = randomBase(random);
    if (base.numel() === 0 || base.ndim === 0) continue;
    const owner = base._base ?? base;
    const v = base.getitem('...').unsqueeze(0).transpose(0, -1);
    assert.equal(v._base, owner);
    const first = v.getitem(new Array<string>(v.ndim).fill('0').join(', '));
    first.setitem('...', -1);
    assert.equal(base._values().filter((x) => x === -1).length, 1);
  }
});
