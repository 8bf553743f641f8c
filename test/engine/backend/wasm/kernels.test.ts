// The WebAssembly kernels against the reference kernels (engine/backend/cpu), op by op, over the layouts the
// dispatcher hands them: contiguous, transposed, sliced with steps, broadcast (stride 0), 0-dim, odd sizes. Float32
// elementwise maps, extremes and softmax must agree bit for bit; float64 math within an ulp or two; sums and
// products within float tolerance (their summation order differs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { type KernelMode, setKernelMode, wasmAvailable } from '../../../../engine/backend/wasm/index.ts';

function run<T>(mode: KernelMode, f: () => T): T {
  const previous = setKernelMode(mode);
  try { return f(); } finally { setKernelMode(previous); }
}

/** Compares the op on both paths: exact, or within `ulps` units in the last place of the dtype plus `atol`. */
function agree(f: () => Tensor, ulps = 0, atol = 0): void {
  const reference = run('reference', f);
  const fast = run('wasm', f);
  assert.deepEqual(fast.shape, reference.shape);
  assert.equal(fast.dtype, reference.dtype);
  const [r, w] = [reference._values(), fast._values()];
  const epsilon = reference.dtype === torch.float32 ? 2 ** -23 : 2 ** -52;
  r.forEach((expected, i) => {
    const got = w[i]!;
    if (Number.isNaN(expected)) return assert.ok(Number.isNaN(got), `[${i}]: expected NaN, got ${got}`);
    if ((ulps === 0 && atol === 0) || !Number.isFinite(expected)) return assert.ok(Object.is(got, expected) || got === expected, `[${i}]: expected ${expected}, got ${got}`);
    assert.ok(Math.abs(got - expected) <= ulps * epsilon * Math.abs(expected) + atol, `[${i}]: expected ${expected}, got ${got}`);
  });
}

/** Values from a fixed seed, spread over [-4, 4), with the special values the kernels must keep unless `plain`. */
function sample(shape: number[], dtype = torch.float32, plain = false): Tensor {
  torch.manual_seed(shape.reduce((a, b) => a * 31 + b, 7));
  const t = torch.rand(shape, { dtype }).mul(8).sub(4);
  if (plain) return t;
  const flat = t.view(-1);
  const specials = [0, -0, NaN, Infinity, -Infinity, 1e-30, -1e-30, 88.7, -88.7, 1e-8];
  specials.forEach((v, i) => { if (i * 7 < flat.numel()) flat.setitem(String(i * 7), v); });
  return t;
}

/** The layouts of one logical [a, b] shape: contiguous, transposed, sliced with a step, and broadcast rows. */
function layouts(a: number, b: number, dtype = torch.float32): [string, () => Tensor][] {
  return [
    ['contiguous', () => sample([a, b], dtype)],
    ['transposed', () => sample([b, a], dtype).t()],
    ['stepped', () => sample([a, 2 * b + 1], dtype).getitem(`:, 1::2`)],
    ['expanded', () => sample([1, b], dtype).expand(a, b)],
  ];
}

test('WebAssembly SIMD is available in Node', () => assert.ok(wasmAvailable()));

