// F.conv1d / F.conv2d as im2col + matmul: the input's windows (a view, see windows.ts) copied into rows of
// (channels/groups * kernel) and multiplied by the weight, one matrix per group, through the engine's matmul. One
// ConvolutionBackward0 node; its backward is written with engine ops: the weight's gradient is grad x columns, the
// input's is the columns' gradient (grad x weight) folded back onto the input (col2im).
import { record } from '../../autograd/record.ts';
import { RuntimeError } from '../../core/errors.ts';
import { withGradMode } from '../../core/grad-mode.ts';
import type { Tensor } from '../../core/tensor.ts';
import { splitOptions } from '../args.ts';
import { bindArgs, warn } from './args.ts';
import { pythonTypeName } from './python-types.ts';
import { foldColumns, type Pair, type WindowGeometry, windowCount, windows } from './windows.ts';

const show = (shape: readonly number[]) => `[${shape.join(', ')}]`;
const cTypeNames: Record<string, string> = { float32: 'float', float64: 'double', int64: 'long int', int32: 'int', bool: 'bool' };
const cTypeName = (t: Tensor) => cTypeNames[t.dtype.name] ?? t.dtype.name;

/** A stride/padding/dilation list stretched to `dims` entries, as ATen's expand_param_if_needed. */
function expandParam(name: string, value: number[], dims: number): number[] {
  if (value.length === 1) return new Array<number>(dims).fill(value[0]!);
  if (value.length !== dims) {
    throw new RuntimeError(`expected ${name} to be a single integer value or a list of ${dims} values to match the convolution dimensions, but got ${name}=${show(value)}`);
  }
  return value;
}

function checkShapes(input: Tensor, weight: Tensor, bias: Tensor | null, groups: number, padding: Pair, dilation: Pair): void {
  const w = weight._shape;
  if (weight.ndim !== input.ndim) {
    throw new RuntimeError(`Expected ${weight.ndim}-dimensional input for ${weight.ndim}-dimensional weight ${show(w)}, but got ${input.ndim}-dimensional input of size ${show(input._shape)} instead`);
  }
  if (w[0]! < groups) throw new RuntimeError(`Given groups=${groups}, expected weight to be at least ${groups} at dimension 0, but got weight of size ${show(w)} instead`);
  if (w[0]! % groups !== 0) throw new RuntimeError(`Given groups=${groups}, expected weight to be divisible by ${groups} at dimension 0, but got weight of size [${show(w)}] instead`);
  if (input._shape[1] !== w[1]! * groups) {
    throw new RuntimeError(`Given groups=${groups}, weight of size ${show(w)}, expected input${show(input._shape)} to have ${w[1]! * groups} channels, but got ${input._shape[1]} channels instead`);
  }
  if (bias !== null && (bias.ndim !== 1 || bias._shape[0] !== w[0])) {
    throw new RuntimeError(`Given weight of size ${show(w)}, expected bias to be 1-dimensional with ${w[0]} elements, but got bias of size ${show(bias._shape)} instead`);
  }
  const spatial = input._shape.slice(2);
  const padded = spatial.map((s, i) => s + 2 * padding[padding.length - spatial.length + i]!);
  const kernel = w.slice(2).map((k, i) => dilation[dilation.length - spatial.length + i]! * (k - 1) + 1);
  if (padded.some((s, i) => s < kernel[i]!)) {
    throw new RuntimeError(`Calculated padded input size per channel: (${padded.join(' x ')}). Kernel size: (${kernel.join(' x ')}). Kernel size can't be greater than actual input size`);
  }
  if (dilation.some((d) => d <= 0)) {
    // ATen checks dilation in the batched and single-sample kernels, with different words.
    throw new RuntimeError(input._shape[0]! > 1 ? 'non-positive dilation is not supported' : `dilation should be greater than zero, but got ${show(dilation)}`);
  }
  if (weight.dtype !== input.dtype) throw new RuntimeError(`expected scalar type ${input.dtype.scalarName} but found ${weight.dtype.scalarName}`);
  checkBiasType(input, bias);
}

