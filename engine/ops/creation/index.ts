import * as arange from './arange.ts';
import * as eye from './eye.ts';
import * as fill from './fill.ts';
import * as linspace from './linspace.ts';
import './new.ts';
import * as tensor from './tensor.ts';

export const functions = { ...tensor.functions, ...fill.functions, ...arange.functions, ...linspace.functions, ...eye.functions };
