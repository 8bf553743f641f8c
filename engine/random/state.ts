// `torch.get_rng_state()` / `set_rng_state()`: the generator's state as the 5056 bytes of ATen's
// CPUGeneratorImplState, byte for byte. Note [RNG state dtype]: PyTorch returns a uint8 tensor; this engine has no
// uint8, so the same byte values come back in an int64 tensor, and set_rng_state accepts any integer tensor of them.
import { int64 } from '../core/dtype.ts';
import { RuntimeError } from '../core/errors.ts';
import { emptyTensor, type Tensor } from '../core/tensor.ts';
import type { GeneratorState } from './generator.ts';

const STATE_WORDS = 624;
const LEGACY_SIZE = 5048;
const SIZE = 5056;
// Offsets inside the C struct (x86-64 layout): the legacy THGeneratorState, then the float normal sample.
const STATE_AT = 24;
const NORMAL_Y_AT = STATE_AT + STATE_WORDS * 8 + 8;
const NORMAL_VALID_AT = NORMAL_Y_AT + 16;
const FLOAT_NORMAL_AT = NORMAL_VALID_AT + 4;
const FLOAT_VALID_AT = FLOAT_NORMAL_AT + 4;

/** Serialises a generator state into PyTorch's byte layout. */
export function encodeState(state: GeneratorState): Tensor {
  const bytes = new DataView(new ArrayBuffer(SIZE));
  const engine = state.engine;
  bytes.setBigUint64(0, engine.seed, true);
  bytes.setInt32(8, engine.left, true);
  bytes.setInt32(12, engine.seeded ? 1 : 0, true);
  bytes.setBigUint64(16, BigInt(engine.next), true);
  for (let i = 0; i < STATE_WORDS; i++) bytes.setUint32(STATE_AT + 8 * i, engine.state[i]!, true);
  if (state.nextDoubleNormal !== null) {
    bytes.setFloat64(NORMAL_Y_AT, state.nextDoubleNormal, true);
    bytes.setInt32(NORMAL_VALID_AT, 1, true);
  }
  if (state.nextFloatNormal !== null) {
    bytes.setFloat32(FLOAT_NORMAL_AT, state.nextFloatNormal, true);
    bytes.setUint8(FLOAT_VALID_AT, 1);
  }
  const out = emptyTensor([SIZE], int64);
  for (let i = 0; i < SIZE; i++) out.storage.data[i] = bytes.getUint8(i);
  return out;
}

/** Reads a state written by `encodeState` (or by PyTorch), with PyTorch's checks. */
export function decodeState(tensor: Tensor): GeneratorState {
  if (!tensor.dtype.isIntegral) throw new TypeError('RNG state must be a torch.ByteTensor');
  const size = tensor.numel();
  if (size !== SIZE) {
    throw new RuntimeError(`Expected either a CPUGeneratorImplStateLegacy of size ${LEGACY_SIZE} or a CPUGeneratorImplState of size ${SIZE} but found the input RNG state size to be ${size}`);
  }
  const bytes = new DataView(new Uint8Array(tensor._values()).buffer);
  const seeded = bytes.getInt32(12, true) !== 0;
  const left = bytes.getInt32(8, true);
  const next = Number(bytes.getBigUint64(16, true) & 0xffffffffn);
  if (!seeded || left <= 0 || left > STATE_WORDS || next > STATE_WORDS) throw new RuntimeError('Invalid mt19937 state');
  const words = new Uint32Array(STATE_WORDS);
  for (let i = 0; i < STATE_WORDS; i++) words[i] = bytes.getUint32(STATE_AT + 8 * i, true);
  return {
    engine: { seed: bytes.getBigUint64(0, true), left, seeded, next, state: words },
    nextDoubleNormal: bytes.getInt32(NORMAL_VALID_AT, true) !== 0 ? bytes.getFloat64(NORMAL_Y_AT, true) : null,
    nextFloatNormal: bytes.getUint8(FLOAT_VALID_AT) !== 0 ? bytes.getFloat32(FLOAT_NORMAL_AT, true) : null,
  };
}