function checkBiasType(input: Tensor, bias: Tensor | null): void {
  if (bias !== null && bias.dtype !== input.dtype) {
    throw new RuntimeError(`Input type (${cTypeName(input)}) and bias type (${cTypeName(bias)}) should be the same`);
  }
}

/**
 * The (N, groups, channels/groups * kH * kW, outH * outW) im2col matrix of a 4-d input, rows in (channel, kernel row,
 * kernel column) order as ATen's im2col lays them out: the copy from the windows view moves whole output rows.
 */
function columns(input: Tensor, g: WindowGeometry, groups: number): Tensor {
  const [n, c] = input._shape as [number, number];
  const cols = windows(input, g).permute(0, 1, 4, 5, 2, 3);
  return cols.reshape(n, groups, (c / groups) * g.kernel[0] * g.kernel[1], cols._shape[4]! * cols._shape[5]!);
}

/** Convolution of batched (N, C, ...) input with 1 or 2 spatial dimensions; 1-d runs as 2-d of height 1. */
function convolution(input: Tensor, weight: Tensor, bias: Tensor | null, g: WindowGeometry, groups: number): Tensor {
  const planar = (t: Tensor) => (t.ndim === 3 ? t.unsqueeze(2) : t);
  const [n, c, height, width] = planar(input)._shape as [number, number, number, number];
  const outChannels = weight._shape[0]!;
  const outH = windowCount(height, g, 0);
  const outW = windowCount(width, g, 1);
  const outShape = input.ndim === 3 ? [n, outChannels, outW] : [n, outChannels, outH, outW];
  const weightMatrix = (w: Tensor) => planar(w).reshape(groups, outChannels / groups, -1);
  const out = withGradMode(false, () => {
    // (groups, out/groups, C/groups * k) x (N, groups, C/groups * k, positions): the result is already (N, out, positions).
    const shaped = weightMatrix(weight).matmul(columns(planar(input), g, groups)).reshape(outShape);
    return bias === null ? shaped : shaped.add(bias.view([outChannels, ...outShape.slice(2).map(() => 1)]));
  });
  record('ConvolutionBackward0', [input, weight, bias], out, { input, weight }, ([grad], saved) => {
    const gradGroups = grad!.reshape(n, groups, outChannels / groups, outH * outW);
    const gradWeight = gradGroups.matmul(columns(planar(saved.input), g, groups).transpose(2, 3)).sum(0).reshape(weight._shape);
    const gradCols = weightMatrix(saved.weight).transpose(1, 2).matmul(gradGroups)
      .reshape(n, c, g.kernel[0], g.kernel[1], outH, outW);
    const gradInput = foldColumns(gradCols, height, width, g).reshape(input._shape);
    return [gradInput, gradWeight, bias === null ? null : grad!.sum([0, ...outShape.slice(2).map((_, i) => i + 2)])];
  });
  return out;
}

type IntOrList = number | number[];
export interface ConvOptions { bias?: Tensor | null; stride?: IntOrList; padding?: IntOrList | string; dilation?: IntOrList; groups?: number }
type ConvArgs = (Tensor | null | IntOrList | string | ConvOptions)[];

/** PyTorch's argument parser's TypeError for a call that matches neither conv signature. */
function invalidArguments(fname: string, args: readonly unknown[]): TypeError {
  const common = 'Tensor input, Tensor weight, Tensor bias, tuple of ints stride';
  return new TypeError(`${fname}() received an invalid combination of arguments - got (${args.map(pythonTypeName).join(', ')}), but expected one of:\n` +
    ` * (${common}, tuple of ints padding, tuple of ints dilation, int groups)\n * (${common}, str padding, tuple of ints dilation, int groups)\n`);
}

