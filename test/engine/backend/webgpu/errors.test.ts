// GPU errors are never silent (validation errors and compiler errors become clear exceptions), the engine says
// why there is no device, and adapter selection falls back from Vulkan to OpenGL ES in the right way.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { torch } from '../../../../engine/index.ts';
import { setGpuHost } from '../../../../engine/backend/webgpu/index.ts';
import { DeviceClient } from '../../../../engine/backend/webgpu/client.ts';
import { encodeText, type GpuHost, replyError } from '../../../../engine/backend/webgpu/protocol.ts';
import { selectAdapter } from '../../../../extension/gpu/adapter.ts';
import { bucketSize } from '../../../../extension/gpu/buffer-pool.ts';
import { nodeGpuHost } from '../../../../extension/gpu/host.ts';
import { startDevice } from './setup.ts';

const skip = startDevice();

describe('GPU errors on a device of their own', { skip: skip ?? false }, () => {
  const kernel = `struct Params { v: array<vec4<u32>, 1> }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) gid: vec3<u32>) { if (gid.x < p.v[0].x) { out[gid.x] = 1.0; } }`;

  test('a WGSL compiler error is returned with its message (the op falls back)', () => {
    const client = DeviceClient.open(nodeGpuHost) as DeviceClient;
    try {
      const message = client.compile('broken', 'broken kernel', 'fn main( {');
      assert.match(message ?? '', /broken kernel/);
      assert.equal(client.compile('fine', 'fine kernel', kernel), null);
      client.sync();
    } finally {
      client.close();
    }
  });

  test('a validation error in a launch becomes a RuntimeError at the next read, never numbers', () => {
    const client = DeviceClient.open(nodeGpuHost) as DeviceClient;
    try {
      assert.equal(client.compile('fill', 'fill kernel', kernel), null);
      const buffer = client.createBuffer(16, 'target');
      // Binding 1 is missing: createBindGroup fails validation on the device thread.
      client.launch('fill', 'fill', new Uint32Array([4, 0, 0, 0]), [], [1, 1, 1]);
      assert.throws(() => client.read(buffer, 16), (error: Error) => error.name === 'RuntimeError' && /^WebGPU: validation error: /.test(error.message));
      assert.throws(() => client.sync(), /WebGPU: validation error/);
    } finally {
      client.close();
    }
  });
});

test('without an adapter, torch.cuda says so and moving a tensor explains why', () => {
  // A host whose device thread answers `init` with the reason, as the real one does on a machine without a GPU.
  const noAdapter: GpuHost = {
    start: () => ({
      post: (command) => {
        if (command.type !== 'init') return;
        const header = new Int32Array(command.reply, 0, 2);
        header[1] = encodeText('no WebGPU adapter (vulkan: no adapter)', new Uint8Array(command.reply, 8));
        Atomics.store(header, 0, replyError);
      },
      close: () => {},
    }),
  };
  setGpuHost(noAdapter);
  try {
    assert.equal(torch.cuda.is_available(), false);
    assert.throws(() => torch.ones(2).to('cuda'), { message: 'WebGPU is not available: no WebGPU adapter (vulkan: no adapter)' });
    assert.throws(() => torch.tensor([1], { device: 'cuda' }), /WebGPU is not available/);
  } finally {
    setGpuHost(null);
  }
});

test('adapter selection: Vulkan first, then OpenGL ES in compatibility mode, else a one-line reason', async () => {
  const calls: string[] = [];
  const env: Record<string, string | undefined> = {};
  const fakeGpu = (adapter: unknown) => ({ requestAdapter: async (options: unknown) => { calls.push(JSON.stringify(options)); return adapter; } });
  const create = (flags: string[]) => { calls.push(flags.join(',')); return fakeGpu(null) as unknown as GPU; };
  const reason = await selectAdapter({ create, platform: 'linux', env });
  assert.deepEqual(calls, ['backend=vulkan', '{"powerPreference":"high-performance"}', 'backend=opengles', '{"featureLevel":"compatibility"}']);
  assert.equal(env['EGL_PLATFORM'], 'surfaceless');
  assert.equal(typeof reason, 'string');
  assert.match(reason as string, /^no WebGPU adapter \(vulkan: no adapter; opengles: no adapter\)/);
  const adapter = { info: { vendor: 'mesa', architecture: '', device: 'llvmpipe', description: '' } };
  const gles = await selectAdapter({ create: (flags) => fakeGpu(flags[0] === 'backend=opengles' ? adapter : null) as unknown as GPU, platform: 'linux', env });
  assert.equal(typeof gles === 'string' ? gles : gles.description, 'opengles (mesa, llvmpipe)');
});

test('the buffer pool rounds sizes up to power-of-two buckets from 256 bytes', () => {
  assert.deepEqual([0, 1, 256, 257, 4096, 5000].map(bucketSize), [256, 256, 256, 512, 4096, 8192]);
});
