// Joins, indexing and the float kernels with special values on the webgpu device, against the CPU reference:
// contiguous, transposed, sliced-with-step and expanded inputs, every dtype, negative indices, the same errors, one
// gradient per op, and no CPU fallback for the ops covered here.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import type { Tensor } from '../../../../engine/index.ts';
import { assertMatches, device, startDevice } from './setup.ts';

const skip = startDevice();

/** Runs `compute` on CPU inputs and on their device copies; the results match, or both throw the same error. */
function sameOnDevice(label: string, inputs: readonly Tensor[], compute: (...xs: Tensor[]) => Tensor | Tensor[]): void {
  let expected: Tensor | Tensor[];
  try {
    expected = compute(...inputs);
  } catch (error) {
    assert.throws(() => compute(...inputs.map((x) => x.cuda())), { name: (error as Error).name, message: (error as Error).message }, label);
    return;
  }
  const actual = compute(...inputs.map((x) => x.cuda()));
  if (Array.isArray(expected)) (actual as Tensor[]).forEach((a, i) => assertMatches(a, expected[i]!, `${label}[${i}]`));
  else assertMatches(actual as Tensor, expected, label);
}

const dtypes = [torch.float32, torch.int32, torch.int64, torch.bool];

/** A 4x6 tensor of `dtype` in four layouts: contiguous, transposed, sliced with a step, expanded. */
function layouts(dtype: typeof torch.float32, seed: number): [string, Tensor][] {
  torch.manual_seed(seed);
  const base = torch.randn(8, 12).mul(5);
  const cast = (t: Tensor) => (dtype === torch.bool ? t.gt(0) : t.to(dtype));
  return [
    ['contiguous', cast(base.getitem(':4, :6').contiguous())],
    ['transposed', cast(base.getitem(':6, :4').contiguous()).t()],
    ['sliced', cast(base.getitem('::2, 1::2'))],
    ['expanded', cast(base.getitem(':1, :6')).expand(4, 6)],
  ];
}

/** Asserts no op named in `names` fell back to the CPU. */
function noFallback(...names: string[]): void {
  const fallen = [...device().fallbacks.keys()].filter((k) => names.some((n) => k === n || k.startsWith(`${n} `)));
  assert.deepEqual(fallen, [], `fallbacks: ${JSON.stringify([...device().fallbacks])}`);
}

describe('webgpu joins and indexing', { skip: skip ?? false }, () => {
  test('cat and stack: every dtype and layout, promotion, errors, gradients', () => {
    for (const dtype of dtypes) {
      for (const [name, x] of layouts(dtype, 1)) {
        sameOnDevice(`cat ${dtype.name} ${name}`, [x, x.getitem('1:3')], (a, b) => torch.cat([a, b, a], 0));
        sameOnDevice(`cat dim 1 ${dtype.name} ${name}`, [x, x.getitem(':, 1:3')], (a, b) => torch.cat([a, b], -1));
        sameOnDevice(`stack ${dtype.name} ${name}`, [x, x], (a, b) => torch.stack([a, b], 1));
        sameOnDevice(`hstack/vstack ${dtype.name} ${name}`, [x], (a) => torch.vstack([torch.hstack([a, a]), torch.hstack([a, a])]));
      }
    }
    const [f, i] = [layouts(torch.float32, 2)[1]![1], layouts(torch.int32, 3)[2]![1]];
    sameOnDevice('cat promotes int32 and float32', [f, i], (a, b) => torch.cat([a, b], 0));
    sameOnDevice('cat of mismatched sizes', [f, f.getitem(':, :2')], (a, b) => torch.cat([a, b], 0));
    sameOnDevice('stack of mismatched sizes', [f, f.getitem(':, :2')], (a, b) => torch.stack([a, b]));
    sameOnDevice('cat gradient', [f], (a) => {
      const x = a.detach().requires_grad_();
      torch.cat([x, x.mul(2)], 1).mul(torch.arange(48, { dtype: torch.float32 }).view(6, 8).to(x.device)).sum().backward();
      return x.grad!;
    });
    noFallback('copy');
  });
});

describe('webgpu gathers', { skip: skip ?? false }, () => {
  const long = (values: number[], shape?: number[]) => torch.tensor(values).view(shape ?? [values.length]);

  test('index_select, gather and take: every dtype and layout, negative and bad indices, gradients', () => {
    for (const dtype of dtypes) {
      for (const [name, x] of layouts(dtype, 4)) {
        const label = `${dtype.name} ${name}`;
        sameOnDevice(`index_select 0 ${label}`, [x, long([3, 0, 3, 1])], (a, i) => a.index_select(0, i));
        sameOnDevice(`index_select 1 int32 index ${label}`, [x, long([5, 2]).int()], (a, i) => torch.index_select(a, -1, i));
        sameOnDevice(`index_select strided index ${label}`, [x, long([4, 1, 0, 2, 5, 3]).getitem('::2')], (a, i) => a.index_select(1, i));
        sameOnDevice(`index_select out of range ${label}`, [x, long([0, 4])], (a, i) => a.index_select(0, i));
        sameOnDevice(`index_select negative ${label}`, [x, long([-1])], (a, i) => a.index_select(1, i));
        const g = long([0, 5, 2, 1, 3, 3, 4, 0], [2, 4]);
        sameOnDevice(`gather 1 ${label}`, [x, g], (a, i) => a.gather(1, i));
        sameOnDevice(`gather 0 transposed index ${label}`, [x, g.getitem(':, :2').remainder(4).t()], (a, i) => a.gather(0, i));
        sameOnDevice(`gather expanded index ${label}`, [x, long([2, 0]).view(1, 2).expand(3, 2)], (a, i) => torch.gather(a, 1, i));
        sameOnDevice(`gather out of range ${label}`, [x, long([0, 6])], (a, i) => a.gather(1, i.view(1, 2)));
        sameOnDevice(`gather negative ${label}`, [x, long([-1, 0])], (a, i) => a.gather(1, i.view(1, 2)));
        sameOnDevice(`take ${label}`, [x, long([0, -1, 7, -24, 23, 5], [3, 2])], (a, i) => a.take(i));
        sameOnDevice(`take transposed index ${label}`, [x, long([0, -1, 7, -24, 23, 5], [3, 2]).t()], (a, i) => torch.take(a, i));
        sameOnDevice(`take out of range ${label}`, [x, long([24])], (a, i) => a.take(i));
      }
    }
    const x = layouts(torch.float32, 5)[1]![1];
    sameOnDevice('gather of a device-computed index', [x], (a) => a.gather(1, a.argmax(1, true)));
    sameOnDevice('0-dim index_select and take', [x.getitem('0, 0'), torch.tensor(0)], (a, i) => torch.stack([a.index_select(0, i), a.take(i)]));
    noFallback('index_select', 'gather', 'take', 'copy');
  });
});
