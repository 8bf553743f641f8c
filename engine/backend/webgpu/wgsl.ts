// Building blocks of the generated kernels. Note [Structural kernels]: a kernel's text depends only on its
// structure (op, dtypes, rank, workgroup size), which is also its pipeline key; sizes, strides and offsets travel in
// one uniform array of u32 words, read through `Words`. Every kernel returns early past its last element.
import type { DType } from '../../core/dtype.ts';

/** How a dtype is stored in a GPU buffer: bool as one u32 per element (WGSL has no byte arrays), 64-bit types raw. */
export type GpuType = 'f32' | 'i32' | 'u32' | 'x64';

export function gpuType(dtype: DType): GpuType {
  switch (dtype.name) {
    case 'float32': return 'f32';
    case 'int32': return 'i32';
    case 'bool': return 'u32';
    default: return 'x64';
  }
}

/** Bytes per element in a GPU buffer. */
export const gpuItemSize = (dtype: DType): number => (gpuType(dtype) === 'x64' ? 8 : 4);

export const workgroupSize = 64;

/** The flat u32 uniform block: `push` returns the index a kernel reads with `ref`. */
export class Words {
  readonly values: number[] = [];
  push(...values: readonly number[]): number {
    const at = this.values.length;
    for (const v of values) this.values.push(v >>> 0);
    return at;
  }
  /** The WGSL expression reading word `index` of the uniform block `p`. */
  static ref(index: number): string {
    return `p.v[${index >> 2}].${'xyzw'[index & 3]}`;
  }
  /** The uniform data padded to whole vec4s (uniform arrays have a 16-byte stride). */
  data(): Uint32Array {
    const out = new Uint32Array(Math.max(4, Math.ceil(this.values.length / 4) * 4));
    out.set(this.values);
    return out;
  }
  /** The WGSL declaration of the uniform block. */
  declaration(): string {
    return `struct Params { v: array<vec4<u32>, ${Math.max(1, Math.ceil(this.values.length / 4))}> }\n` +
      '@group(0) @binding(0) var<uniform> p: Params;\n';
  }
}

/** `@binding(n)` storage arrays; x64 buffers are arrays of u32 word pairs. */
export function storageBinding(binding: number, name: string, type: GpuType, access: 'read' | 'read_write'): string {
  return `@group(0) @binding(${binding}) var<storage, ${access}> ${name}: array<${type === 'x64' ? 'u32' : type}>;\n`;
}


/** The entry point's header: the flat element index `i` over a 2-D grid of workgroups, bounds-checked against `count`. */
export function entry(count: string, size = workgroupSize): string {
  return `@compute @workgroup_size(${size})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = gid.x + gid.y * groups.x * ${size}u;
  if (i >= ${count}) { return; }
`;
}

/** Workgroups covering `count` threads, in a 2-D grid past the per-dimension limit. */
export function gridFor(count: number, size = workgroupSize): [number, number, number] {
  const groups = Math.max(1, Math.ceil(count / size));
  const x = Math.min(groups, 65535);
  return [x, Math.ceil(groups / x), 1];
}

/**
 * Code that walks the flat index `index` over `shape` (words at `dimsAt`) from the last dimension, adding each
 * coordinate times each operand's stride (words at `stridesAt[k]`) to the variable `names[k]`.
 */
export function stridedOffsets(index: string, rank: number, dimsAt: number, names: readonly string[], stridesAt: readonly number[]): string {
  let code = `  var rest = ${index};\n`;
  for (let d = rank - 1; d >= 0; d--) {
    const c = `c${d}`;
    code += d === 0 ? `  let ${c} = rest;\n` : `  let ${c} = rest % ${Words.ref(dimsAt + d)}; rest = rest / ${Words.ref(dimsAt + d)};\n`;
    names.forEach((name, k) => { code += `  ${name} += ${c} * ${Words.ref(stridesAt[k]! + d)};\n`; });
  }
  return code;
}

/** Converts a value of storage type `from` to `to` the way PyTorch casts (bool is 0/1, non-zero is true). */
export function convert(value: string, from: GpuType, to: GpuType | 'bool'): string {
  if (from === to) return value;
  // Float tests read the bits: the shader compiler may assume no NaN in comparisons, and NaN is true as a bool.
  const nonZero = from === 'f32' ? `((bitcast<u32>(${value}) & 0x7fffffffu) != 0u)` : `(${value} != 0)`;
  if (to === 'bool') return nonZero;
  if (to === 'u32') return `select(0u, 1u, ${nonZero})`;
  // WGSL saturates f32 -> i32; PyTorch on x86 gives INT_MIN for NaN and values beyond int32's range (convertStore):
  // in range means |v| < 2^31 (0x4f000000) or v == -2^31 (0xcf000000).
  if (from === 'f32' && to === 'i32') {
    const bits = `bitcast<u32>(${value})`;
    return `select(-2147483647i - 1i, i32(${value}), (${bits} & 0x7fffffffu) < 0x4f000000u || ${bits} == 0xcf000000u)`;
  }
  return `${to}(${value})`;
}
