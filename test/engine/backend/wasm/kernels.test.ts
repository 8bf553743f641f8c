// The WebAssembly kernels against the reference kernels (engine/backend/cpu), op by op, over the layouts the
// dispatcher hands them: contiguous, transposed, sliced with steps, broadcast (stride 0), 0-dim, odd sizes, sizes
// that span several streamed chunks. Float32 elementwise maps, extremes, softmax and log_softmax must agree bit for
// bit, and so must integer maps (int32 wrapping on overflow) and int64 sums; float64 math within an ulp or two; float
// sums and products within float tolerance (their summation order differs).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { F, torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import type { DType } from '../../../../engine/core/dtype.ts';
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
    for (const kind of ['softmax', 'log_softmax'] as const) {
      test(`${kind} along the last dim matches bit for bit in float32`, () => {
        const ulps = dtype === torch.float32 ? 0 : 4;
        const apply = (t: Tensor, dim: number) => t[kind](dim);
        for (const length of [1, 3, 7, 8, 9, 15, 16, 17, 100, 1000]) agree(() => apply(sample([13, length], dtype), -1), ulps);
        agree(() => apply(sample([], dtype), 0));
        agree(() => apply(sample([2, 3, 33], dtype), 2), ulps);
        agree(() => apply(sample([70, 1030], dtype, true), 1), ulps);
        agree(() => apply(torch.tensor([[1, NaN, 3], [Infinity, 1, 2], [-Infinity, -Infinity, -Infinity], [-Infinity, 0, 5]], { dtype }), 1));
        // Other dims and strided inputs take the reference kernel on both paths.
        agree(() => apply(sample([13, 21], dtype), 0), ulps);
        agree(() => apply(sample([21, 13], dtype).t(), 1), ulps);
        agree(() => apply(torch.zeros(3, 0, { dtype }), 1));
      });
    }
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

/** Integers from a fixed seed: small ones, and near the dtype's limits (int32 overflows; int64 stays within 2^53). */
function integers(shape: number[], dtype: DType): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const limit = dtype === torch.int32 ? 2 ** 31 : 2 ** 26;
  let seed = shape.reduce((a, b) => a * 31 + b, 11);
  const next = () => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
  const values = Array.from({ length: n }, (_, i) => {
    if (i % 5 === 0) return Math.floor(next() * 2 * limit) - limit;
    return i % 7 === 0 ? 0 : Math.floor(next() * 200) - 100;
  });
  if (dtype === torch.int32) [2147483647, -2147483648, 46341, -46341].forEach((v, i) => { if (i < n) values[i] = v; });
  return torch.tensor(values, { dtype }).view(shape);
}

for (const dtype of [torch.int32, torch.int64]) {
  describe(`${dtype} elementwise and sums`, () => {
    const layouts = (a: number, b: number): (() => Tensor)[] => [
      () => integers([a, b], dtype),
      () => integers([b, a], dtype).t(),
      () => integers([a, 2 * b + 1], dtype).getitem(':, 1::2'),
      () => integers([1, b], dtype).expand(a, b),
    ];
    for (const op of ['add', 'sub', 'mul'] as const) {
      test(`${op} matches the reference bit for bit${dtype === torch.int32 ? ', wrapping on overflow' : ''}`, () => {
        for (const left of layouts(23, 45)) {
          for (const right of layouts(23, 45)) agree(() => left()[op](right()));
          agree(() => left()[op](7));
          agree(() => left()[op](-3));
          agree(() => left()[op](integers([45], dtype)));
          agree(() => left()[op](integers([23, 1], dtype)));
        }
        agree(() => integers([], dtype)[op](integers([], dtype)));
        agree(() => integers([70001], dtype)[op](integers([70001], dtype)));
        // Zeros times negatives: int64 results hold no -0.
        agree(() => torch.zeros(3000, { dtype })[op](integers([3000], dtype)));
        agree(() => torch.zeros(0, 5, { dtype })[op](integers([5], dtype)));
      });
    }
    for (const op of ['neg', 'abs', 'relu'] as const) {
      test(`${op} matches the reference bit for bit`, () => {
        const apply = (t: Tensor) => (t as unknown as Record<typeof op, () => Tensor>)[op]();
        for (const make of layouts(37, 61)) agree(() => apply(make()));
        agree(() => apply(integers([], dtype)));
        agree(() => apply(integers([40000], dtype)));
        agree(() => apply(torch.zeros(2000, { dtype })));
      });
    }
    test('sums over all, rows, columns and middle dims match exactly', () => {
      for (const make of layouts(33, 130)) {
        for (const dim of [undefined, 0, 1, -1] as const) agree(() => make().sum(dim === undefined ? {} : { dim }));
      }
      agree(() => integers([4, 5, 6, 7], dtype).sum([1, 3]));
      agree(() => integers([4, 5, 6, 7], dtype).permute(3, 1, 0, 2).sum([0, 1], true));
      agree(() => integers([70000], dtype).sum());
      agree(() => torch.zeros(5, 0, { dtype }).sum(1));
    });
  });
}

