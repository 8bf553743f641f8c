// JavaScript values -> the record's ValueRecord, collecting the tensors they reach. Lists and objects are followed a
// few levels deep and cut at `maxItems`, so a snippet that binds a huge array does not make a huge record.
import { Device } from '../../engine/core/device.ts';
import { DType } from '../../engine/core/dtype.ts';
import { isPyFloat } from '../../engine/core/scalar.ts';
import { Size } from '../../engine/core/size.ts';
import { Tensor } from '../../engine/core/tensor.ts';
import { Node } from '../../engine/autograd/node.ts';
import type { ValueRecord } from '../protocol/record.ts';
import { pythonFloat, pythonNumber, pythonStr, pythonStringRepr } from './format.ts';

const maxDepth = 3;

export class ValueWalker {
  /** Tensors reached since the last `reset`, by id. */
  readonly tensors = new Map<number, Tensor>();
  constructor(private readonly maxItems: number) {}

  reset(): void { this.tensors.clear(); }

  record(value: unknown, depth = 0, seen = new Set<object>()): ValueRecord {
    if (value instanceof Tensor) {
      this.reach(value);
      return { kind: 'tensor', id: value.id };
    }
    switch (typeof value) {
      case 'number': return { kind: 'scalar', type: Number.isInteger(value) ? 'int' : 'float', repr: pythonNumber(value) };
      case 'bigint': return { kind: 'scalar', type: 'int', repr: String(value) };
      case 'boolean': return { kind: 'scalar', type: 'bool', repr: value ? 'True' : 'False' };
      case 'string': return { kind: 'scalar', type: 'str', repr: pythonStringRepr(value.length > 200 ? `${value.slice(0, 200)}...` : value) };
      case 'undefined': return { kind: 'scalar', type: 'none', repr: 'None' };
      case 'function': return { kind: 'other', type: 'function', repr: pythonStr(value) };
      case 'symbol': return { kind: 'other', type: 'symbol', repr: String(value) };
      case 'object': break;
    }
    if (value === null) return { kind: 'scalar', type: 'none', repr: 'None' };
    const object = value as object;
    if (isPyFloat(object)) return { kind: 'scalar', type: 'float', repr: pythonFloat(Number(object)) };
    if (object instanceof Node) return { kind: 'grad_fn', node: object.id, name: object.className };
    if (object instanceof Size) return { kind: 'other', type: 'torch.Size', repr: String(object) };
    if (object instanceof DType) return { kind: 'other', type: 'torch.dtype', repr: String(object) };
    if (object instanceof Device) return { kind: 'other', type: 'torch.device', repr: pythonStr(object) };
    if (seen.has(object) || depth >= maxDepth) return { kind: 'other', type: typeName(object), repr: '...' };
    seen.add(object);
    try {
      if (Array.isArray(object)) {
        const items = object.slice(0, this.maxItems).map((v: unknown) => this.record(v, depth + 1, seen));
        return { kind: 'list', items, omitted: object.length - items.length };
      }
      const proto = Object.getPrototypeOf(object);
      if (proto !== Object.prototype && proto !== null) return { kind: 'other', type: typeName(object), repr: safeRepr(object) };
      const keys = Object.keys(object);
      const entries = keys.slice(0, this.maxItems).map((key) => ({ key, value: this.record((object as Record<string, unknown>)[key], depth + 1, seen) }));
      return { kind: 'object', entries, omitted: keys.length - entries.length };
    } finally {
      seen.delete(object);
    }
  }

  /** A tensor and the tensors it leads to: its `.grad` and the tensor it is a view of. */
  private reach(t: Tensor): void {
    const pending = [t];
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (this.tensors.has(next.id)) continue;
      this.tensors.set(next.id, next);
      if (next._grad) pending.push(next._grad);
      if (next._base) pending.push(next._base);
    }
  }
}

function typeName(object: object): string {
  return (object.constructor as { name?: string } | undefined)?.name || 'object';
}

function safeRepr(object: object): string {
  try {
    const text = pythonStr(object);
    return text.length > 200 ? `${text.slice(0, 200)}...` : text;
  } catch {
    return `<${typeName(object)} object>`;
  }
}
