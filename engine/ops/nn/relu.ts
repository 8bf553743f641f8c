// F.relu, F.sigmoid and F.tanh are torch.relu, torch.sigmoid and torch.tanh (engine/ops/pointwise); F.sigmoid and
// F.tanh warn, as PyTorch does, that they are deprecated.
import type { Tensor } from '../../core/tensor.ts';
import { bindArgs, warn } from './args.ts';

/** `F.relu(x)`: max(x, 0); `inplace: true` overwrites x. */
export function relu(input: Tensor, ...rest: (boolean | { inplace?: boolean })[]): Tensor {
  const bound = bindArgs('relu', [input, ...rest], ['input', 'inplace'], 1);
  return bound['inplace'] ? input.relu_() : input.relu();
}

/** `F.relu_(x)`: relu in place. */
export function relu_(input: Tensor): Tensor { return input.relu_(); }

/** `F.sigmoid(x)`: deprecated in favour of torch.sigmoid. */
export function sigmoid(input: Tensor): Tensor {
  warn('nn.functional.sigmoid is deprecated. Use torch.sigmoid instead.');
  return input.sigmoid();
}

/** `F.tanh(x)`: deprecated in favour of torch.tanh. */
export function tanh(input: Tensor): Tensor {
  warn('nn.functional.tanh is deprecated. Use torch.tanh instead.');
  return input.tanh();
}

export const F = { relu, relu_, sigmoid, tanh };
