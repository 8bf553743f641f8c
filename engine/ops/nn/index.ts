// `torch.nn.functional` ops; `functions` holds those that torch also exposes at top level (torch.softmax, torch.relu).
import * as batchNorm from './batch_norm.ts';
import * as binaryCrossEntropy from './binary_cross_entropy.ts';
import * as binaryCrossEntropyWithLogits from './binary_cross_entropy_with_logits.ts';
import * as celu from './celu.ts';
import * as conv from './conv.ts';
import * as crossEntropy from './cross_entropy.ts';
import * as distance from './distance.ts';
import * as dropout from './dropout.ts';
import * as elu from './elu.ts';
import * as embedding from './embedding.ts';
import * as gelu from './gelu.ts';
import * as glu from './glu.ts';
import * as hardtanh from './hardtanh.ts';
import * as klDiv from './kl_div.ts';
import * as layerNorm from './layer_norm.ts';
import * as leakyRelu from './leaky_relu.ts';
import * as linear from './linear.ts';
import * as mseLoss from './mse_loss.ts';
import * as nllLoss from './nll_loss.ts';
import * as normalize from './normalize.ts';
import * as oneHot from './one_hot.ts';
import * as pad from './pad.ts';
import * as pooling from './pooling.ts';
import * as relu from './relu.ts';
import * as silu from './silu.ts';
import * as smoothActivations from './smooth_activations.ts';
import * as smoothL1Loss from './smooth_l1_loss.ts';
import * as softmax from './softmax.ts';
import * as softmin from './softmin.ts';
import * as softplus from './softplus.ts';
import * as threshold from './threshold.ts';

export const F = {
  ...softmax.F, ...oneHot.F, ...relu.F, ...gelu.F, ...leakyRelu.F, ...elu.F, ...silu.F, ...softplus.F, ...dropout.F,
  ...linear.F, ...mseLoss.F, ...nllLoss.F, ...crossEntropy.F, ...binaryCrossEntropy.F, ...binaryCrossEntropyWithLogits.F,
  ...normalize.F, ...pad.F, ...embedding.F, ...layerNorm.F, ...conv.F, ...pooling.F, ...batchNorm.F,
  ...hardtanh.F, ...celu.F, ...smoothActivations.F, ...threshold.F, ...glu.F, ...softmin.F, ...distance.F, ...smoothL1Loss.F, ...klDiv.F,
};
export const functions = {
  ...softmax.functions, ...dropout.functions, ...embedding.functions, ...layerNorm.functions, ...conv.functions,
  ...pooling.functions, ...batchNorm.functions, ...celu.functions, ...threshold.functions, ...distance.functions, ...klDiv.functions,
};
