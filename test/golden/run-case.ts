// Running one golden case the way every suite that replays them must: from the starting state the generator gives
// PyTorch (default print options, float32 default dtype, grad mode on, seed 0), with console.log captured.
import { torch } from '../../engine/index.ts';
import { resetPrintOptions } from '../../engine/printing/options.ts';

function defaults(): void {
  resetPrintOptions();
  torch.set_default_dtype(torch.float32);
  torch.set_grad_enabled(true);
}

export interface RunOptions {
  /** Drop console.warn output. */
  quiet?: boolean;
  /** Leave the case's state (print options, default dtype, grad mode) in effect, e.g. to print its result after. */
  keepState?: boolean;
}

/** Runs `fn`, handing each console.log call's arguments to `onLog`. */
export function runCase<T>(fn: () => T, onLog: (args: unknown[]) => void, options: RunOptions = {}): { result?: T; error?: unknown } {
  defaults();
  torch.manual_seed(0);
  const [log, warn] = [console.log, console.warn];
  console.log = (...args: unknown[]) => onLog(args);
  if (options.quiet) console.warn = () => {};
  try {
    return { result: fn() };
  } catch (error) {
    return { error };
  } finally {
    console.log = log;
    console.warn = warn;
    if (!options.keepState) defaults();
  }
}