function conv(fname: string, spatial: 1 | 2, args: readonly unknown[]): Tensor {
  const [positional] = splitOptions(args);
  if (positional.length > 7) throw invalidArguments(fname, positional);
  const bound = bindArgs(fname, args, ['input', 'weight', 'bias', 'stride', 'padding', 'dilation', 'groups'], 2);
  // Python's argument parser stretches an int (and the default) to one value per spatial dimension.
  const asList = (v: unknown, fallback: number): number[] => (Array.isArray(v) ? v : new Array<number>(spatial).fill((v as number | undefined) ?? fallback));
  let input = bound['input'] as Tensor;
  const weight = bound['weight'] as Tensor;
  const bias = (bound['bias'] as Tensor | null | undefined) ?? null;
  const groups = (bound['groups'] as number | undefined) ?? 1;
  // PyTorch's conv1d/conv2d with numeric padding check the bias dtype before anything else.
  if (typeof bound['padding'] !== 'string') checkBiasType(input, bias);
  if (input.ndim !== spatial + 1 && input.ndim !== spatial + 2) {
    throw new RuntimeError(`Expected ${spatial + 1}D (unbatched) or ${spatial + 2}D (batched) input to ${fname}, but got input of size: ${show(input._shape)}`);
  }
  const unbatched = input.ndim === spatial + 1;
  if (unbatched) input = input.unsqueeze(0);
  const paddingArg = bound['padding'];
  const stride0 = asList(bound['stride'], 1);
  if (paddingArg === 'same' && stride0.some((s) => s !== 1)) throw new RuntimeError("padding='same' is not supported for strided convolutions");
  if (typeof paddingArg === 'string' && paddingArg !== 'same' && paddingArg !== 'valid') throw new RuntimeError(`Invalid padding string: '${paddingArg}'`);
  if (weight.ndim < 3) throw new RuntimeError('weight should have at least three dimensions');
  if (groups <= 0) throw new RuntimeError('non-positive groups is not supported');
  const dims = weight.ndim - 2;
  const stride = expandParam('stride', stride0, dims);
  const dilation = expandParam('dilation', asList(bound['dilation'], 1), dims);
  const padding = typeof paddingArg === 'string' ? new Array<number>(dims).fill(0) : expandParam('padding', asList(paddingArg, 0), dims);
  if (padding.some((p) => p < 0)) throw new RuntimeError('negative padding is not supported');
  if (stride.some((s) => s <= 0)) throw new RuntimeError('non-positive stride is not supported');
  checkShapes(input, weight, bias, groups, padding as Pair, dilation as Pair);
  const two = (v: number[], fill: number): Pair => (v.length === 1 ? [fill, v[0]!] : [v[0]!, v[1]!]);
  const kernel = two(weight._shape.slice(2), 1);
  const dil = two(dilation, 1);
  let padBefore = two(padding, 0);
  let padAfter = padBefore;
  if (paddingArg === 'same') {
    const total = kernel.map((k, i) => dil[i]! * (k - 1));
    padBefore = [Math.floor(total[0]! / 2), Math.floor(total[1]! / 2)];
    padAfter = [total[0]! - padBefore[0], total[1]! - padBefore[1]];
    if (padAfter[0] !== padBefore[0] || padAfter[1] !== padBefore[1]) {
      warn("Using padding='same' with even kernel lengths and odd dilation may require a zero-padded copy of the input be created");
    }
  }
  const out = convolution(input, weight, bias, { kernel, stride: two(stride, 1), dilation: dil, padBefore, padAfter }, groups);
  return unbatched ? out.squeeze(0) : out;
}

/** `F.conv1d(x, w)`: x (N, C, L) or (C, L) convolved with w (out, C/groups, k). */
export function conv1d(input: Tensor, weight: Tensor, ...args: ConvArgs): Tensor { return conv('conv1d', 1, [input, weight, ...args]); }
/** `F.conv2d(x, w, b, { stride: 2, padding: 1 })`: x (N, C, H, W) or (C, H, W) convolved with w (out, C/groups, kH, kW). */
export function conv2d(input: Tensor, weight: Tensor, ...args: ConvArgs): Tensor { return conv('conv2d', 2, [input, weight, ...args]); }

export const F = { conv1d, conv2d };
export const functions = { conv1d, conv2d };
