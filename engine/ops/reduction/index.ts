import * as amax from './amax.ts';
import * as aminmax from './aminmax.ts';
import * as cumulative from './cumulative.ts';
import * as cummax from './cummax.ts';
import * as logical from './logical.ts';
import * as logcumsumexp from './logcumsumexp.ts';
import * as logsumexp from './logsumexp.ts';
import * as mean from './mean.ts';
import * as median from './median.ts';
import * as minmax from './minmax.ts';
import * as nan from './nan.ts';
import * as norm from './norm.ts';
import * as prod from './prod.ts';
import * as quantile from './quantile.ts';
import * as sum from './sum.ts';
import * as variance from './var.ts';

export const functions = {
  ...sum.functions, ...mean.functions, ...prod.functions, ...minmax.functions, ...amax.functions,
  ...variance.functions, ...norm.functions, ...cumulative.functions, ...logsumexp.functions, ...logical.functions,
  ...median.functions, ...nan.functions, ...aminmax.functions, ...cummax.functions,
  ...logcumsumexp.functions, ...quantile.functions,
};