describe('streamed chunks', () => {
  // Sizes that end mid-chunk after several whole ones (chunks are 1 MiB per operand).
  for (const dtype of [torch.float32, torch.float64, torch.int32, torch.int64]) {
    test(`${dtype} maps across chunk boundaries`, () => {
      const n = (dtype === torch.float32 || dtype === torch.int32 ? 2 ** 18 : 2 ** 17) * 2 + 37;
      const make = () => (dtype.is_floating_point ? sample([n], dtype, true) : integers([n], dtype));
      agree(() => make().add(make().flip(0)));
      agree(() => make().mul(3));
      agree(() => make().neg());
      agree(() => make().getitem('5:').sub(make().getitem(':-5')));
      agree(() => make().sum(), dtype === torch.float64 ? 4 : 0, dtype === torch.float64 ? 1e-8 : 0);
    });
  }
});

test('bool tensors and empty tensors stay on the reference kernels', () => {
  agree(() => torch.arange(10000).add(torch.arange(10000)));
  agree(() => torch.ones(5000, { dtype: torch.bool }).logical_not().add(torch.ones(5000, { dtype: torch.bool })));
  agree(() => torch.arange(10000).reshape(100, 100).mm(torch.arange(10000).reshape(100, 100)));
  agree(() => torch.zeros(0, 5).add(1));
  agree(() => torch.zeros(5, 0).sum(1));
  agree(() => torch.zeros(3, 0).mm(torch.zeros(0, 4)));
});

describe('threshold backward (relu and F.threshold gradients)', () => {
  // Both fused paths (the SIMD kernel and the loop the reference mode runs) against the composite they replace,
  // where(saved <= threshold, 0, grad): a NaN in saved passes the gradient, a masked element is +0 even where the
  // gradient is inf or NaN, and -0 stays -0 where it passes.
  const specials = (t: Tensor, values: number[]) => {
    const flat = t.view(-1);
    values.forEach((v, i) => { if (i * 5 < flat.numel()) flat.setitem(String(i * 5), v); });
    return t;
  };
  for (const dtype of [torch.float32, torch.float64]) {
    for (const n of [7, 1000, 2 ** 18 * 2 + 37]) {
      for (const mode of ['wasm', 'reference'] as const) {
        test(`${dtype} n=${n} on the ${mode} path`, () => {
          const saved = specials(sample([n], dtype, true), [NaN, 0, -0, 0.5, Infinity, -Infinity, 1e-30]);
          const grad = specials(sample([n], dtype, true).flip(0).contiguous(), [Infinity, NaN, -0, -Infinity, 0, NaN, 3]);
          for (const threshold of [0, 0.5]) {
            const expected = run('reference', () => torch.where(saved.le(threshold), 0, grad))._values();
            const got = run(mode, () => {
              const x = saved.clone().requires_grad_();
              const y = threshold === 0 ? x.relu() : F.threshold(x, threshold, 0);
              // relu saves its result, threshold its input: both equal `saved` where the mask can tell.
              y.backward(grad);
              return x.grad!;
            })._values();
            const reference = threshold === 0
              ? run('reference', () => torch.where(saved.relu().le(0), 0, grad))._values()
              : expected;
            reference.forEach((v, i) => assert.ok(Object.is(got[i], v), `[${i}] threshold ${threshold}: expected ${v}, got ${got[i]}`));
          }
        });
      }
    }
  }
});

