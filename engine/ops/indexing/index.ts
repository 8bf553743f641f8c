import * as gather from './gather.ts';
import './getitem.ts';
import * as indexAdd from './index_add.ts';
import * as indexSelect from './index_select.ts';
import * as masked from './masked.ts';
import * as scatter from './scatter.ts';
import * as take from './take.ts';
import * as takeAlongDim from './take_along_dim.ts';
import * as tupleIndex from './tuple-index.ts';

export const functions = {
  ...gather.functions, ...indexAdd.functions, ...indexSelect.functions, ...masked.functions, ...scatter.functions,
  ...take.functions, ...takeAlongDim.functions, ...tupleIndex.functions,
};
