// Variable names of tensors, from a statement's bindings: `x`, `parts[0]`, `model.weight`. Plain data in and out, so
// the host derives the names of a record cut short (timeout, heap limit) the same way the worker does.
import type { BindingRecord, ValueRecord } from '../protocol/record.ts';

const identifier = /^[A-Za-z_$][\w$]*$/;

export function tensorNames(bindings: readonly BindingRecord[]): Map<number, string[]> {
  const names = new Map<number, string[]>();
  const pending: [string, ValueRecord][] = bindings.map((b) => [b.name, b.value]);
  while (pending.length > 0) {
    const [path, value] = pending.shift()!;
    switch (value.kind) {
      case 'tensor': {
        const list = names.get(value.id);
        if (list) list.push(path); else names.set(value.id, [path]);
        break;
      }
      case 'list':
        value.items.forEach((item, i) => pending.push([`${path}[${i}]`, item]));
        break;
      case 'object':
        for (const e of value.entries) pending.push([identifier.test(e.key) ? `${path}.${e.key}` : `${path}[${JSON.stringify(e.key)}]`, e.value]);
        break;
      case 'scalar': case 'grad_fn': case 'other':
        break;
    }
  }
  return names;
}
