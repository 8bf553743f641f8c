// The WebAssembly kernels' exports: every generic kernel instantiated for float32 and float64 (elementwise maps also
// for int32, and for int64 held in doubles). Pointers are byte offsets into the memory the loader manages (shared
// when kernel threads run the module too, Note [Two memories] in module.ts); the module keeps no state of its own, so
// any thread may run any export on its share of the work.
import { gemm, packA, packB } from './gemm';
import { binary, thresholdBackward, unary } from './elementwise';
import { extreme, sum } from './reduce';
import { logSoftmaxFinish, logSoftmaxStats, softmax } from './softmax';

export function pack_a_f32(src: usize, rs: i32, cs: i32, n: i32, k: i32, dst: usize): void { packA<f32>(src, rs, cs, n, k, dst); }
export function pack_a_f64(src: usize, rs: i32, cs: i32, n: i32, k: i32, dst: usize): void { packA<f64>(src, rs, cs, n, k, dst); }
export function pack_b_f32(src: usize, rs: i32, cs: i32, k: i32, m: i32, dst: usize): void { packB<f32>(src, rs, cs, k, m, dst); }
export function pack_b_f64(src: usize, rs: i32, cs: i32, k: i32, m: i32, dst: usize): void { packB<f64>(src, rs, cs, k, m, dst); }
export function gemm_f32(a: usize, b: usize, c: usize, n: i32, k: i32, m: i32, next: usize): void { gemm<f32>(a, b, c, n, k, m, next); }
export function gemm_f64(a: usize, b: usize, c: usize, n: i32, k: i32, m: i32, next: usize): void { gemm<f64>(a, b, c, n, k, m, next); }

export function binary_f32(op: i32, a: usize, b: usize, out: usize, n0: i32, n1: i32, sa0: i32, sa1: i32, sb0: i32, sb1: i32): void {
  binary<f32>(op, a, b, out, n0, n1, sa0, sa1, sb0, sb1, false);
}
export function binary_f64(op: i32, a: usize, b: usize, out: usize, n0: i32, n1: i32, sa0: i32, sa1: i32, sb0: i32, sb1: i32): void {
  binary<f64>(op, a, b, out, n0, n1, sa0, sa1, sb0, sb1, false);
}
export function binary_i32(op: i32, a: usize, b: usize, out: usize, n0: i32, n1: i32, sa0: i32, sa1: i32, sb0: i32, sb1: i32): void {
  binary<i32>(op, a, b, out, n0, n1, sa0, sa1, sb0, sb1, false);
}
export function binary_i64(op: i32, a: usize, b: usize, out: usize, n0: i32, n1: i32, sa0: i32, sa1: i32, sb0: i32, sb1: i32): void {
  binary<f64>(op, a, b, out, n0, n1, sa0, sa1, sb0, sb1, true);
}
export function unary_f32(op: i32, x: usize, out: usize, n0: i32, n1: i32, s0: i32, s1: i32): void { unary<f32>(op, x, out, n0, n1, s0, s1, false); }
export function unary_f64(op: i32, x: usize, out: usize, n0: i32, n1: i32, s0: i32, s1: i32): void { unary<f64>(op, x, out, n0, n1, s0, s1, false); }
export function unary_i32(op: i32, x: usize, out: usize, n0: i32, n1: i32, s0: i32, s1: i32): void { unary<i32>(op, x, out, n0, n1, s0, s1, false); }
export function unary_i64(op: i32, x: usize, out: usize, n0: i32, n1: i32, s0: i32, s1: i32): void { unary<f64>(op, x, out, n0, n1, s0, s1, true); }

export function threshold_backward_f32(s: usize, g: usize, out: usize, n: i32, threshold: f32): void { thresholdBackward<f32>(s, g, out, n, threshold); }
export function threshold_backward_f64(s: usize, g: usize, out: usize, n: i32, threshold: f64): void { thresholdBackward<f64>(s, g, out, n, threshold); }

export function sum_f32(x: usize, out: usize, nk: i32, sk: i32, nr: i32, sr: i32): void { sum<f32>(x, out, nk, sk, nr, sr); }
export function sum_f64(x: usize, out: usize, nk: i32, sk: i32, nr: i32, sr: i32): void { sum<f64>(x, out, nk, sk, nr, sr); }
export function extreme_f32(x: usize, values: usize, indices: usize, nk: i32, sk: i32, nr: i32, sr: i32, smallest: bool): void {
  extreme<f32>(x, values, indices, nk, sk, nr, sr, smallest);
}
export function extreme_f64(x: usize, values: usize, indices: usize, nk: i32, sk: i32, nr: i32, sr: i32, smallest: bool): void {
  extreme<f64>(x, values, indices, nk, sk, nr, sr, smallest);
}

export function softmax_f32(x: usize, out: usize, rows: i32, n: i32, next: usize): void { softmax<f32>(x, out, rows, n, next); }
export function softmax_f64(x: usize, out: usize, rows: i32, n: i32, next: usize): void { softmax<f64>(x, out, rows, n, next); }
export function log_softmax_stats_f32(x: usize, out: usize, stats: usize, rows: i32, n: i32, next: usize): void { logSoftmaxStats<f32>(x, out, stats, rows, n, next); }
export function log_softmax_stats_f64(x: usize, out: usize, stats: usize, rows: i32, n: i32, next: usize): void { logSoftmaxStats<f64>(x, out, stats, rows, n, next); }
export function log_softmax_finish_f32(x: usize, out: usize, stats: usize, rows: i32, n: i32, next: usize): void { logSoftmaxFinish<f32>(x, out, stats, rows, n, next); }
export function log_softmax_finish_f64(x: usize, out: usize, stats: usize, rows: i32, n: i32, next: usize): void { logSoftmaxFinish<f64>(x, out, stats, rows, n, next); }
