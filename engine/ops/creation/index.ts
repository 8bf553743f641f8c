import * as fill from './fill.ts';
import * as tensor from './tensor.ts';

export const functions = { ...tensor.functions, ...fill.functions };
