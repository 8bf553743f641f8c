// Sliding 2-d windows, shared by convolution and pooling. `windows` is im2col as a view: the padded input unfolded
// along height and width, every dilation-th element kept, shape (N, C, outH, outW, kH, kW). `foldWindows` is its
// adjoint (col2im): each window element's value added back at the input position it was read from, through
// index_add, so backward passes written with it stay differentiable.
import { int64 } from '../../core/dtype.ts';
import { emptyTensor, type Tensor } from '../../core/tensor.ts';
import { pad } from './pad.ts';

export type Pair = [number, number];

/** How windows slide over (H, W); `padBefore`/`padAfter` may differ ('same' padding, pooling's ceil_mode). */
export interface WindowGeometry { kernel: Pair; stride: Pair; dilation: Pair; padBefore: Pair; padAfter: Pair }

/** The number of window positions along one dimension of `size` (padding included). */
export function windowCount(size: number, g: WindowGeometry, d: 0 | 1): number {
  const span = g.dilation[d] * (g.kernel[d] - 1) + 1;
  return Math.floor((size + g.padBefore[d] + g.padAfter[d] - span) / g.stride[d]) + 1;
}

/** The (N, C, outH, outW, kH, kW) windows of a 4-d input padded with `value`; a view of one padded copy. */
export function windows(input: Tensor, g: WindowGeometry, value = 0): Tensor {
  const amounts = [g.padBefore[1], g.padAfter[1], g.padBefore[0], g.padAfter[0]];
  const padded = amounts.some((p) => p !== 0) ? pad(input, amounts, 'constant', value) : input;
  const spanH = g.dilation[0] * (g.kernel[0] - 1) + 1;
  const spanW = g.dilation[1] * (g.kernel[1] - 1) + 1;
  const unfolded = padded.unfold(2, spanH, g.stride[0]).unfold(3, spanW, g.stride[1]);
  return g.dilation[0] === 1 && g.dilation[1] === 1 ? unfolded : unfolded.getitem(`..., ::${g.dilation[0]}, ::${g.dilation[1]}`);
}

/**
 * For each window element, flattened, its position in the flattened padded (H, W) plane: in (outH, outW, kH, kW)
 * order for windows, or in (kH, kW, outH, outW) order for im2col columns (`kernelFirst`), which is also the order
 * ATen's col2im adds them in.
 */
function foldIndex(height: number, width: number, g: WindowGeometry, kernelFirst = false): Tensor {
  const paddedWidth = width + g.padBefore[1] + g.padAfter[1];
  const outH = windowCount(height, g, 0);
  const outW = windowCount(width, g, 1);
  const index = emptyTensor([outH * outW * g.kernel[0] * g.kernel[1]], int64);
  const data = index.storage.data;
  const at = (oy: number, ox: number, i: number, j: number) =>
    (oy * g.stride[0] + i * g.dilation[0]) * paddedWidth + ox * g.stride[1] + j * g.dilation[1];
  let k = 0;
  if (kernelFirst) {
    for (let i = 0; i < g.kernel[0]; i++) for (let j = 0; j < g.kernel[1]; j++) for (let oy = 0; oy < outH; oy++) for (let ox = 0; ox < outW; ox++) data[k++] = at(oy, ox, i, j);
  } else {
    for (let oy = 0; oy < outH; oy++) for (let ox = 0; ox < outW; ox++) for (let i = 0; i < g.kernel[0]; i++) for (let j = 0; j < g.kernel[1]; j++) data[k++] = at(oy, ox, i, j);
  }
  return index;
}

/** The adjoint of `windows`: (N, C, outH, outW, kH, kW) values summed into an (N, C, height, width) tensor. */
export function foldWindows(cols: Tensor, height: number, width: number, g: WindowGeometry): Tensor {
  return fold(cols, height, width, g, false);
}

/** col2im: (N, C, kH, kW, outH, outW) im2col values summed into an (N, C, height, width) tensor. */
export function foldColumns(cols: Tensor, height: number, width: number, g: WindowGeometry): Tensor {
  return fold(cols, height, width, g, true);
}

function fold(cols: Tensor, height: number, width: number, g: WindowGeometry, kernelFirst: boolean): Tensor {
  const [n, c] = cols._shape as [number, number];
  const paddedHeight = height + g.padBefore[0] + g.padAfter[0];
  const paddedWidth = width + g.padBefore[1] + g.padAfter[1];
  const flat = cols.reshape(n * c, -1);
  const summed = flat.new_zeros([n * c, paddedHeight * paddedWidth]).index_add(1, foldIndex(height, width, g, kernelFirst).to(cols.device), flat);
  const inner = summed.view(n, c, paddedHeight, paddedWidth).narrow(2, g.padBefore[0], height).narrow(3, g.padBefore[1], width);
  // PyTorch's backward kernels return a fresh contiguous tensor; the narrowed view can look contiguous (size-1
  // dims) while starting past the padding, and the leaf would keep its storage offset.
  const padded = g.padBefore.some((p) => p > 0) || g.padAfter.some((p) => p > 0);
  return padded ? inner.clone({ memory_format: 'contiguous_format' }) : inner;
}
