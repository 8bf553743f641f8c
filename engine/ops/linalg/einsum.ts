// torch.einsum, following PyTorch 1.13's algorithm step for step so that results, strides and grad_fn chains
// match: parse the labels, align every operand to [output dims, contraction dims] (diagonals for repeated labels,
// unsqueezes for missing ones, one permute), then contract left to right with sumproductPair (a bmm), and finally
// drop the contracted size-1 dims with a view (or sum them, for a single operand).
import { check, ValueError } from '../../core/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import { sumproductPair } from './sumproduct.ts';

const LETTERS = 26;
const TOTAL_LABELS = 2 * LETTERS;
const ELLIPSIS = TOTAL_LABELS;

/** Upper-case letters come first, so implicit outputs list `A..Z` before `a..z`. */
function subscriptOf(label: string): number {
  return label >= 'A' && label <= 'Z' ? label.charCodeAt(0) - 65 : label.charCodeAt(0) - 97 + LETTERS;
}
function labelOf(subscript: number): string {
  return String.fromCharCode(subscript < LETTERS ? subscript + 65 : subscript - LETTERS + 97);
}
const isLetter = (c: string) => /^[A-Za-z]$/.test(c);

/** Each operand's subscripts (ELLIPSIS for `...`), with PyTorch's checks on the left-hand side. */
function parseInputs(lhs: string, numOps: number): number[][] {
  const labels: number[][] = Array.from({ length: numOps }, () => []);
  let ellipsisSeen = false;
  let op = 0;
  for (let i = 0; i < lhs.length; i++) {
    const c = lhs[i]!;
    if (c === ' ') continue;
    if (c === '.') {
      check(!ellipsisSeen, `einsum(): found '.' for operand ${op} for which an ellipsis was already found`);
      check(i + 2 < lhs.length && lhs[++i] === '.' && lhs[++i] === '.', `einsum(): found '.' for operand ${op} that is not part of any ellipsis`);
      labels[op]!.push(ELLIPSIS);
      ellipsisSeen = true;
    } else if (c === ',') {
      op++;
      check(op < numOps, 'einsum(): fewer operands were provided than specified in the equation');
      ellipsisSeen = false;
    } else {
      check(isLetter(c), `einsum(): invalid subscript given at index ${i} in the equation string, subscripts must be in [a-zA-Z]`);
      labels[op]!.push(subscriptOf(c));
    }
  }
  check(op === numOps - 1, 'einsum(): more operands were provided than specified in the equation');
  return labels;
}

interface Layout {
  /** Position of each label in the aligned operands, or -1. */
  labelIndex: number[];
  /** Where the ellipsis dims start in the aligned operands. */
  ellipsisIndex: number;
  outputDims: number;
  totalDims: number;
}

/** Orders the aligned dims: the output's (explicit, or implicit `...` + labels seen once), then contracted ones. */
function layout(equation: string, arrow: number, labelCount: number[], ellipsisDims: number): Layout {
  const labelIndex = new Array<number>(TOTAL_LABELS).fill(-1);
  let index = 0;
  let ellipsisIndex = 0;
  let ellipsisInOutput = false;
  if (arrow < 0) {
    index = ellipsisDims;
    ellipsisInOutput = true;
    for (let label = 0; label < TOTAL_LABELS; label++) if (labelCount[label] === 1) labelIndex[label] = index++;
  } else {
    const rhs = equation.slice(arrow + 2);
    for (let i = 0; i < rhs.length; i++) {
      const c = rhs[i]!;
      if (c === ' ') continue;
      if (c === '.') {
        check(!ellipsisInOutput, "einsum(): found '.' for output but an ellipsis (...) was already found");
        check(i + 2 < rhs.length && rhs[++i] === '.' && rhs[++i] === '.', "einsum(): found '.' for output that is not part of any ellipsis (...)");
        ellipsisIndex = index;
        index += ellipsisDims;
        ellipsisInOutput = true;
        continue;
      }
      check(isLetter(c), `einsum(): invalid subscript given at index ${arrow + 2 + i} in the equation string, subscripts must be in [a-zA-Z]`);
      const s = subscriptOf(c);
      check(labelCount[s]! > 0 && labelIndex[s] === -1, () => `einsum(): output subscript ${c}${labelIndex[s]! > -1
        ? ' appears more than once in the output' : ' does not appear in the equation for any input operand'}`);
      labelIndex[s] = index++;
    }
  }
  const outputDims = index;
  if (!ellipsisInOutput) {
    ellipsisIndex = index;
    index += ellipsisDims;
  }
  for (let label = 0; label < TOTAL_LABELS; label++) if (labelCount[label]! > 0 && labelIndex[label] === -1) labelIndex[label] = index++;
  return { labelIndex, ellipsisIndex, outputDims, totalDims: index };
}