for (const dtype of [torch.float32, torch.float64]) {
  describe(`${dtype} elementwise`, () => {
    for (const op of ['neg', 'abs', 'sqrt', 'relu', 'exp', 'log', 'tanh', 'sigmoid'] as const) {
      test(op, () => {
        // tanh loses a few bits to cancellation just above 0.17, where its two formulas meet.
        const ulps = dtype === torch.float32 ? 0 : op === 'tanh' ? 8 : ['exp', 'log', 'sigmoid'].includes(op) ? 2 : 0;
        const apply = (t: Tensor) => (t as unknown as Record<typeof op, () => Tensor>)[op]();
        for (const [, make] of layouts(37, 61, dtype)) agree(() => apply(make()), ulps);
        agree(() => apply(sample([], dtype)), ulps);
        agree(() => apply(sample([40000], dtype)), ulps);
      });
    }
    for (const op of ['add', 'sub', 'mul', 'div'] as const) {
      test(op, () => {
        for (const [, left] of layouts(23, 45, dtype)) {
          for (const [, right] of layouts(23, 45, dtype)) agree(() => left()[op](right()));
          agree(() => left()[op](2.5));
          agree(() => left()[op](sample([45], dtype)));
          agree(() => left()[op](sample([23, 1], dtype)));
        }
        agree(() => sample([3, 4, 5, 6], dtype).permute(2, 0, 3, 1)[op](sample([5, 3, 6, 4], dtype)));
        agree(() => sample([70000], dtype)[op](sample([70000], dtype)));
      });
    }
  });

  describe(`${dtype} reductions`, () => {
    // Float32 sums accumulate in double on both paths and round once; float64 sums differ in order, by far less
    // than the summands' rounding (values up to 4).
    const [tolerance, atol] = dtype === torch.float32 ? [0, 0] : [4, 1e-11];
    test('sum and mean over all, rows, columns and middle dims', () => {
      for (const [, make] of layouts(33, 130, dtype)) {
        for (const dim of [undefined, 0, 1, -1] as const) {
          agree(() => make().sum(dim === undefined ? {} : { dim }), tolerance, atol);
          agree(() => make().mean(dim === undefined ? {} : { dim }), tolerance, atol);
        }
      }
      agree(() => sample([4, 5, 6, 7], dtype).sum([1, 3]), tolerance, atol);
      agree(() => sample([4, 5, 6, 7], dtype).permute(3, 1, 0, 2).mean([0, 1], true), tolerance, atol);
      agree(() => sample([70000], dtype).sum(), tolerance, atol);
      agree(() => sample([3, 50000], dtype).sum(1), tolerance, atol);
    });
    test('max, amax, argmax and argmin keep the first extreme and the first NaN', () => {
      for (const [, make] of layouts(17, 90, dtype)) {
        agree(() => make().amax(1));
        agree(() => make().amin(0));
        agree(() => make().argmax(1));
        agree(() => make().argmin(0));
      }
      const ties = () => torch.tensor([[1, 3, 3, 2, 3, 0, 3, 3, 1], [NaN, 1, NaN, 5, 5, 5, 5, 5, 5]], { dtype });
      agree(() => ties().argmax(1));
      agree(() => ties().argmin(1));
      agree(() => ties().max());
    });
  });

  describe(`${dtype} softmax and products`, () => {
    test('softmax along the last dim matches bit for bit in float32', () => {
      for (const length of [1, 3, 7, 8, 9, 15, 16, 17, 100]) agree(() => sample([13, length], dtype).softmax(-1), dtype === torch.float32 ? 0 : 4);
      agree(() => sample([], dtype).softmax(0));
      agree(() => sample([2, 3, 33], dtype).softmax(2), dtype === torch.float32 ? 0 : 4);
    });
    test('mm, bmm and matmul over strided operands', () => {
      // Float32 products accumulate in float (as PyTorch's BLAS does), the reference in double: the gap grows with
      // the shared dimension k and the operands' magnitude (up to 4 here).
      const close = (f: () => Tensor, k: number) => {
        const [r, w] = [run('reference', f), run('wasm', f)];
        const atol = (dtype === torch.float32 ? 2 ** -23 : 2 ** -52) * 16 * k;
        const gap = (w.sub(r).abs().max().item() as number);
        assert.ok(gap <= atol, `largest difference ${gap} > ${atol}`);
      };
      const plain = (shape: number[]) => sample(shape, dtype, true);
      for (const [n, k, m] of [[1, 1, 1], [5, 3, 7], [37, 53, 29], [64, 300, 65], [4, 513, 8]] as const) {
        close(() => plain([n, k]).mm(plain([k, m])), k);
        close(() => plain([k, n]).t().mm(plain([m, k]).t()), k);
        close(() => plain([n, 2 * k]).getitem(':, ::2').mm(plain([k, m])), k);
        close(() => plain([3, n, k]).bmm(plain([3, k, m])), k);
        close(() => plain([2, 1, n, k]).matmul(plain([3, k, m])), k);
      }
    });
  });
}

test('other dtypes and empty tensors stay on the reference kernels', () => {
  agree(() => torch.arange(10000).add(torch.arange(10000)));
  agree(() => torch.arange(10000).reshape(100, 100).mm(torch.arange(10000).reshape(100, 100)));
  agree(() => torch.zeros(0, 5).add(1));
  agree(() => torch.zeros(5, 0).sum(1));
  agree(() => torch.zeros(3, 0).mm(torch.zeros(0, 4)));
});
