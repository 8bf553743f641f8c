// torch.autograd.gradcheck: compares the analytical Jacobian (from backward) with central finite differences.
import { TorchError } from '../core/errors.ts';
import { withGradMode } from '../core/grad-mode.ts';
import { positionsOf } from '../core/strided.ts';
import { emptyTensor, Tensor } from '../core/tensor.ts';
import { grad } from './api.ts';

export interface GradcheckOptions {
  eps?: number;
  atol?: number;
  rtol?: number;
  raise_exception?: boolean;
}

class GradcheckError extends TorchError {
  constructor(message: string) { super('GradcheckError', message); }
}

function outputsOf(value: Tensor | readonly Tensor[]): Tensor[] {
  return value instanceof Tensor ? [value] : [...value];
}

function formatMatrix(rows: number[][]): string {
  return `tensor([${rows.map((r) => `[${r.map((v) => v.toFixed(4)).join(', ')}]`).join(',\n        ')}], dtype=torch.float64)`;
}

/** Jacobians as [output element][input element], one per (output, input) pair. */
function numericalJacobian(fn: () => Tensor[], input: Tensor, eps: number): number[][][] {
  const positions = positionsOf(input._shape, input._stride, input._offset);
  const data = input.storage.data;
  const columns: number[][][] = [];
  for (let j = 0; j < positions.length; j++) {
    const p = positions[j]!;
    const original = data[p]!;
    data[p] = original + eps;
    const plus = withGradMode(false, fn).map((o) => o._values());
    data[p] = original - eps;
    const minus = withGradMode(false, fn).map((o) => o._values());
    data[p] = original;
    columns.push(plus.map((values, k) => values.map((v, i) => (v - minus[k]![i]!) / (2 * eps))));
  }
  // Transpose columns (per input element) into rows (per output element), per output.
  const outputs = columns[0]?.length ?? withGradMode(false, fn).length;
  return Array.from({ length: outputs }, (_, k) => {
    const size = columns[0]?.[k]?.length ?? 0;
    return Array.from({ length: size }, (_, i) => columns.map((c) => c[k]![i]!));
  });
}

function analyticalJacobian(outputs: Tensor[], inputs: Tensor[]): number[][][][] {
  return outputs.map((output) => {
    const n = output.numel();
    const perInput: number[][][] = inputs.map(() => []);
    for (let i = 0; i < n; i++) {
      const seed = emptyTensor(output._shape, output.dtype, output.device);
      seed.storage.data[i] = 1;
      const grads = grad(output, inputs, { grad_outputs: seed, retain_graph: true, allow_unused: true });
      grads.forEach((g, k) => perInput[k]!.push(g ? g._values() : new Array<number>(inputs[k]!.numel()).fill(0)));
    }
    return perInput;
  });
}

/** `torch.autograd.gradcheck(fn, inputs)`: true when backward agrees with finite differences, else it throws. */
export function gradcheck(fn: (...inputs: Tensor[]) => Tensor | readonly Tensor[], inputs: Tensor | readonly Tensor[], options: GradcheckOptions = {}): boolean {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const all = outputsOf(inputs);
  const differentiable = all.filter((t) => t.requires_grad);
  const run = () => outputsOf(fn(...all));
  const analytical = analyticalJacobian(run(), differentiable);
  for (let k = 0; k < differentiable.length; k++) {
    const numerical = numericalJacobian(run, differentiable[k]!, eps);
    for (let o = 0; o < numerical.length; o++) {
      const a = analytical[o]![k]!;
      // analytical rows are per output element already: a[i] is d out_i / d input.
      const n = numerical[o]!;
      const mismatch = n.some((row, i) => row.some((v, j) => Math.abs(a[i]![j]! - v) > atol + rtol * Math.abs(v)));
      if (mismatch) {
        const message = `Jacobian mismatch for output ${o} with respect to input ${all.indexOf(differentiable[k]!)},\nnumerical:${formatMatrix(transpose(n))}\nanalytical:${formatMatrix(transpose(a))}\n`;
        if (options.raise_exception === false) return false;
        throw new GradcheckError(message);
      }
    }
  }
  return true;
}

/** PyTorch prints Jacobians as [input element][output element]. */
function transpose(rows: number[][]): number[][] {
  if (rows.length === 0) return [];
  return rows[0]!.map((_, j) => rows.map((r) => r[j]!));
}
