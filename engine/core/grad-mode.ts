// Global autograd switch (`torch.no_grad`, `torch.enable_grad`, `torch.set_grad_enabled`).

let enabled = true;

export function is_grad_enabled(): boolean { return enabled; }
export function set_grad_enabled(mode: boolean): void { enabled = mode; }

/** Runs `fn` with gradient recording switched to `mode`, restoring the previous mode afterwards. */
export function withGradMode<T>(mode: boolean, fn: () => T): T {
  const previous = enabled;
  enabled = mode;
  try { return fn(); } finally { enabled = previous; }
}
