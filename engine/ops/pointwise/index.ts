import * as activation from './activation.ts';
import * as addcmul from './addcmul.ts';
import * as arithmetic from './arithmetic.ts';
import * as bitwise from './bitwise.ts';
import * as clamp from './clamp.ts';
import * as compare from './compare.ts';
import * as division from './division.ts';
import * as erf from './erf.ts';
import * as erfc from './erfc.ts';
import * as erfinv from './erfinv.ts';
import * as expLog from './exp-log.ts';
import * as fill from './fill.ts';
import * as hypot from './hypot.ts';
import * as isclose from './isclose.ts';
import * as lerp from './lerp.ts';
import * as logical from './logical.ts';
import * as logit from './logit.ts';
import * as minmax from './minmax.ts';
import * as pow from './pow.ts';
import * as promotion from './promotion.ts';
import * as rounding from './rounding.ts';
import * as sign from './sign.ts';
import * as specialValues from './special-values.ts';
import './to.ts';
import * as trig from './trig.ts';
import * as where from './where.ts';
import * as xlogy from './xlogy.ts';

export const functions = {
  ...arithmetic.functions, ...division.functions, ...pow.functions, ...expLog.functions, ...trig.functions,
  ...sign.functions, ...rounding.functions, ...activation.functions, ...clamp.functions, ...minmax.functions,
  ...where.functions, ...compare.functions, ...logical.functions, ...bitwise.functions, ...specialValues.functions,
  ...fill.functions, ...isclose.functions, ...lerp.functions, ...addcmul.functions, ...erf.functions,
  ...promotion.functions, ...erfc.functions, ...erfinv.functions, ...logit.functions, ...xlogy.functions, ...hypot.functions,
};