/** `torch.einsum('ij,jk->ik', a, b)` (operands also as one list): Einstein summation, differentiable. */
export function einsum(equation: string, ...args: (Tensor | readonly Tensor[])[]): Tensor {
  const operands = (args.length === 1 && Array.isArray(args[0]) ? args[0] : args) as readonly Tensor[];
  if (operands.length === 0) {
    throw new ValueError('einsum(): must specify the equation string and at least one operand, or at least one operand and its subscripts list');
  }
  const arrow = equation.indexOf('->');
  const opLabels = parseInputs(arrow < 0 ? equation : equation.slice(0, arrow), operands.length);

  const labelCount = new Array<number>(TOTAL_LABELS).fill(0);
  let ellipsisDims = 0;
  opLabels.forEach((labels, i) => {
    const ndims = operands[i]!.ndim;
    const hasEllipsis = labels.includes(ELLIPSIS);
    const count = labels.length - (hasEllipsis ? 1 : 0);
    if (hasEllipsis) ellipsisDims = Math.max(ellipsisDims, ndims - count);
    for (const label of labels) if (label !== ELLIPSIS) labelCount[label]!++;
    check(hasEllipsis ? count <= ndims : count === ndims, () => `einsum(): the number of subscripts in the equation (${count}${hasEllipsis
      ? ') is more than the number of dimensions (' : ') does not match the number of dimensions ('}${ndims}) for operand ${i}${hasEllipsis ? '' : ' and no ellipsis was given'}`);
  });

  const plan = layout(equation, arrow, labelCount, ellipsisDims);
  const dimCounts = new Array<number>(plan.totalDims).fill(0);
  const aligned = align(operands, opLabels, plan, ellipsisDims, dimCounts);
  return contract(aligned, plan, dimCounts);
}

/** Brings every operand to the aligned layout, checking sizes and counting the operands each dim is non-trivial in. */
function align(operands: readonly Tensor[], opLabels: number[][], plan: Layout, ellipsisDims: number, dimCounts: number[]): Tensor[] {
  const labelSize = new Array<number>(TOTAL_LABELS).fill(1);
  const ellipsisSizes = new Array<number>(ellipsisDims).fill(1);
  return operands.map((operand, i) => {
    let op = operand;
    const permutation = new Array<number>(plan.totalDims).fill(-1);
    let dim = 0;
    for (const s of opLabels[i]!) {
      if (s === ELLIPSIS) {
        const covered = operand.ndim - (opLabels[i]!.length - 1);
        for (let j = ellipsisDims - covered; j < ellipsisDims; j++) {
          const size = op._shape[dim]!;
          if (size !== 1) {
            check(ellipsisSizes[j] === 1 || ellipsisSizes[j] === size, () => `einsum(): dimension ${dim} covered by ellipsis in operand ${i}has size ${size} which does not broadcast with previously seen ellipsis with size ${ellipsisSizes[j]} for the respective dimension`);
            ellipsisSizes[j] = size;
            dimCounts[plan.ellipsisIndex + j]!++;
          }
          permutation[plan.ellipsisIndex + j] = dim++;
        }
        continue;
      }
      const target = plan.labelIndex[s]!;
      const size = op._shape[dim]!;
      if (permutation[target] === -1) {
        if (size !== 1) {
          check(labelSize[s] === 1 || labelSize[s] === size, () => `einsum(): subscript ${labelOf(s)} has size ${size} for operand ${i} which does not broadcast with previously seen size ${labelSize[s]}`);
          labelSize[s] = size;
          dimCounts[target]!++;
        }
        permutation[target] = dim++;
      } else {
        const previous = permutation[target]!;
        check(size === op._shape[previous], () => `einsum(): subscript ${labelOf(s)} is repeated for operand ${i} but the sizes don't match, ${size} != ${op._shape[previous]}`);
        op = op.diagonal(0, previous, dim).movedim(-1, previous);
      }
    }
    permutation.forEach((p, k) => {
      if (p === -1) {
        op = op.unsqueeze(dim);
        permutation[k] = dim++;
      }
    });
    return op.permute(permutation);
  });
}

/** Contracts left to right, summing each contraction dim as soon as no later operand has it. */
function contract(aligned: Tensor[], plan: Layout, dimCounts: number[]): Tensor {
  const ops = [...aligned];
  while (ops.length > 1) {
    let [a, b] = ops.splice(0, 2) as [Tensor, Tensor];
    const sumDims: number[] = [];
    const aDims: number[] = [];
    const bDims: number[] = [];
    for (let dim = plan.outputDims; dim < plan.totalDims; dim++) {
      if (a._shape[dim] !== 1 && b._shape[dim] !== 1) {
        if (--dimCounts[dim]! === 1) {
          sumDims.push(dim);
          dimCounts[dim] = 0;
        }
      } else if (dimCounts[dim] === 1) {
        if (a._shape[dim] !== 1) aDims.push(dim);
        else if (b._shape[dim] !== 1) bDims.push(dim);
        else continue;
        dimCounts[dim] = 0;
      }
    }
    if (aDims.length > 0) a = a.sum(aDims, true);
    if (bDims.length > 0) b = b.sum(bDims, true);
    ops.unshift(sumproductPair(a, b, sumDims));
  }
  const result = ops[0]!;
  if (plan.totalDims === plan.outputDims) return result;
  if (aligned.length > 1) return result.view(result._shape.slice(0, plan.outputDims));
  const contracted = Array.from({ length: plan.totalDims - plan.outputDims }, (_, k) => plan.outputDims + k);
  return result.sum(contracted);
}

export const functions = { einsum };
