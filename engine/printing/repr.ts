// Placeholder until PyTorch's repr rules land: prints values plainly.
import { printer, type Tensor } from '../core/tensor.ts';

printer.repr = (t: Tensor) => `tensor(${JSON.stringify(t.tolist())})`;
