// 2-d pooling over the windows of windows.ts: max_pool2d (MaxPool2DWithIndicesBackward0, gradient scattered to the
// argmax positions), avg_pool2d (AvgPool2DBackward0, gradient spread evenly back through foldWindows) and
// adaptive_avg_pool2d (AdaptiveAvgPool2DBackward0; averaging rectangles is separable, so forward and backward are
// two small matrix products). Output sizes, ceil_mode and divisors follow ATen's pooling_output_shape and avg_pool2d.
import { record } from '../../autograd/record.ts';
import { int64 } from '../../core/dtype.ts';
import { IndexError, RuntimeError, ValueError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { bindArgs } from './args.ts';
import { foldWindows, type Pair, type WindowGeometry, windows } from './windows.ts';

type IntOrPair = number | number[];

function pair(fname: string, name: string, value: unknown, fallback: Pair | null): Pair {
  if (value === undefined || value === null || (Array.isArray(value) && value.length === 0 && fallback)) return fallback!;
  const list = typeof value === 'number' ? [value] : (value as number[]);
  if (list.length !== 1 && list.length !== 2) {
    const what = name === 'kernel_size' ? 'must either be a single int, or a tuple of two ints'
      : name === 'stride' ? 'must either be omitted, a single int, or a tuple of two ints'
      : name === 'dilation' ? 'must be either a single int, or a tuple of two ints'
      : fname === 'max_pool2d' ? 'must be either be a single int, or a tuple of two ints' : 'must either be a single int, or a tuple of two ints';
    throw new RuntimeError(`${fname}: ${name} ${what}`);
  }
  return list.length === 1 ? [list[0]!, list[0]!] : [list[0]!, list[1]!];
}

/** ATen's pooling_output_shape; with ceil_mode the last window must start inside the input or its left padding. */
function outputSize(size: number, kernel: number, pad: number, stride: number, dilation: number, ceil: boolean): number {
  if (stride === 0) throw new RuntimeError('stride should not be zero');
  if (pad < 0) throw new RuntimeError(`pad must be non-negative, but got pad: ${pad}`);
  if (pad > Math.trunc(kernel / 2)) throw new RuntimeError(`pad should be at most half of kernel size, but got pad=${pad} and kernel_size=${kernel}`);
  let out = Math.floor((size + 2 * pad - dilation * (kernel - 1) - 1 + (ceil ? stride - 1 : 0)) / stride) + 1;
  if (ceil && (out - 1) * stride >= size + pad) out--;
  return out;
}

interface Pooling { geometry: WindowGeometry; out: Pair; batched: Tensor }

/** Checks a pooling call as ATen's pool2d_shape_check, and the window geometry (right padding grown for ceil_mode). */
function plan(fname: string, input: Tensor, bound: Record<string, unknown>, withDilation: boolean): Pooling {
  const kernel = pair(fname, 'kernel_size', bound['kernel_size'], null);
  const stride = pair(fname, 'stride', bound['stride'], kernel);
  const padding = pair(fname, 'padding', bound['padding'] ?? 0, null);
  const dilation = withDilation ? pair(fname, 'dilation', bound['dilation'] ?? 1, null) : [1, 1] as Pair;
  const ceil = Boolean(bound['ceil_mode']);
  if (withDilation && input.ndim !== 3 && input.ndim !== 4) throw new RuntimeError('non-empty 3D or 4D (batch mode) tensor expected for input');
  if (input.ndim < 3) throw new IndexError(`Dimension out of range (expected to be in range of [${-Math.max(input.ndim, 1)}, ${Math.max(input.ndim, 1) - 1}], but got -3)`);
  const [channels, height, width] = input._shape.slice(-3) as [number, number, number];
  const out: Pair = [
    outputSize(height, kernel[0], padding[0], stride[0], dilation[0], ceil), outputSize(width, kernel[1], padding[1], stride[1], dilation[1], ceil),
  ];
  if (kernel[0] <= 0 || kernel[1] <= 0) throw new RuntimeError(`kernel size should be greater than zero, but got kH: ${kernel[0]} kW: ${kernel[1]}`);
  if (stride[0] <= 0 || stride[1] <= 0) throw new RuntimeError(`stride should be greater than zero, but got dH: ${stride[0]} dW: ${stride[1]}`);
  if (dilation[0] <= 0 || dilation[1] <= 0) throw new RuntimeError(`dilation should be greater than zero, but got dilationH: ${dilation[0]} dilationW: ${dilation[1]}`);
  const nonEmpty = input._shape.slice(1).every((s) => s !== 0) && (input.ndim === 4 || input._shape[0] !== 0);
  if (!nonEmpty || input.ndim > 4) {
    throw new RuntimeError(`Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[${input._shape.join(', ')}]`);
  }
  if (out[0] < 1 || out[1] < 1) {
    throw new RuntimeError(`Given input size: (${channels}x${height}x${width}). Calculated output size: (${channels}x${out[0]}x${out[1]}). Output size is too small`);
  }
  const extra = (d: 0 | 1, size: number) => Math.max(0, (out[d] - 1) * stride[d] + dilation[d] * (kernel[d] - 1) + 1 - size - 2 * padding[d]);
  const geometry = { kernel, stride, dilation, padBefore: padding, padAfter: [padding[0] + extra(0, height), padding[1] + extra(1, width)] as Pair };
  return { geometry, out, batched: input.ndim === 3 ? input.unsqueeze(0) : input };
}

function notImplemented(name: string, input: Tensor): void {
  if (!input.dtype.is_floating_point) throw new RuntimeError(`"${name}" not implemented for '${input.dtype.scalarName}'`);
}

/**
 * For each output position and window element, the flat (H * W) input position it reads (padding reads -1); and
 * for each output position, the first input position its window reads.
 */
function windowPositions(height: number, width: number, out: Pair, g: WindowGeometry): [Tensor, Tensor] {
  const positions = emptyTensor([out[0], out[1], g.kernel[0] * g.kernel[1]], int64);
  const first = emptyTensor([out[0], out[1]], int64).fill_(-1);
  let at = 0;
  for (let oy = 0; oy < out[0]; oy++) {
    for (let ox = 0; ox < out[1]; ox++) {
      for (let i = 0; i < g.kernel[0]; i++) {
        for (let j = 0; j < g.kernel[1]; j++) {
          const y = oy * g.stride[0] - g.padBefore[0] + i * g.dilation[0];
          const x = ox * g.stride[1] - g.padBefore[1] + j * g.dilation[1];
          const position = y >= 0 && y < height && x >= 0 && x < width ? y * width + x : -1;
          positions.storage.data[at++] = position;
          if (first.storage.data[oy * out[1] + ox] === -1) first.storage.data[oy * out[1] + ox] = position;
        }
      }
    }
  }
  return [positions, first];
}

export interface MaxPoolOptions { kernel_size?: IntOrPair; stride?: IntOrPair | null; padding?: IntOrPair; dilation?: IntOrPair; ceil_mode?: boolean; return_indices?: boolean }

/** `F.max_pool2d(x, 2)`: the maximum of each 2x2 window; `return_indices: true` also gives the argmax positions. */
export function max_pool2d(input: Tensor, ...args: [...(IntOrPair | boolean | null)[], MaxPoolOptions & { return_indices: true }]): [Tensor, Tensor];
export function max_pool2d(input: Tensor, ...args: (IntOrPair | boolean | null | MaxPoolOptions)[]): Tensor;
export function max_pool2d(input: Tensor, ...args: (IntOrPair | boolean | null | MaxPoolOptions)[]): Tensor | [Tensor, Tensor] {
  const bound = bindArgs('max_pool2d', [input, ...args], ['input', 'kernel_size', 'stride', 'padding', 'dilation', 'ceil_mode', 'return_indices'], 2);
  const { geometry: g, out, batched } = plan('max_pool2d', input, bound, true);
  notImplemented('max_pool2d', input);
  const [n, c, height, width] = batched._shape as [number, number, number, number];
  const [values, indices] = withGradMode(false, () => {
    const [best, argmax] = windows(batched, g, -Infinity).reshape(n, c, out[0], out[1], g.kernel[0] * g.kernel[1]).max(-1);
    const [table, first] = windowPositions(height, width, out, g);
    const positions = table.to(input.device).expand(n, c, out[0], out[1], -1);
    // A window of only -inf picks padding; ATen reports the window's first input position then.
    const gathered = positions.gather(4, argmax.unsqueeze(-1)).squeeze(-1);
    const picked = gathered.where(gathered.ne(-1), first.to(input.device).expand(n, c, out[0], out[1]));
    return [best.reshape([...input._shape.slice(0, -2), ...out]), picked.reshape([...input._shape.slice(0, -2), ...out])];
  });
  record('MaxPool2DWithIndicesBackward0', [input], values, { indices }, ([grad], saved) => [
    grad!.new_zeros([n * c, height * width]).scatter_add(1, saved.indices.reshape(n * c, -1), grad!.reshape(n * c, -1)).reshape(input._shape),
  ]);
  return bound['return_indices'] ? [values, indices] : values;
}

/** The divisor of each avg_pool2d output, as ATen computes it from the window clipped to the (padded) input. */
function divisors(height: number, width: number, out: Pair, g: WindowGeometry, includePad: boolean, override: number | null): Tensor {
  const table = emptyTensor([out[0], out[1]], int64);
  for (let oy = 0; oy < out[0]; oy++) {
    for (let ox = 0; ox < out[1]; ox++) {
      const y0 = oy * g.stride[0] - g.padBefore[0];
      const x0 = ox * g.stride[1] - g.padBefore[1];
      const y1 = Math.min(y0 + g.kernel[0], height + g.padBefore[0]);
      const x1 = Math.min(x0 + g.kernel[1], width + g.padBefore[1]);
      const clipped = (Math.min(y1, height) - Math.max(y0, 0)) * (Math.min(x1, width) - Math.max(x0, 0));
      table.storage.data[oy * out[1] + ox] = override ?? (includePad ? (y1 - y0) * (x1 - x0) : clipped);
    }
  }
  return table;
}

export interface AvgPoolOptions {
  kernel_size?: IntOrPair; stride?: IntOrPair | null; padding?: IntOrPair; ceil_mode?: boolean; count_include_pad?: boolean; divisor_override?: number | null;
}

/** `F.avg_pool2d(x, 2)`: the mean of each 2x2 window; `count_include_pad`, `divisor_override` choose the divisor. */
export function avg_pool2d(input: Tensor, ...args: (IntOrPair | boolean | null | AvgPoolOptions)[]): Tensor {
  const bound = bindArgs('avg_pool2d', [input, ...args], ['input', 'kernel_size', 'stride', 'padding', 'ceil_mode', 'count_include_pad', 'divisor_override'], 2);
  const override = (bound['divisor_override'] as number | null | undefined) ?? null;
  if (override === 0) throw new RuntimeError('divisor must be not zero');
  const { geometry: g, out, batched } = plan('avg_pool2d', input, bound, false);
  if (input.dtype.name !== 'int64') notImplemented('avg_pool2d', input);
  const [n, c, height, width] = batched._shape as [number, number, number, number];
  const divisor = divisors(height, width, out, g, bound['count_include_pad'] !== false, override).to(input.device).to(input.dtype);
  // Integer inputs divide in their own type, truncating as C++ does.
  const rounding = input.dtype.is_floating_point ? null : 'trunc';
  const result = withGradMode(false, () => windows(batched, g).sum([-1, -2], false, { dtype: input.dtype })
    .div(divisor, { rounding_mode: rounding }).reshape([...input._shape.slice(0, -2), ...out]));
  record('AvgPool2DBackward0', [input], result, {}, ([grad]) => {
    const spread = grad!.reshape(n, c, out[0], out[1], 1, 1).div(divisor.view(out[0], out[1], 1, 1)).expand(n, c, out[0], out[1], g.kernel[0], g.kernel[1]);
    return [foldWindows(spread, height, width, g).reshape(input._shape)];
  });
  return result;
}

/** The (out, size) matrix whose row i averages input positions floor(i * size / out) to ceil((i + 1) * size / out). */
function averagingMatrix(size: number, out: number, like: Tensor): Tensor {
  const m = emptyTensor([out, size], like.dtype);
  for (let i = 0; i < out; i++) {
    const start = Math.floor((i * size) / out);
    const end = Math.ceil(((i + 1) * size) / out);
    for (let j = start; j < end; j++) m.storage.data[i * size + j] = 1 / (end - start);
  }
  return m.to(like.device);
}

/** `F.adaptive_avg_pool2d(x, [2, 3])`: averages over a 2x3 grid of (nearly) equal regions, whatever x's size. */
export function adaptive_avg_pool2d(input: Tensor, output_size: IntOrPair | (number | null)[]): Tensor {
  if (input.ndim !== 3 && input.ndim !== 4) throw new RuntimeError(`adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got [${input._shape.join(', ')}]`);
  const sizes = typeof output_size === 'number' ? [output_size, output_size] : output_size;
  if (sizes.length >= input.ndim) throw new ValueError(`Input dimension should be at least ${sizes.length + 1}`);
  if (sizes.length !== 2) throw new RuntimeError('adaptive_avg_pool2d: output_size must be 2');
  const [height, width] = input._shape.slice(-2) as [number, number];
  const out: Pair = [sizes[0] ?? height, sizes[1] ?? width];
  notImplemented('adaptive_avg_pool2d', input);
  if (out[0] === 1 && out[1] === 1) return input.mean([-1, -2], true);
  const rows = averagingMatrix(height, out[0], input);
  const cols = averagingMatrix(width, out[1], input);
  const result = withGradMode(false, () => rows.matmul(input).matmul(cols.t()));
  record('AdaptiveAvgPool2DBackward0', [input], result, {}, ([grad]) => [rows.t().matmul(grad!).matmul(cols)]);
  return result;
}

export const F = { max_pool2d, avg_pool2d, adaptive_avg_pool2d };
export const functions = {
  /** `torch.max_pool2d(x, 2)`. */
  max_pool2d: (input: Tensor, ...args: (IntOrPair | boolean | MaxPoolOptions)[]) => max_pool2d(input, ...args) as Tensor,
};
