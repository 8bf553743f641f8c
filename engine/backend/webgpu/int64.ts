// Note [int64 arithmetic in WGSL]: WGSL has no 64-bit integers, but integer sums and products (and their running
// versions) give int64 in PyTorch. Kernels compute them as two's-complement pairs vec2<u32>(low word, high word),
// wrapping modulo 2^64 as PyTorch's int64 does, and store each result as the bits of the double that holds an int64
// (Note [int64 storage]): exact below 2^53 in magnitude, truncated toward zero beyond (the CPU rounds there).

export const int64Helpers = `fn i64_from_i32(v: i32) -> vec2<u32> { return vec2<u32>(bitcast<u32>(v), select(0u, 0xffffffffu, v < 0)); }
fn i64_add(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.x + b.x;
  return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));
}
// The full 64-bit product of two u32, from 16-bit halves.
fn u32_mul_wide(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu; let a1 = a >> 16u; let b0 = b & 0xffffu; let b1 = b >> 16u;
  let p00 = a0 * b0; let p01 = a0 * b1; let p10 = a1 * b0;
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return vec2<u32>((p00 & 0xffffu) | (mid << 16u), a1 * b1 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u));
}
fn i64_mul(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let low = u32_mul_wide(a.x, b.x);
  return vec2<u32>(low.x, low.y + a.x * b.y + a.y * b.x);
}
// The bits of the double nearest below in magnitude (exact below 2^53).
fn i64_to_f64_bits(a: vec2<u32>) -> vec2<u32> {
  let negative = (a.y >> 31u) == 1u;
  var lo = a.x;
  var hi = a.y;
  if (negative) { lo = ~a.x + 1u; hi = ~a.y + select(0u, 1u, lo == 0u); }
  if (hi == 0u && lo == 0u) { return vec2<u32>(0u, 0u); }
  var e = firstLeadingBit(lo);
  if (hi != 0u) { e = 32u + firstLeadingBit(hi); }
  // Move the leading one to bit 52.
  if (e < 52u) {
    let s = 52u - e;
    if (s >= 32u) { hi = lo << (s - 32u); lo = 0u; } else { hi = (hi << s) | (lo >> (32u - s)); lo = lo << s; }
  } else if (e > 52u) {
    let s = e - 52u;
    lo = (lo >> s) | (hi << (32u - s));
    hi = hi >> s;
  }
  return vec2<u32>(lo, (hi & 0xfffffu) | ((1023u + e) << 20u) | select(0u, 0x80000000u, negative));
}
`;
