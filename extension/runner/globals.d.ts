// What a snippet sees without importing anything: the runner's worker defines `torch` and `F` as globals. Declared
// here so that snippets (examples/, test fixtures) type-check like the code that runs them.
import type { F as Functional, torch as Torch } from '../../engine/index.ts';

declare global {
  const torch: typeof Torch;
  const F: typeof Functional;
}
