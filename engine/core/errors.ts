// PyTorch's exception classes, so a snippet's error reads exactly as Python's would: `RuntimeError: ...`.

export class TorchError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export class RuntimeError extends TorchError {
  constructor(message: string) { super('RuntimeError', message); }
}
export class IndexError extends TorchError {
  constructor(message: string) { super('IndexError', message); }
}
export class ValueError extends TorchError {
  constructor(message: string) { super('ValueError', message); }
}
export class NotImplementedError extends TorchError {
  constructor(message: string) { super('NotImplementedError', message); }
}

/** Throws PyTorch's RuntimeError unless `condition` holds (TORCH_CHECK). */
export function check(condition: unknown, message: string | (() => string)): asserts condition {
  if (!condition) throw new RuntimeError(typeof message === 'string' ? message : message());
}
