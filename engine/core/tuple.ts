const inspect = Symbol.for('nodejs.util.inspect.custom');

/** A Python tuple returned as an array (`t.stride()`): indexable and iterable, printed as Python prints it, `(3, 1)`. */
export class PyTuple<T = number> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor { return Array; }
  static from_<T>(items: readonly T[]): PyTuple<T> {
    const tuple = new PyTuple<T>();
    for (const item of items) tuple.push(item);
    return tuple;
  }
  override toString(): string { return this.length === 1 ? `(${String(this[0])},)` : `(${this.map(String).join(', ')})`; }
  [inspect](): string { return this.toString(); }
}
