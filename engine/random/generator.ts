// PyTorch's CPU generator (CPUGeneratorImpl): an mt19937 engine plus the cached second sample of the serial
// Box-Muller transform. Seeds are unsigned 64-bit; only their low 32 bits seed the engine.
import { RuntimeError } from '../core/errors.ts';
import { cpu, type Device } from '../core/device.ts';
import type { Tensor } from '../core/tensor.ts';
import { MT19937, type MT19937State } from './mt19937.ts';
import { decodeState, encodeState } from './state.ts';

const inspect = Symbol.for('nodejs.util.inspect.custom');
const TWO_POW_32 = 2 ** 32;

/** Everything a generator's future draws depend on. */
export interface GeneratorState {
  engine: MT19937State;
  nextDoubleNormal: number | null;
  nextFloatNormal: number | null;
}

/** Python's int() of a seed, wrapped into [0, 2^64) as `manual_seed` documents. */
export function toSeed(seed: number | bigint | boolean): bigint {
  const value = typeof seed === 'bigint' ? seed : BigInt(Math.trunc(Number(seed)));
  if (value < -(2n ** 63n) || value >= 2n ** 64n) throw new RuntimeError('Overflow when unpacking long');
  return BigInt.asUintN(64, value);
}

/** `torch.Generator()`: an independent random stream; `torch.manual_seed` returns the default one. */
export class Generator {
  readonly device: Device = cpu;
  private readonly engine = new MT19937(67280421310721n);
  /** Box-Muller makes two samples; the serial double sampler keeps the second for the next call. */
  nextDoubleNormal: number | null = null;
  nextFloatNormal: number | null = null;

  /** `g.manual_seed(0)`: reseeds and forgets any cached normal sample. */
  manual_seed(seed: number | bigint | boolean): this {
    this.nextDoubleNormal = null;
    this.nextFloatNormal = null;
    this.engine.seed(toSeed(seed));
    return this;
  }

  /** `g.seed()`: reseeds from the operating system's entropy and returns the seed (kept below 2^53 so it is exact). */
  seed(): number {
    const words = new Uint32Array(2);
    // Web Crypto exists in browsers, workers and Node; a bare JavaScript context falls back to Math.random.
    if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(words);
    else words.set([Math.random() * TWO_POW_32, Math.random() * TWO_POW_32]);
    const seed = (words[0]! & 0x1fffff) * TWO_POW_32 + words[1]!;
    this.manual_seed(seed);
    return seed;
  }

  /** `g.initial_seed()`: the seed last given (a JavaScript number, exact below 2^53). */
  initial_seed(): number { return Number(this.engine.snapshot().seed); }

  /** One 32-bit draw (CPUGeneratorImpl::random). */
  random(): number { return this.engine.nextUint32(); }

  /** The low 53 bits of a 64-bit draw whose first 32-bit draw is the high word, as an exact number. */
  random53(): number {
    const high = this.engine.nextUint32();
    const low = this.engine.nextUint32();
    return (high & 0x1fffff) * TWO_POW_32 + low;
  }

  /** A full 64-bit draw (CPUGeneratorImpl::random64): the first 32-bit draw is the high word. */
  random64(): bigint {
    const high = this.engine.nextUint32();
    const low = this.engine.nextUint32();
    return (BigInt(high) << 32n) | BigInt(low);
  }

  /** `g.get_state()`: PyTorch's byte layout of the state (Note [RNG state dtype]). */
  get_state(): Tensor { return encodeState(this._snapshot()); }

  /** `g.set_state(state)`: restores a state from `get_state`; invalid states leave the generator untouched. */
  set_state(state: Tensor): this {
    this._restore(decodeState(state));
    return this;
  }

  _snapshot(): GeneratorState {
    return { engine: this.engine.snapshot(), nextDoubleNormal: this.nextDoubleNormal, nextFloatNormal: this.nextFloatNormal };
  }

  _restore(state: GeneratorState): void {
    this.engine.restore(state.engine);
    this.nextDoubleNormal = state.nextDoubleNormal;
    this.nextFloatNormal = state.nextFloatNormal;
  }

  toString(): string { return '<torch._C.Generator object>'; }
  [inspect](): string { return this.toString(); }
}

/** The generator every random op uses unless given `{ generator }`; PyTorch seeds it nondeterministically. */
export const defaultGenerator = new Generator();
defaultGenerator.seed();
