/// <reference types="@webgpu/types" />
// Adapter selection that works on real machines: Vulkan first; where there is no Vulkan adapter, Dawn's OpenGL ES
// backend in compatibility mode (headless EGL); otherwise no adapter, with a one-line reason the runner shows.
// `TENSOR_INSPECTOR_WEBGPU=off` keeps everything on the CPU.

export interface AdapterEnvironment {
  /** The `webgpu` package's `create(flags)`. */
  create: (flags: string[]) => GPU;
  platform: string;
  env: Record<string, string | undefined>;
}

/** `gpu` must stay referenced while the device lives: Dawn tears the instance down when it is collected. */
export interface SelectedAdapter { gpu: GPU; adapter: GPUAdapter; description: string }

export async function selectAdapter(environment: AdapterEnvironment): Promise<SelectedAdapter | string> {
  if (environment.env['TENSOR_INSPECTOR_WEBGPU'] === 'off') return 'turned off by TENSOR_INSPECTOR_WEBGPU=off';
  const tried: string[] = [];
  const attempt = async (backend: string, flags: string[], options: GPURequestAdapterOptions): Promise<SelectedAdapter | null> => {
    try {
      const gpu = environment.create(flags);
      const adapter = await gpu.requestAdapter(options);
      if (adapter) return { gpu, adapter, description: describe(backend, adapter) };
      tried.push(`${backend}: no adapter`);
    } catch (error) {
      tried.push(`${backend}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return null;
  };
  const linux = environment.platform === 'linux';
  const primary = await attempt(linux ? 'vulkan' : 'default', linux ? ['backend=vulkan'] : [], { powerPreference: 'high-performance' });
  if (primary) return primary;
  if (linux) {
    // Headless EGL needs the surfaceless platform; set before Dawn loads EGL.
    environment.env['EGL_PLATFORM'] ??= 'surfaceless';
    const gles = await attempt('opengles', ['backend=opengles'], { featureLevel: 'compatibility' } as GPURequestAdapterOptions);
    if (gles) return gles;
  }
  return `no WebGPU adapter (${tried.join('; ')}); install a Vulkan driver with libvulkan1, or set VK_ICD_FILENAMES`;
}

function describe(backend: string, adapter: GPUAdapter): string {
  const info = adapter.info;
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((p) => p !== undefined && p !== '');
  return `${backend}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}
