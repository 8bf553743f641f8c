// Seeding and state of the default generator: `torch.manual_seed`, `torch.get_rng_state`, `torch.Generator()`.
import type { Tensor } from '../core/tensor.ts';
import { defaultGenerator, Generator } from './generator.ts';

/** `torch.manual_seed(0)`: reseeds the default generator and returns it. */
export function manual_seed(seed: number | bigint | boolean): Generator { return defaultGenerator.manual_seed(seed); }
/** `torch.seed()`: reseeds the default generator nondeterministically; returns the seed. */
export function seed(): number { return defaultGenerator.seed(); }
/** `torch.initial_seed()`: the default generator's seed. */
export function initial_seed(): number { return defaultGenerator.initial_seed(); }
/** `torch.get_rng_state()`: the default generator's state as PyTorch's bytes (Note [RNG state dtype]). */
export function get_rng_state(): Tensor { return defaultGenerator.get_state(); }
/** `torch.set_rng_state(state)`: restores a state from `get_rng_state`. */
export function set_rng_state(state: Tensor): void { defaultGenerator.set_state(state); }

/** `torch.Generator()`: a new generator (seeded with PyTorch's default seed 67280421310721). */
function createGenerator(_device: string = 'cpu'): Generator { return new Generator(); }

export const functions = {
  manual_seed, seed, initial_seed, get_rng_state, set_rng_state,
  Generator: createGenerator,
  default_generator: defaultGenerator,
};
