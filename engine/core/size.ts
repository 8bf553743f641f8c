const inspect = Symbol.for('nodejs.util.inspect.custom');

/** `torch.Size`: an array of dimension sizes that prints as PyTorch does, `torch.Size([3, 3])`. */
export class Size extends Array<number> {
  static override get [Symbol.species](): ArrayConstructor { return Array; }
  static of_(dims: readonly number[]): Size {
    const size = new Size();
    for (const d of dims) size.push(d);
    return size;
  }
  numel(): number { return this.reduce((a, b) => a * b, 1); }
  override toString(): string { return `torch.Size([${this.join(', ')}])`; }
  [inspect](): string { return this.toString(); }
}
