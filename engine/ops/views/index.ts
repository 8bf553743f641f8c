import * as contiguous from './contiguous.ts';
import './expand.ts';
import * as permute from './permute.ts';
import * as squeeze from './squeeze.ts';
import * as view from './view.ts';

export const functions = { ...contiguous.functions, ...permute.functions, ...squeeze.functions, ...view.functions };
