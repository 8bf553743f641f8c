import * as addmm from './addmm.ts';
import * as baddbmm from './baddbmm.ts';
import * as bmm from './bmm.ts';
import * as dot from './dot.ts';
import * as einsum from './einsum.ts';
import * as matmul from './matmul.ts';
import * as mm from './mm.ts';
import * as mv from './mv.ts';
import * as outer from './outer.ts';
import * as trace from './trace.ts';

export const functions = {
  ...dot.functions, ...mv.functions, ...mm.functions, ...bmm.functions, ...matmul.functions, ...outer.functions,
  ...addmm.functions, ...baddbmm.functions, ...einsum.functions, ...trace.functions,
};
