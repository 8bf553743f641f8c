import './repr.ts';
import * as options from './options.ts';

export const functions = { set_printoptions: options.set_printoptions };
