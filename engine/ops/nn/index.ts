// `torch.nn.functional` ops; `functions` holds those that torch also exposes at top level (torch.softmax, torch.relu).
import * as elu from './elu.ts';
import * as gelu from './gelu.ts';
import * as leakyRelu from './leaky_relu.ts';
import * as nllLoss from './nll_loss.ts';
import * as oneHot from './one_hot.ts';
import * as relu from './relu.ts';
import * as silu from './silu.ts';
import * as softmax from './softmax.ts';
import * as softplus from './softplus.ts';

export const F = {
  ...softmax.F, ...oneHot.F, ...relu.F, ...gelu.F, ...leakyRelu.F, ...elu.F, ...silu.F, ...softplus.F, ...nllLoss.F,
};
export const functions = { ...softmax.functions };
