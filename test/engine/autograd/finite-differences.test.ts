// Every differentiable op against central finite differences in float64 (torch.autograd.gradcheck): the
// elementwise ops straight from the op registry, with broadcast, non-contiguous and view inputs; the others from
// the table below.
import { describe, test } from 'node:test';
import { F, torch } from '../../../engine/index.ts';
import type { Tensor } from '../../../engine/index.ts';
import { opRegistry, type BinarySpec, type UnarySpec } from '../../../engine/ops/dispatch.ts';
import { check, nonContiguous, prng, randomTensor } from '../helpers.ts';

function invoke(name: string, ...args: unknown[]): Tensor {
  const fn = (torch as unknown as Record<string, (...a: unknown[]) => Tensor>)[name];
  if (typeof fn !== 'function') throw new Error(`torch.${name} is not a function`);
  return fn(...args);
}

describe('elementwise ops from the registry', () => {
  const random = prng(1234);
  for (const [name, info] of opRegistry) {
    const spec = info.spec as UnarySpec | BinarySpec;
    if (!spec.backward || !spec.grad_fn) continue;
    const [low, high] = spec.domain ?? [-2, 2];
    if (info.kind === 'unary') {
      test(`${name}: contiguous, 0-dim, non-contiguous and expanded inputs`, () => {
        check((x) => invoke(name, x), [randomTensor(random, [2, 3], low, high)]);
        check((x) => invoke(name, x), [randomTensor(random, [], low, high)]);
        const { leaf, view } = nonContiguous(random, [3, 2], low, high);
        check(() => invoke(name, view), [leaf]);
        const small = randomTensor(random, [3], low, high);
        check((x) => invoke(name, x.expand(2, 3)), [small]);
      });
    } else {
      test(`${name}: broadcast, non-contiguous and scalar operands`, () => {
        check((a, b) => invoke(name, a, b), [randomTensor(random, [2, 3], low, high), randomTensor(random, [3], low, high)]);
        check((a, b) => invoke(name, a, b), [randomTensor(random, [2, 1], low, high), randomTensor(random, [1, 3], low, high)]);
        const { leaf, view } = nonContiguous(random, [2, 3], low, high);
        const other = randomTensor(random, [2, 3], low, high);
        check((l, o) => invoke(name, view.mul(1).add(l.mul(0).permute([1, 0])), o), [leaf, other]);
        if (!(spec as BinarySpec).tensorsOnly) check((a) => invoke(name, a, 1.25), [randomTensor(random, [4], low, high)]);
        check((b) => invoke(name, torch.tensor(1.25, { dtype: torch.float64 }), b), [randomTensor(random, [4], low, high)]);
      });
    }
  }
});

type Case = [string, (...xs: Tensor[]) => Tensor | Tensor[], (random: () => number) => Tensor[]];
const r = (shape: number[], low = -2, high = 2) => (random: () => number) => randomTensor(random, shape, low, high);
/** A constant input (no gradient), e.g. a loss target PyTorch cannot differentiate. */
const c = (shape: number[], low = -2, high = 2) => (random: () => number) => randomTensor(random, shape, low, high, false);
const inputs = (...makers: ((random: () => number) => Tensor)[]) => (random: () => number) => makers.map((m) => m(random));

