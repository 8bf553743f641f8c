// Random numbers with PyTorch's CPU streams: the generator (mt19937), its samplers, and the random ops.
import * as bernoulli from './bernoulli.ts';
import './exponential.ts';
import * as multinomial from './multinomial.ts';
import * as normal from './normal.ts';
import * as random from './random.ts';
import * as randperm from './randperm.ts';
import * as seed from './seed.ts';
import * as uniform from './uniform.ts';

export const functions = {
  ...seed.functions, ...uniform.functions, ...normal.functions, ...random.functions, ...randperm.functions,
  ...bernoulli.functions, ...multinomial.functions,
};
