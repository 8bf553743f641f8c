// F.pad in 'reflect' and 'replicate' modes (ATen's reflection_pad{1,2,3}d and replication_pad{1,2,3}d), with each
// kernel's own checks and messages, which differ in wording and in what they let through. Every padded dimension is
// a gather along a list of source positions (mirrored, or clamped to the edge; negative amounts crop); the backward
// scatter-adds the gradient back along the same lists and is a node of its own, ReflectionPad1DBackwardBackward0
// and the like, whose backward is the padding again.
import { record } from '../../autograd/record.ts';
import { float32, float64, int64 } from '../../core/dtype.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Device } from '../../core/device.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';

export type EdgeMode = 'reflect' | 'replicate';

/** For each output position along one dimension, the input position it reads. */
function sources(mode: EdgeMode, size: number, before: number, outSize: number): number[] {
  return Array.from({ length: Math.max(outSize, 0) }, (_, o) => {
    const i = o - before;
    if (mode === 'replicate') return Math.min(Math.max(i, 0), size - 1);
    return i < 0 ? -i : i >= size ? 2 * (size - 1) - i : i;
  });
}

/** An int64 index tensor holding `list`, on `device`. */
function indexOn(list: readonly number[], device: Device): Tensor {
  const index = emptyTensor([list.length], int64);
  index.storage.data.set(list);
  return device.type === 'cpu' ? index : index.to(device);
}

interface Plan { dims: number[]; lists: number[][]; nodeName: string; inputShape: number[] }

function applyPlan(input: Tensor, plan: Plan): Tensor {
  const out = withGradMode(false, () => {
    let result = input;
    plan.dims.forEach((d, k) => {
      result = result.index_select(d, indexOn(plan.lists[k]!, input.device));
    });
    return result.contiguous();
  });
  record(plan.nodeName, [input], out, {}, ([grad]) => [scatterPlan(grad!, plan)]);
  return out;
}

function scatterPlan(grad: Tensor, plan: Plan): Tensor {
  const out = withGradMode(false, () => {
    let result = grad;
    for (let k = plan.dims.length - 1; k >= 0; k--) {
      const d = plan.dims[k]!;
      const shape = result._shape.map((s, i) => (i === d ? plan.inputShape[d]! : s));
      const index = indexOn(plan.lists[k]!, grad.device);
      result = result.new_zeros(shape).index_add_(d, index, result);
    }
    return result;
  });
  record(plan.nodeName.replace(/Backward0$/, 'BackwardBackward0'), [grad], out, {}, ([g]) => [applyPlan(g!, plan)]);
  return out;
}

const letters = ['W', 'H', 'D'];

/** ATen's check_valid_input: only the batch dimension may be empty. */
function checkNonEmpty(input: Tensor, k: number, message: () => string): void {
  const batched = input.ndim === k + 2;
  if (input._shape.some((s, d) => s === 0 && (d > 0 || !batched))) throw new RuntimeError(message());
}

/** reflection_pad{k}d / replication_pad{k}d on an input of rank k + 1 or k + 2 with 2k padding amounts. */
export function edgePad(input: Tensor, pad: readonly number[], mode: EdgeMode): Tensor {
  const k = pad.length / 2;
  const ndim = input.ndim;
  const shape = input._shape;
  // Dimension d of the input is padded by pad[2j], pad[2j + 1] with j counted from the last dimension.
  const dims = Array.from({ length: k }, (_, j) => ndim - 1 - j);
  const outSizes = dims.map((d, j) => shape[d]! + pad[2 * j]! + pad[2 * j + 1]!);
  const sizes = `[${shape.join(', ')}]`;
  if (mode === 'reflect') {
    const legacy = () => `${k + 1}D or ${k + 2}D (batch mode) tensor expected for input, but got: [ ${input.type()}{${shape.join(',')}} ]`;
    if (k < 3) {
      if (shape.slice(1).some((s) => s === 0)) throw new RuntimeError(legacy());
    } else {
      checkNonEmpty(input, k, () => `Expected ${k + 1}D or ${k + 2}D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${sizes}`);
    }
    dims.forEach((d, j) => {
      const [before, after] = [pad[2 * j]!, pad[2 * j + 1]!];
      if (before >= shape[d]! || after >= shape[d]!) {
        const of = k === 2 ? String(ndim) : sizes;
        throw new RuntimeError(`Argument #${4 + 2 * j}: Padding size should be less than the corresponding input dimension, but got: padding (${before}, ${after}) at dimension ${d} of input ${of}`);
      }
    });
  } else {
    checkNonEmpty(input, k, () => `Expected ${k + 1}D or ${k + 2}D (batch mode) tensor with possibly 0 batch size and other non-zero dimensions for input, but got: ${sizes}`);
  }
  if (outSizes.every((s) => s < 1)) throw new RuntimeError(tooSmall(mode, k, dims.map((d) => shape[d]!), outSizes));
  const outShape = shape.map((s, d) => (dims.includes(d) ? outSizes[ndim - 1 - d]! : s));
  const negative = outShape.find((s) => s < 0);
  if (negative !== undefined) {
    if (mode === 'reflect' && k === 2) throw new RuntimeError('numel: integer multiplication overflow');
    throw new RuntimeError(`Trying to create tensor with negative dimension ${negative}: [${outShape.join(', ')}]`);
  }
  if (input.dtype !== float32 && input.dtype !== float64) {
    const kernel = mode === 'reflect' ? `reflection_pad${k}d` : `replication_pad${k}d_cpu`;
    throw new RuntimeError(`"${kernel}" not implemented for '${input.dtype.scalarName}'`);
  }
  const lists = dims.map((d, j) => sources(mode, shape[d]!, pad[2 * j]!, outSizes[j]!));
  const name = `${mode === 'reflect' ? 'Reflection' : 'Replication'}Pad${k}DBackward0`;
  return applyPlan(input, { dims, lists, nodeName: name, inputShape: [...shape] });
}

/** The kernels' "too small" messages, each worded (and spaced) as its own. */
function tooSmall(mode: EdgeMode, k: number, inSizes: number[], outSizes: number[]): string {
  const named = (sizes: number[]) => Array.from({ length: k }, (_, j) => `${letters[k - 1 - j]}: ${sizes[k - 1 - j]}`);
  const outputs = named(outSizes).join(' ');
  if (k === 1) {
    return mode === 'reflect' ? `2input (W: ${inSizes[0]})is too small. Calculated output W: ${outSizes[0]}`
      : `input (W: ${inSizes[0]}) is too small. Calculated output W: ${outSizes[0]}`;
  }
  if (k === 2) {
    const inputs = named(inSizes).join(', ');
    return mode === 'reflect' ? `input (${inputs})is too small. Calculated output ${outputs}` : `input (${inputs} ) is too small. Calculated output ${outputs}`;
  }
  const [w, h, d] = inSizes;
  return `input (D: ${d} H: ${h}, W: ${w}) is too small. Calculated output ${outputs}`;
}
