// The public entry point: `import { torch, F } from "tensor-inspector"`.
export { torch } from './torch.ts';
export { F } from './functional.ts';
export { Tensor } from './core/tensor.ts';
export { pyfloat } from './core/scalar.ts';
