// The 32-bit Mersenne Twister exactly as ATen's at::mt19937 (the same stream as std::mt19937): PyTorch's CPU
// generator draws every random number from it, so reproducing it bit for bit reproduces torch's random streams.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** The engine's full state, in the fields PyTorch's `get_rng_state` serialises. */
export interface MT19937State {
  /** The 64-bit seed it was seeded with (only its low 32 bits enter the state). */
  seed: bigint;
  /** Draws left before the state is regenerated; starts at 1 so the first draw regenerates. */
  left: number;
  seeded: boolean;
  /** Index of the next state word to temper. */
  next: number;
  state: Uint32Array;
}

export class MT19937 {
  private seedValue = 0n;
  private left = 1;
  private seeded = false;
  private next = 0;
  private readonly state = new Uint32Array(N);

  constructor(seed: bigint = 5489n) { this.seed(seed); }

  /** Seeds like at::mt19937's init_with_uint32: the seed's low 32 bits, spread by Knuth's multiplier. */
  seed(seed: bigint): void {
    this.seedValue = seed;
    this.seeded = true;
    const state = this.state;
    state[0] = Number(seed & 0xffffffffn);
    for (let j = 1; j < N; j++) {
      const previous = state[j - 1]! ^ (state[j - 1]! >>> 30);
      // 1812433253 * previous overflows 2^53; Math.imul keeps the product exact modulo 2^32.
      state[j] = (Math.imul(1812433253, previous) + j) >>> 0;
    }
    this.left = 1;
    this.next = 0;
  }

  /** The next 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    if (--this.left === 0) this.regenerate();
    let y = this.state[this.next++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private regenerate(): void {
    const state = this.state;
    this.left = N;
    this.next = 0;
    for (let i = 0; i < N; i++) {
      const y = (state[i]! & UPPER_MASK) | (state[(i + 1) % N]! & LOWER_MASK);
      state[i] = state[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
  }

  snapshot(): MT19937State {
    return { seed: this.seedValue, left: this.left, seeded: this.seeded, next: this.next, state: this.state.slice() };
  }

  restore(snapshot: MT19937State): void {
    this.seedValue = snapshot.seed;
    this.left = snapshot.left;
    this.seeded = snapshot.seeded;
    this.next = snapshot.next;
    this.state.set(snapshot.state);
  }
}
