import { Tensor } from '../core/tensor.ts';

/**
 * Adds methods to Tensor from an op file. Pair it with a module augmentation in the same file:
 *   const methods = { exp(this: Tensor) { ... } };
 *   declare module '../../core/tensor.ts' { interface Tensor extends ExpMethods {} }  // type ExpMethods = typeof methods
 */
export function addMethods(methods: object): void {
  for (const key of Object.keys(methods)) {
    const descriptor = Object.getOwnPropertyDescriptor(methods, key)!;
    Object.defineProperty(Tensor.prototype, key, { ...descriptor, enumerable: false });
  }
}
