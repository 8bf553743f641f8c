import * as asStrided from './as_strided.ts';
import * as contiguous from './contiguous.ts';
import * as diagonal from './diagonal.ts';
import * as expand from './expand.ts';
import * as flatten from './flatten.ts';
import * as movedim from './movedim.ts';
import * as permute from './permute.ts';
import * as slice from './slice.ts';
import * as split from './split.ts';
import * as squeeze from './squeeze.ts';
import './unfold.ts';
import * as view from './view.ts';

export const functions = {
  ...asStrided.functions, ...contiguous.functions, ...diagonal.functions, ...expand.functions, ...flatten.functions,
  ...movedim.functions, ...permute.functions, ...slice.functions, ...split.functions, ...squeeze.functions,
  ...view.functions,
};
