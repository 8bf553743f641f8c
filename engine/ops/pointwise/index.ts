import * as arithmetic from './arithmetic.ts';
import './to.ts';

export const functions = { ...arithmetic.functions };
