// Synthetic inspector records of a chosen size, for the webview's unit tests and its benchmark: `tensors` tensors
// (every fourth a transposed view of the one before), one statement per tensor, and an autograd graph of about
// `graphNodes` nodes shaped like a training loop (h = h * w_k + b_k, each w_k and b_k a leaf).
import type {
  GraphNodeRecord, InspectorRecord, PreviewValue, StatementRecord, StorageRecord, TensorRecord,
} from '../../extension/protocol/record.ts';

function preview(shape: readonly number[], seed: number): { values: PreviewValue; summarized: boolean } {
  const numel = shape.reduce((a, b) => a * b, 1);
  const summarized = numel > 1000;
  let counter = seed;
  const build = (dim: number): PreviewValue => {
    if (dim === shape.length) return Math.round(Math.sin(counter++) * 1000) / 100;
    const size = shape[dim]!;
    const items: PreviewValue[] = [];
    for (let i = 0; i < size; i++) {
      if (summarized && size > 6 && i === 3) { items.push('...'); i = size - 3; }
      items.push(build(dim + 1));
    }
    return items;
  };
  return { values: build(0), summarized };
}

const shapes = [[16, 16], [4, 8], [64, 64], [3, 4, 5], [10], []];

export function syntheticRecord(tensorCount = 200, graphNodes = 1000): InspectorRecord {
  const tensors: TensorRecord[] = [];
  const storages: StorageRecord[] = [];
  const statements: StatementRecord[] = [];
  const iterations = Math.floor(graphNodes / 4);
  const nodes: GraphNodeRecord[] = [];
  const leafIds: number[] = [];
  // Node ids: iteration k has Mul 4k+1, Add 4k+2, AccumulateGrad(w) 4k+3, AccumulateGrad(b) 4k+4; tensors 10000+.
  for (let k = 0; k < iterations; k++) {
    const w = 10_000 + 2 * k;
    const b = w + 1;
    leafIds.push(w, b);
    nodes.push({ id: 4 * k + 1, name: 'MulBackward0', next: [{ node: k > 0 ? 4 * k - 2 : null, input_nr: 0 }, { node: 4 * k + 3, input_nr: 0 }],
      saved: [{ name: 'self', tensor: null, isOutput: false }, { name: 'other', tensor: { id: w, shape: [16, 16], dtype: 'float32', requires_grad: true }, isOutput: false }],
      outputs: [], variable: null });
    nodes.push({ id: 4 * k + 2, name: 'AddBackward0', next: [{ node: 4 * k + 1, input_nr: 0 }, { node: 4 * k + 4, input_nr: 0 }], saved: [], outputs: [], variable: null });
    nodes.push({ id: 4 * k + 3, name: 'AccumulateGrad', next: [], saved: [], outputs: [w], variable: w });
    nodes.push({ id: 4 * k + 4, name: 'AccumulateGrad', next: [], saved: [], outputs: [b], variable: b });
  }
  for (let i = 0; i < tensorCount; i++) {
    const isView = i % 4 === 3;
    const base = tensors[i - 1];
    const shape = isView ? [...base!.shape].reverse() : shapes[i % shapes.length]!;
    const stride = isView ? [...base!.stride].reverse() : shape.map((_, d) => shape.slice(d + 1).reduce((a, b) => a * b, 1));
    const numel = shape.reduce((a, b) => a * b, 1);
    const storageId = isView ? base!.storageId : i + 1;
    // The last quarter of the tensors are outputs of the loop's Add nodes, so that the graph reaches them.
    const iteration = i >= tensorCount * 0.75 && !isView ? Math.floor(((i - tensorCount * 0.75) / (tensorCount * 0.25)) * iterations) : -1;
    const gradFnId = iteration >= 0 ? 4 * iteration + 2 : null;
    tensors.push({
      id: i + 1, names: [`t${i}`], shape, stride, storage_offset: 0, dtype: 'float32', device: 'cpu',
      is_contiguous: !isView || shape.length < 2, numel, storageId, version: 0, baseId: isView ? base!.id : null,
      requires_grad: gradFnId !== null, is_leaf: gradFnId === null, grad_fn: gradFnId !== null ? 'AddBackward0' : null, gradFnId, gradId: null,
      preview: preview(shape, i), stats: { min: -10, max: 10, mean: 0, nanCount: 0, skipped: false },
    });
    if (gradFnId !== null) nodes.find((n) => n.id === gradFnId)!.outputs.push(i + 1);
    if (!isView) storages.push({ id: storageId, size: numel, dtype: 'float32', device: 'cpu', nbytes: numel * 4, version: 0, tensors: [i + 1] });
    else storages.find((s) => s.id === storageId)!.tensors.push(i + 1);
    statements.push({
      index: i, kind: 'declaration', range: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 30 } },
      bindings: tensors.map((t) => ({ name: t.names[0]!, value: { kind: 'tensor' as const, id: t.id } })),
      changed: [{ tensor: i + 1, kinds: ['created'] }], previews: [{ tensor: i + 1, preview: tensors[i]!.preview }], console: [], durationMs: 0.1,
    });
  }
  return {
    schemaVersion: 1, file: 'synthetic.ts', source: tensors.map((t) => `const ${t.names[0]} = torch.randn(...);`).join('\n'), device: 'cpu', ok: true,
    statements, tensors, storages,
    graph: {
      nodes: [...nodes].reverse(),
      edges: nodes.flatMap((n) => n.next.filter((x) => x.node !== null).map((x) => ({ from: n.id, to: x.node!, input_nr: x.input_nr }))),
      leaves: leafIds.map((id) => ({ id, shape: [16, 16], dtype: 'float32', requires_grad: true })),
      grads: [],
      roots: tensors.filter((t) => t.gradFnId !== null).map((t) => t.gradFnId!),
    },
    console: [], errors: [], notes: [], timing: { transpileMs: 1, runMs: 1 },
  };
}

/** A chain of `length` identical nodes (`for (...) x = x.mul(2)`), for the folding tests. */
export function chainRecord(length: number): InspectorRecord {
  const record = syntheticRecord(4, 0);
  const nodes: GraphNodeRecord[] = [{ id: 1, name: 'AccumulateGrad', next: [], saved: [], outputs: [1], variable: 1 }];
  for (let i = 2; i < length + 2; i++) {
    nodes.push({ id: i, name: 'MulBackward0', next: [{ node: i - 1, input_nr: 0 }], saved: [{ name: 'self', tensor: null, isOutput: false }], outputs: [], variable: null });
  }
  const last = record.tensors[1]!;
  Object.assign(last, { requires_grad: true, is_leaf: false, grad_fn: 'MulBackward0', gradFnId: length + 1 });
  nodes[nodes.length - 1]!.outputs.push(last.id);
  Object.assign(record.tensors[0]!, { requires_grad: true });
  record.graph = {
    nodes: nodes.reverse(),
    edges: nodes.flatMap((n) => n.next.map((x) => ({ from: n.id, to: x.node!, input_nr: 0 }))),
    leaves: [{ id: 1, shape: [16, 16], dtype: 'float32', requires_grad: true }], grads: [], roots: [length + 1],
  };
  return record;
}
