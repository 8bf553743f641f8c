import * as cat from './cat.ts';
import * as flip from './flip.ts';
import * as repeat from './repeat.ts';
import * as repeatInterleave from './repeat_interleave.ts';
import * as roll from './roll.ts';
import * as stack from './stack.ts';
import * as tril from './tril.ts';

export const functions = {
  ...cat.functions, ...stack.functions, ...repeat.functions, ...repeatInterleave.functions, ...flip.functions, ...roll.functions, ...tril.functions,
};
