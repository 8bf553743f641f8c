// Packed, register-blocked matrix product (the BLIS loop order). Both operands are first packed into panels: A into
// MR-row panels, B into NR-column panels, each a block of KC steps of the shared dimension, zero-padded to full
// panels, so that the micro-kernel below reads both with unit stride and never checks an edge. The product C is
// written with a padded leading dimension; the loader copies the valid part out.

/** Rows of A per micro-kernel call. */
export const MR: i32 = 4;
/** Steps of the shared dimension per packed block: a B panel (KC x NR) stays in L1, an A block in L2. */
export const KC: i32 = 256;
/** A panels per cache block: 32 panels of 4 rows x 256 steps is 128 KiB of floats. */
const PANELS_PER_BLOCK: i32 = 32;

/** Columns of B per micro-kernel call: two vectors. */
@inline function nr<T>(): i32 { return 32 / sizeof<T>(); }

@inline function roundUp(n: i32, to: i32): i32 { return (n + to - 1) / to * to; }

/**
 * Packs an n x k matrix (element strides `rs`, `cs` from `src`) into MR-row panels, block by block of KC steps:
 * block `pc` starts at pc * roundUp(n, MR) elements; panel `ip` of a block of `kc` steps at ip * MR * kc.
 */
export function packA<T>(src: usize, rs: i32, cs: i32, n: i32, k: i32, dst: usize): void {
  const rows = roundUp(n, MR);
  let out = dst;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    for (let i0 = 0; i0 < rows; i0 += MR) {
      for (let p = pc; p < pc + kc; p++) {
        for (let r = 0; r < MR; r++) {
          const row = i0 + r;
          store<T>(out, row < n ? load<T>(src + (<usize>row * rs + <usize>p * cs) * sizeof<T>()) : <T>0);
          out += sizeof<T>();
        }
      }
    }
  }
}

/** Packs a k x m matrix into NR-column panels, in the same block layout as packA. */
export function packB<T>(src: usize, rs: i32, cs: i32, k: i32, m: i32, dst: usize): void {
  const NR = nr<T>();
  const cols = roundUp(m, NR);
  let out = dst;
  for (let pc = 0; pc < k; pc += KC) {
    const kc = min(KC, k - pc);
    for (let j0 = 0; j0 < cols; j0 += NR) {
      const full = cs == 1 && j0 + NR <= m;
      for (let p = pc; p < pc + kc; p++) {
        const rowStart = src + (<usize>p * rs + <usize>j0 * cs) * sizeof<T>();
        if (full) {
          v128.store(out, v128.load(rowStart));
          v128.store(out, v128.load(rowStart, 16), 16);
        } else {
          for (let c = 0; c < NR; c++) {
            store<T>(out + c * sizeof<T>(), j0 + c < m ? load<T>(rowStart + <usize>c * cs * sizeof<T>()) : <T>0);
          }
        }
        out += NR * sizeof<T>();
      }
    }
  }
}

/**
 * C[4 x NR] (+)= A panel x B panel over `kc` steps. Eight vector accumulators, two B vectors and one broadcast A
 * value fit the sixteen SIMD registers.
 */
@inline function microKernel<T>(a: usize, b: usize, kc: i32, c: usize, ldc: usize, first: bool): void {
  let c00 = v128.splat<T>(0), c01 = v128.splat<T>(0);
  let c10 = v128.splat<T>(0), c11 = v128.splat<T>(0);
  let c20 = v128.splat<T>(0), c21 = v128.splat<T>(0);
  let c30 = v128.splat<T>(0), c31 = v128.splat<T>(0);
  const step = 4 * sizeof<T>();
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let av = v128.load_splat<T>(a);
    c00 = v128.add<T>(c00, v128.mul<T>(av, b0));
    c01 = v128.add<T>(c01, v128.mul<T>(av, b1));
    av = v128.load_splat<T>(a, sizeof<T>());
    c10 = v128.add<T>(c10, v128.mul<T>(av, b0));
    c11 = v128.add<T>(c11, v128.mul<T>(av, b1));
    av = v128.load_splat<T>(a, 2 * sizeof<T>());
    c20 = v128.add<T>(c20, v128.mul<T>(av, b0));
    c21 = v128.add<T>(c21, v128.mul<T>(av, b1));
    av = v128.load_splat<T>(a, 3 * sizeof<T>());
    c30 = v128.add<T>(c30, v128.mul<T>(av, b0));
    c31 = v128.add<T>(c31, v128.mul<T>(av, b1));
    a += step;
    b += 32;
  }
  const row = ldc * sizeof<T>();
  if (!first) {
    c00 = v128.add<T>(c00, v128.load(c)); c01 = v128.add<T>(c01, v128.load(c, 16));
    c10 = v128.add<T>(c10, v128.load(c + row)); c11 = v128.add<T>(c11, v128.load(c + row, 16));
    c20 = v128.add<T>(c20, v128.load(c + 2 * row)); c21 = v128.add<T>(c21, v128.load(c + 2 * row, 16));
    c30 = v128.add<T>(c30, v128.load(c + 3 * row)); c31 = v128.add<T>(c31, v128.load(c + 3 * row, 16));
  }
  v128.store(c, c00); v128.store(c, c01, 16);
  v128.store(c + row, c10); v128.store(c + row, c11, 16);
  v128.store(c + 2 * row, c20); v128.store(c + 2 * row, c21, 16);
  v128.store(c + 3 * row, c30); v128.store(c + 3 * row, c31, 16);
}

/**
 * Multiplies packed A (n x k) by packed B (k x m) into C (leading dimension roundUp(m, NR)). Threads share the work
 * by claiming blocks of A row panels from the i32 counter at `next` (zeroed by the caller), so a thread that gets
 * less of the CPU simply claims fewer blocks. Each block runs through every KC step, so no two threads ever touch
 * the same rows of C.
 */
export function gemm<T>(ap: usize, bp: usize, c: usize, n: i32, k: i32, m: i32, next: usize): void {
  const NR = nr<T>();
  const rows = roundUp(n, MR);
  const cols = roundUp(m, NR);
  const panels = rows / MR;
  const ldc = <usize>cols;
  for (let ib = atomic.add<i32>(next, PANELS_PER_BLOCK); ib < panels; ib = atomic.add<i32>(next, PANELS_PER_BLOCK)) {
    const ie = min(ib + PANELS_PER_BLOCK, panels);
    for (let pc = 0; pc < k; pc += KC) {
      const kc = min(KC, k - pc);
      const aBlock = ap + <usize>pc * rows * sizeof<T>();
      const bBlock = bp + <usize>pc * cols * sizeof<T>();
      for (let j0 = 0; j0 < cols; j0 += NR) {
        const bPanel = bBlock + <usize>j0 * kc * sizeof<T>();
        for (let ip = ib; ip < ie; ip++) {
          const aPanel = aBlock + <usize>ip * MR * kc * sizeof<T>();
          microKernel<T>(aPanel, bPanel, kc, c + (<usize>ip * MR * ldc + j0) * sizeof<T>(), ldc, pc == 0);
        }
      }
    }
  }
}
