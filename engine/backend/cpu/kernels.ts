// The CPU reference kernels: plain, readable strided loops over typed arrays. Operands arrive already broadcast
// to the output's shape (broadcast dimensions at stride 0, Note [Broadcast strides are zero]); kernels know nothing
// of autograd, dtype promotion or the user API.
import type { TypedArray } from '../../core/dtype.ts';

export interface StridedView {
  readonly data: TypedArray;
  readonly shape: readonly number[];
  readonly strides: readonly number[];
  readonly offset: number;
}

/** Output conversion: integers truncate, bools become 0/1; floats are stored as they are (typed arrays round). */
export type Store = (value: number) => number;

function total(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Visits every index of `shape` in row-major order, advancing one storage position per operand. `body` gets the
 * positions of the innermost run's start and walks the run itself, which keeps the per-element cost low.
 */
export function walk(
  shape: readonly number[], operands: readonly StridedView[],
  body: (positions: number[], innerSize: number, innerStrides: number[], outIndex: number) => void,
): void {
  const n = total(shape);
  if (n === 0) return;
  const ndim = shape.length;
  const positions = operands.map((o) => o.offset);
  if (ndim === 0) { body(positions, 1, operands.map(() => 0), 0); return; }
  const last = ndim - 1;
  const innerSize = shape[last]!;
  const innerStrides = operands.map((o) => o.strides[last]!);
  const counter = new Array<number>(ndim).fill(0);
  let outIndex = 0;
  for (;;) {
    body(positions, innerSize, innerStrides, outIndex);
    outIndex += innerSize;
    let d = last - 1;
    while (d >= 0) {
      counter[d]!++;
      for (let k = 0; k < operands.length; k++) positions[k]! += operands[k]!.strides[d]!;
      if (counter[d]! < shape[d]!) break;
      for (let k = 0; k < operands.length; k++) positions[k]! -= operands[k]!.strides[d]! * shape[d]!;
      counter[d] = 0;
      d--;
    }
    if (d < 0) return;
  }
}

/** out[i] = fn(x[i]) over a strided input, into a contiguous output. */
export function mapUnary(out: TypedArray, x: StridedView, fn: (x: number) => number, store?: Store): void {
  const xd = x.data;
  walk(x.shape, [x], (pos, size, strides, o) => {
    let p = pos[0]!;
    const s = strides[0]!;
    if (store) for (let i = 0; i < size; i++, p += s) out[o + i] = store(fn(xd[p]!));
    else for (let i = 0; i < size; i++, p += s) out[o + i] = fn(xd[p]!);
  });
}

/** out[i] = fn(a[i], b[i]) with both inputs already broadcast to the output's shape. */
export function mapBinary(out: TypedArray, a: StridedView, b: StridedView, fn: (a: number, b: number) => number, store?: Store): void {
  const ad = a.data;
  const bd = b.data;
  walk(a.shape, [a, b], (pos, size, strides, o) => {
    let pa = pos[0]!;
    let pb = pos[1]!;
    const sa = strides[0]!;
    const sb = strides[1]!;
    if (store) for (let i = 0; i < size; i++, pa += sa, pb += sb) out[o + i] = store(fn(ad[pa]!, bd[pb]!));
    else for (let i = 0; i < size; i++, pa += sa, pb += sb) out[o + i] = fn(ad[pa]!, bd[pb]!);
  });
}

/** out[i] = fn(a[i], b[i], c[i]) (for `where`, `clamp` with tensor bounds, `lerp`...). */
export function mapTernary(
  out: TypedArray, a: StridedView, b: StridedView, c: StridedView, fn: (a: number, b: number, c: number) => number, store?: Store,
): void {
  const ad = a.data;
  const bd = b.data;
  const cd = c.data;
  walk(a.shape, [a, b, c], (pos, size, strides, o) => {
    let pa = pos[0]!;
    let pb = pos[1]!;
    let pc = pos[2]!;
    const [sa, sb, sc] = strides as [number, number, number];
    for (let i = 0; i < size; i++, pa += sa, pb += sb, pc += sc) {
      const v = fn(ad[pa]!, bd[pb]!, cd[pc]!);
      out[o + i] = store ? store(v) : v;
    }
  });
}

/** Copies a strided source into a strided destination of the same shape, converting values with `store`. */
export function copyStrided(dst: StridedView, src: StridedView, store?: Store): void {
  const dd = dst.data;
  const sd = src.data;
  walk(dst.shape, [dst, src], (pos, size, strides) => {
    let pd = pos[0]!;
    let ps = pos[1]!;
    const sdst = strides[0]!;
    const ssrc = strides[1]!;
    if (store) for (let i = 0; i < size; i++, pd += sdst, ps += ssrc) dd[pd] = store(sd[ps]!);
    else for (let i = 0; i < size; i++, pd += sdst, ps += ssrc) dd[pd] = sd[ps]!;
  });
}

/** Writes fn(x) back into a strided tensor in place. */
export function mapInPlace(x: StridedView, fn: (value: number, index: number) => number, store?: Store): void {
  const xd = x.data;
  walk(x.shape, [x], (pos, size, strides, o) => {
    let p = pos[0]!;
    const s = strides[0]!;
    for (let i = 0; i < size; i++, p += s) xd[p] = store ? store(fn(xd[p]!, o + i)) : fn(xd[p]!, o + i);
  });
}

/**
 * Reduces the last `reducedDims` dimensions of `x` (callers permute the reduced dimensions to the end) into a
 * contiguous output of `total(keptShape)` elements. `step` folds one value (with its index inside the reduced
 * block) into the accumulator; `finish` turns the accumulator into the output value.
 */
export function reduceLastDims<A>(
  out: TypedArray, x: StridedView, reducedDims: number,
  init: () => A, step: (acc: A, value: number, index: number) => A, finish: (acc: A, count: number) => number,
): void {
  const keptShape = x.shape.slice(0, x.shape.length - reducedDims);
  const keptStrides = x.strides.slice(0, x.strides.length - reducedDims);
  const innerShape = x.shape.slice(x.shape.length - reducedDims);
  const innerStrides = x.strides.slice(x.strides.length - reducedDims);
  const count = total(innerShape);
  const xd = x.data;
  const outer = { data: xd, shape: keptShape, strides: keptStrides, offset: x.offset };
  let o = 0;
  const reduceAt = (base: number) => {
    let acc = init();
    if (count > 0) {
      walk(innerShape, [{ data: xd, shape: innerShape, strides: innerStrides, offset: base }], (pos, size, strides, idx) => {
        let p = pos[0]!;
        const s = strides[0]!;
        for (let i = 0; i < size; i++, p += s) acc = step(acc, xd[p]!, idx + i);
      });
    }
    out[o++] = finish(acc, count);
  };
  if (total(keptShape) === 0) return;
  walk(keptShape, [outer], (pos, size, strides) => {
    let p = pos[0]!;
    for (let i = 0; i < size; i++, p += strides[0]!) reduceAt(p);
  });
}

/** Batched matrix multiply: out[b] = a[b] @ b[b], with a: [B, n, k], b: [B, k, m] strided, out contiguous [B, n, m]. */
export function batchedMatmul(out: TypedArray, a: StridedView, b: StridedView): void {
  const [batch, n, k] = a.shape as [number, number, number];
  const m = b.shape[2]!;
  const [sab, san, sak] = a.strides as [number, number, number];
  const [sbb, sbk, sbm] = b.strides as [number, number, number];
  const ad = a.data;
  const bd = b.data;
  const row = new Float64Array(m);
  for (let bi = 0; bi < batch; bi++) {
    const aBase = a.offset + bi * sab;
    const bBase = b.offset + bi * sbb;
    for (let i = 0; i < n; i++) {
      row.fill(0);
      for (let p = 0; p < k; p++) {
        const av = ad[aBase + i * san + p * sak]!;
        const bRow = bBase + p * sbk;
        for (let j = 0; j < m; j++) row[j]! += av * bd[bRow + j * sbm]!;
      }
      const o = (bi * n + i) * m;
      for (let j = 0; j < m; j++) out[o + j] = row[j]!;
    }
  }
}

/**
 * Inclusive scan along `dim` (cumsum, cumprod): out, contiguous with x's shape, holds at each position the fold of
 * x's values up to it along `dim`. The accumulator stays a JavaScript double until it is stored.
 */
export function scanDim(
  out: TypedArray, x: StridedView, dim: number, init: number, step: (acc: number, value: number) => number, store?: Store,
): void {
  const n = x.shape[dim]!;
  const outStrides = new Array<number>(x.shape.length);
  for (let i = x.shape.length - 1, s = 1; i >= 0; i--) { outStrides[i] = s; s *= Math.max(x.shape[i]!, 1); }
  const others = (values: readonly number[]) => values.filter((_, i) => i !== dim);
  const input = { data: x.data, shape: others(x.shape), strides: others(x.strides), offset: x.offset };
  const output = { data: out, shape: input.shape, strides: others(outStrides), offset: 0 };
  const xs = x.strides[dim]!;
  const os = outStrides[dim]!;
  const xd = x.data;
  if (n === 0) return;
  walk(input.shape, [input, output], (pos, size, strides) => {
    for (let i = 0; i < size; i++) {
      let px = pos[0]! + i * strides[0]!;
      let po = pos[1]! + i * strides[1]!;
      let acc = init;
      for (let k = 0; k < n; k++, px += xs, po += os) {
        acc = step(acc, xd[px]!);
        out[po] = store ? store(acc) : acc;
      }
    }
  });
}
