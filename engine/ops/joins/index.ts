import * as cat from './cat.ts';
import * as diagEmbed from './diag_embed.ts';
import * as flip from './flip.ts';
import * as repeat from './repeat.ts';
import * as repeatInterleave from './repeat_interleave.ts';
import * as roll from './roll.ts';
import * as rot90 from './rot90.ts';
import * as stack from './stack.ts';
import * as tril from './tril.ts';

export const functions = {
  ...cat.functions, ...stack.functions, ...repeat.functions, ...repeatInterleave.functions, ...flip.functions, ...roll.functions, ...tril.functions,
  ...diagEmbed.functions, ...rot90.functions,
};