const cases: Case[] = [
  ['sum dim', (x) => x.sum({ dim: [0, 2], keepdim: true }), inputs(r([2, 3, 2]))],
  ['mean', (x) => x.mean(1), inputs(r([2, 3]))],
  ['prod', (x) => x.prod(1), inputs(r([2, 3]))],
  ['max dim', (x) => x.max(1).values, inputs(r([2, 3]))],
  ['amax', (x) => x.amax([0, 1]), inputs(r([2, 3]))],
  ['std', (x) => x.std(1), inputs(r([2, 3]))],
  ['var', (x) => x.var({ dim: 0, correction: 0 }), inputs(r([3, 2]))],
  ['norm', (x) => x.norm(), inputs(r([2, 3]))],
  ['cumsum', (x) => x.cumsum(1), inputs(r([2, 3]))],
  ['cumprod', (x) => x.cumprod(0), inputs(r([3, 2]))],
  ['logsumexp', (x) => x.logsumexp(1), inputs(r([2, 3]))],
  ['mm', (a, b) => a.mm(b), inputs(r([2, 3]), r([3, 4]))],
  ['bmm', (a, b) => a.bmm(b), inputs(r([2, 2, 3]), r([2, 3, 2]))],
  ['matmul batched broadcast', (a, b) => a.matmul(b), inputs(r([2, 1, 2, 3]), r([3, 3, 2]))],
  ['matmul vector', (a, b) => a.matmul(b), inputs(r([3]), r([2, 3, 2]))],
  ['dot', (a, b) => a.dot(b), inputs(r([4]), r([4]))],
  ['mv', (a, b) => a.mv(b), inputs(r([2, 3]), r([3]))],
  ['outer', (a, b) => torch.outer(a, b), inputs(r([2]), r([3]))],
  ['einsum', (a, b) => torch.einsum('bij,bjk->bik', a, b), inputs(r([2, 2, 3]), r([2, 3, 2]))],
  ['einsum trace', (a) => torch.einsum('ii', a), inputs(r([3, 3]))],
  ['cat', (a, b) => torch.cat([a, b], 1), inputs(r([2, 1]), r([2, 3]))],
  ['stack', (a, b) => torch.stack([a, b], 0), inputs(r([2, 3]), r([2, 3]))],
  ['repeat', (x) => x.repeat(2, 1, 2), inputs(r([2, 3]))],
  ['tile', (x) => x.tile([2]), inputs(r([2, 3]))],
  ['flip', (x) => x.flip([0, 1]), inputs(r([2, 3]))],
  ['roll', (x) => x.roll(1, 1), inputs(r([2, 3]))],
  ['view', (x) => x.view(3, 2), inputs(r([2, 3]))],
  ['reshape copy', (x) => x.t().reshape(6), inputs(r([2, 3]))],
  ['transpose', (x) => x.transpose(0, 2), inputs(r([2, 3, 2]))],
  ['expand', (x) => x.expand(2, 3, 2), inputs(r([3, 1]))],
  ['narrow', (x) => x.narrow(1, 1, 2), inputs(r([2, 3]))],
  ['select', (x) => x.select(1, -1), inputs(r([2, 3]))],
  ['unbind', (x) => x.unbind(1), inputs(r([2, 3]))],
  ['split', (x) => x.split(2, 1), inputs(r([2, 3]))],
  ['chunk', (x) => x.chunk(2, 0), inputs(r([3, 2]))],
  ['as_strided', (x) => x.as_strided([2, 2], [1, 2], 1), inputs(r([6]))],
  ['diagonal', (x) => x.diagonal(), inputs(r([3, 3]))],
  ['squeeze/unsqueeze', (x) => x.unsqueeze(1).squeeze(2), inputs(r([2, 1]))],
  ['flatten/unflatten', (x) => x.flatten().unflatten(0, [3, 2]), inputs(r([2, 3]))],
  ['getitem', (x) => x.getitem('1:, None, ::2'), inputs(r([3, 3]))],
  ['index_select', (x) => x.index_select(1, torch.tensor([2, 0, 2])), inputs(r([2, 3]))],
  ['gather', (x) => x.gather(1, torch.tensor([[0, 0], [2, 1]])), inputs(r([2, 3]))],
  ['masked_fill', (x) => x.masked_fill(torch.tensor([true, false, true]), 0.5), inputs(r([2, 3]))],
  ['where', (a, b) => torch.where(a.gt(0), a, b), inputs(r([2, 3]), r([3]))],
  ['clamp', (x) => x.clamp(-1, 1), inputs(r([2, 3]))],
  ['softmax', (x) => F.softmax(x, { dim: 1 }), inputs(r([2, 3]))],
  ['log_softmax', (x) => F.log_softmax(x, { dim: 0 }), inputs(r([2, 3]))],
  ['gelu', (x) => F.gelu(x), inputs(r([2, 3]))],
  ['gelu tanh', (x) => F.gelu(x, { approximate: 'tanh' }), inputs(r([2, 3]))],
  ['leaky_relu', (x) => F.leaky_relu(x, 0.1), inputs(r([2, 3]))],
  ['dropout', (x) => { torch.manual_seed(3); return F.dropout(x, { p: 0.4 }); }, inputs(r([2, 3]))],
  ['linear', (x, w, b) => F.linear(x, w, b), inputs(r([2, 3]), r([4, 3]), r([4]))],
  ['mse_loss', (a, b) => F.mse_loss(a, b), inputs(r([2, 3]), r([2, 3]))],
  ['cross_entropy', (x) => F.cross_entropy(x, torch.tensor([2, 0])), inputs(r([2, 3]))],
  ['nll_loss', (x) => F.nll_loss(x, torch.tensor([1, 0])), inputs(r([2, 3]))],
  ['binary_cross_entropy', (x, y) => F.binary_cross_entropy(x, y), inputs(r([2, 3], 0.1, 0.9), c([2, 3], 0, 1))],
  ['binary_cross_entropy_with_logits', (x, y) => F.binary_cross_entropy_with_logits(x, y), inputs(r([2, 3]), c([2, 3], 0, 1))],
  ['l1_loss', (a, b) => F.l1_loss(a, b), inputs(r([2, 3]), r([2, 3]))],
  ['elu', (x) => F.elu(x), inputs(r([2, 3]))],
  ['silu', (x) => F.silu(x), inputs(r([2, 3]))],
  ['softplus', (x) => F.softplus(x), inputs(r([2, 3]))],
  ['normalize', (x) => F.normalize(x, { dim: 1 }), inputs(r([2, 3]))],
  ['pad', (x) => F.pad(x, [1, 2]), inputs(r([2, 3]))],
  ['addmm', (m, a, b) => torch.addmm(m, a, b, { beta: 0.5, alpha: 2 }), inputs(r([2, 4]), r([2, 3]), r([3, 4]))],
  ['baddbmm', (m, a, b) => torch.baddbmm(m, a, b), inputs(r([2, 2, 2]), r([2, 2, 3]), r([2, 3, 2]))],
  ['min dim', (x) => x.min(0).values, inputs(r([3, 2]))],
  ['amin', (x) => x.amin(1), inputs(r([2, 3]))],
  ['median', (x) => x.median(1).values, inputs(r([2, 3]))],
  ['var_mean', (x) => torch.var_mean(x, 1), inputs(r([2, 3]))],
  ['nansum', (x) => x.nansum(1), inputs(r([2, 3]))],
  ['nanmean', (x) => torch.nanmean(x, 0, true), inputs(r([2, 3]))],
  ['cummax', (x) => x.cummax(1).values, inputs(r([2, 4]))],
  ['cummin', (x) => torch.cummin(x.t(), 0).values, inputs(r([2, 3]))],
  ['logcumsumexp', (x) => x.logcumsumexp(1), inputs(r([2, 4]))],
  ['quantile', (x) => x.quantile(torch.tensor([0.3, 0.8], { dtype: torch.float64 }), 1, true), inputs(r([2, 4]))],
  ['nanquantile midpoint', (x) => torch.nanquantile(x, 0.4, { interpolation: 'midpoint' }), inputs(r([2, 3]))],
  ['tril', (x) => x.tril(), inputs(r([3, 3]))],
  ['triu', (x) => x.triu(1), inputs(r([3, 3]))],
  ['hstack', (a, b) => torch.hstack([a, b]), inputs(r([2, 1]), r([2, 2]))],
  ['repeat_interleave', (x) => x.repeat_interleave(2, { dim: 0 }), inputs(r([2, 3]))],
  ['movedim', (x) => x.movedim(0, 2), inputs(r([2, 3, 2]))],
  ['unfold', (x) => x.unfold(1, 2, 1), inputs(r([2, 4]))],
  ['scatter', (x, src) => x.scatter(1, torch.tensor([[2, 0], [1, 2]]), src), inputs(r([2, 3]), r([2, 2]))],
  ['scatter_add', (x, src) => x.scatter_add(1, torch.tensor([[2, 2], [1, 0]]), src), inputs(r([2, 3]), r([2, 2]))],
  ['index_add', (x, src) => x.index_add(0, torch.tensor([1, 1]), src), inputs(r([2, 3]), r([2, 3]))],
  ['masked_select', (x) => x.masked_select(torch.tensor([[true, false, true], [false, true, true]])), inputs(r([2, 3]))],
  ['take', (x) => x.take(torch.tensor([5, 0, 5])), inputs(r([2, 3]))],
  ['lerp', (a, b, w) => torch.lerp(a, b, w), inputs(r([2, 3]), r([2, 3]), r([3], 0, 1))],
  ['addcmul', (x, a, b) => torch.addcmul(x, a, b, { value: 0.5 }), inputs(r([2, 3]), r([2, 3]), r([3]))],
  ['addcdiv', (x, a, b) => torch.addcdiv(x, a, b, { value: 0.5 }), inputs(r([2, 3]), r([2, 3]), r([3], 1, 2))],
  ['clamp with tensor bounds', (x, lo, hi) => x.clamp(lo, hi), inputs(r([2, 3]), r([3], -2, -0.5), r([3], 0.5, 2))],
  ['in-place through a view (CopySlices)', (x) => { const y = x.mul(1); y.getitem('0').mul_(3); return y; }, inputs(r([2, 3]))],
  ['setitem of a differentiable value', (x, v) => { const y = x.mul(1); y.setitem(':, 1', v); return y; }, inputs(r([2, 3]), r([2]))],
];

describe('other differentiable ops', () => {
  const random = prng(99);
  for (const [name, fn, make] of cases) {
    test(name, () => { check(fn, make(random)); });
  }
});
