// Plain-words explanations of a tensor's layout for the storage view: where element [i, j] lives, whether the tensor
// is contiguous and why, and whether `.view` could flatten it (Note [View strides]). Pure: returns text segments,
// code marked, for the view to put into the DOM.
import { shapeText, tuple } from './format.ts';
import { contiguousChunks, contiguousStrides, isContiguous, tryView, walkOrder } from './strides.ts';

export interface Segment { text: string; code?: boolean }
export type Paragraph = Segment[];

const code = (text: string): Segment => ({ text, code: true });
const words = (text: string): Segment => ({ text });

export interface LayoutFacts {
  name: string;
  shape: readonly number[];
  stride: readonly number[];
  offset: number;
  storageId: number;
  storageSize: number;
  /** Other tensors viewing the same storage, by name. */
  sharedWith: readonly string[];
  /** The tensor this one is a view of, by name, if any. */
  baseName: string | null;
}

function indexNames(rank: number): string[] {
  const letters = ['i', 'j', 'k', 'l', 'm', 'n'];
  return Array.from({ length: rank }, (_, d) => letters[d] ?? `i${d}`);
}

/** "`c[i, j]` lives at position `0 + 1·i + 3·j`". */
function formula(facts: LayoutFacts): Paragraph {
  const idx = indexNames(facts.shape.length);
  if (facts.shape.length === 0) {
    return [code(facts.name), words(' is a single number, stored at position '), code(String(facts.offset)), words(` of storage #${facts.storageId}.`)];
  }
  const terms = idx.map((name, d) => `${facts.stride[d]}·${name}`).join(' + ');
  return [
    code(`${facts.name}[${idx.join(', ')}]`), words(' lives at storage position '),
    code(`${facts.offset} + ${terms}`),
    words(` (storage_offset + index × stride, summed over dimensions), in storage #${facts.storageId} of ${facts.storageSize} elements.`),
  ];
}

function contiguity(facts: LayoutFacts): Paragraph {
  const { name, shape, stride } = facts;
  const walk = walkOrder(shape, stride, facts.offset, 8);
  const more = shape.reduce((a, b) => a * b, 1) > walk.length ? ', …' : '';
  const order = `${walk.join(', ')}${more}`;
  if (isContiguous(shape, stride)) {
    const start = facts.offset > 0 ? ` It starts at position ${facts.offset} (its storage_offset), inside a longer storage.` : '';
    return [code(name), words(' is contiguous: walking its elements in order (last index fastest) reads positions '), code(order),
      words(`, one cell after the next.${start}`)];
  }
  const expected = contiguousStrides(shape);
  const reasons: string[] = [];
  const broadcast = shape.map((_, d) => d).filter((d) => stride[d] === 0 && shape[d]! > 1);
  if (broadcast.length > 0) {
    reasons.push(`dimension ${broadcast.join(' and ')} has stride 0, so every index along it reads the same cells (an expand or broadcast: no memory of its own)`);
  }
  const last = shape.length - 1;
  if (last >= 0 && stride[last] !== 1 && stride[last] !== 0 && shape[last] !== 1) {
    reasons.push(`stepping the last index moves ${stride[last]} cells, not 1`);
  }
  if (reasons.length === 0) reasons.push('the outer strides skip cells or run out of order');
  return [
    code(name), words(' is not contiguous: walking its elements in order reads positions '), code(order),
    words(`: ${reasons.join('; ')}. A contiguous tensor of shape `), code(shapeText(shape)), words(' would have strides '),
    code(tuple(expected)), words(', not '), code(tuple(stride)), words('.'),
  ];
}

function viewCheck(facts: LayoutFacts): Paragraph {
  const { name, shape, stride } = facts;
  const numel = shape.reduce((a, b) => a * b, 1);
  if (shape.length <= 1) {
    return [code(`${name}.view(-1)`), words(' works: a tensor with at most one dimension can always be viewed as a flat one.')];
  }
  const attempt = tryView(shape, stride, [numel]);
  const call = `${name}.view(${numel})`;
  if (attempt.ok) {
    return [code(call), words(' works: the view reads the same cells with strides '), code(tuple(attempt.stride)),
      words(', so it shares this storage (no copy).')];
  }
  const chunks = contiguousChunks(shape, stride);
  const innerChunk = chunks[1];
  if (!innerChunk) return [code(call), words(' would fail: its strides cannot express the flat shape over the same memory.')];
  const outer = chunks[0]![chunks[0]!.length - 1]!;
  const innermost = innerChunk[innerChunk.length - 1]!;
  const sizes = innerChunk.map((d) => shape[d]!);
  const span = sizes.reduce((a, b) => a * b, 1) * stride[innermost]!;
  const blocks = chunks.map((dims) => (dims.length === 1 ? `${dims[0]}` : `${dims[0]}–${dims[dims.length - 1]}`));
  return [
    code(call), words(` would fail: merging dimension ${outer} with the dimensions after it needs one step along dimension ${outer} `
      + `to jump exactly over a whole block of them, stride[${outer}] = ${sizes.join(' × ')} × ${stride[innermost]} = ${span}; here stride[${outer}] is `
      + `${stride[outer]}. So dimensions ${blocks.join(' and ')} lie in memory as separate blocks, and a view can only split or merge `
      + 'dimensions inside one block. PyTorch says: '),
    code('RuntimeError: view size is not compatible with input tensor\'s size and stride (at least one dimension spans across two contiguous subspaces). Use .reshape(...) instead.'),
    words(' '), code(`${name}.reshape(${numel})`), words(' copies the elements into a new storage instead, as '), code(`${name}.contiguous().view(${numel})`), words(' does.'),
  ];
}

function sharing(facts: LayoutFacts): Paragraph {
  if (facts.sharedWith.length === 0) {
    return [code(facts.name), words(` has storage #${facts.storageId} to itself: writing into it changes no other tensor of the snippet.`)];
  }
  const base = facts.baseName ? [words(' It is a view of '), code(facts.baseName), words('.')] : [];
  return [
    code(facts.name), words(` shares storage #${facts.storageId} with `),
    ...facts.sharedWith.flatMap((n, i) => [...(i > 0 ? [words(i === facts.sharedWith.length - 1 ? ' and ' : ', ')] : []), code(n)]),
    words(': they are views of the same memory, so an in-place write through any of them shows in all.'), ...base,
  ];
}

/** The explanation the storage view shows for the selected tensor. */
export function explainLayout(facts: LayoutFacts): Paragraph[] {
  return [formula(facts), contiguity(facts), viewCheck(facts), sharing(facts)];
}