test('addmm with beta = alpha = 1 adds the bias as a plain add does, on both paths, bit for bit', () => {
  // The products themselves differ between the paths (float against double accumulation); the bias add must not.
  const same = (f: () => Tensor, g: () => Tensor) => {
    for (const mode of ['wasm', 'reference'] as const) {
      const [x, y] = [run(mode, f)._values(), run(mode, g)._values()];
      y.forEach((v, i) => assert.ok(Object.is(x[i], v), `${mode} [${i}]: expected ${v}, got ${x[i]}`));
    }
  };
  for (const dtype of [torch.float32, torch.float64]) {
    const [m1, m2, w] = [sample([40, 30], dtype, true), sample([30, 50], dtype, true), sample([60, 30], dtype, true)];
    for (const bias of [sample([50], dtype), sample([40, 50], dtype), sample([40, 1], dtype)]) {
      same(() => torch.addmm(bias, m1, m2), () => m1.mm(m2).add(bias));
    }
    const b = sample([60], dtype);
    same(() => F.linear(m1, w, b), () => m1.mm(w.t()).add(b));
  }
  // baddbmm takes a bias of another dtype, converted element by element (the fast add reads one dtype only).
  const [p, q] = [sample([2, 40, 30], torch.float32, true), sample([2, 30, 50], torch.float32, true)];
  same(() => torch.baddbmm(torch.ones(40, 50).long(), p, q), () => p.bmm(q).add(1));
});

describe('copies in one dtype (clone, contiguous) gather on the fast kernels', () => {
  for (const dtype of [torch.float32, torch.float64, torch.int32, torch.int64]) {
    test(`${dtype} clones of every layout agree bit for bit`, () => {
      const make = (shape: number[]) => (dtype.is_floating_point ? sample(shape, dtype) : integers(shape, dtype));
      for (const [, t] of [
        ['transposed', () => make([40, 30]).t()],
        ['stepped', () => make([40, 61]).getitem(':, 1::2')],
        ['permuted 4-d', () => make([3, 4, 5, 6]).permute(2, 0, 3, 1)],
        ['windows (im2col)', () => make([2, 3, 9, 9]).unfold(2, 3, 1).unfold(3, 3, 2).permute(0, 1, 4, 5, 2, 3)],
        ['expanded', () => make([1, 50]).expand(30, 50)],
      ] as [string, () => Tensor][]) {
        agree(() => t().contiguous());
        agree(() => t().clone());
        agree(() => t().clone({ memory_format: 'contiguous_format' }));
      }
    });
  }
});

test('index_add over contiguous float tensors sums as the general walk does, bit for bit', () => {
  for (const dtype of [torch.float32, torch.float64]) {
    for (const dim of [0, 1, 2]) {
      const self = sample([6, 7, 8], dtype, true);
      const size = self.size(dim) as number;
      const index = torch.tensor([0, size - 1, 2, 0, 0, 3, size - 1, 1, 2]);
      const shape = [6, 7, 8];
      shape[dim] = index.numel();
      const source = sample(shape, dtype, true).mul(1e3);
      // The same source laid out transposed takes the general walk.
      const strided = source.transpose(0, 2).contiguous().transpose(0, 2);
      for (const alpha of [1, -0.3]) {
        const fast = self.index_add(dim, index, source, { alpha })._values();
        const general = self.index_add(dim, index, strided, { alpha })._values();
        general.forEach((v, i) => assert.ok(Object.is(fast[i], v), `${dtype} dim ${dim} alpha ${alpha} [${i}]: ${fast[i]} != ${v}`));
      }
    }
  }
});
