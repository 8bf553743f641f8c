import * as kthvalue from './kthvalue.ts';
import * as nonzero from './nonzero.ts';
import * as sort from './sort.ts';
import * as topk from './topk.ts';
import * as unique from './unique.ts';

export const functions = {
  ...sort.functions, ...topk.functions, ...kthvalue.functions, ...nonzero.functions, ...unique.functions,
};
