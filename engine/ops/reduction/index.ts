import * as sum from './sum.ts';

export const functions = { ...sum.functions };
