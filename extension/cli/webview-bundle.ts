// The inspector webview's script, for the standalone page. A bundled CLI (dist/cli.mjs) finds the built script next
// to it (dist/webview/inspector.js, from esbuild.mjs). Running from source, esbuild.mjs builds it in memory; the
// result is cached under node_modules/.cache, keyed by the size and modification time of every file that went into
// it, so that writing a page does not rebuild an unchanged UI.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface CacheManifest { inputs: string[]; key: string }

const root = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'tensor-inspector');
const cachedScript = join(cacheDir, 'inspector.js');
const cachedManifest = join(cacheDir, 'inspector.json');

async function inputsKey(inputs: readonly string[]): Promise<string> {
  const stats = await Promise.all(inputs.map((input) => stat(join(root, input)).then((s) => `${input}:${s.size}:${s.mtimeMs}`, () => `${input}:missing`)));
  return stats.join('\n');
}

async function fromSource(): Promise<string> {
  try {
    const manifest = JSON.parse(await readFile(cachedManifest, 'utf8')) as CacheManifest;
    if (manifest.key === await inputsKey(manifest.inputs)) return await readFile(cachedScript, 'utf8');
  } catch {
    // No cache yet, or an unreadable one: build.
  }
  const buildStarted = Date.now();
  const build = await import(pathToFileURL(join(root, 'esbuild.mjs')).href) as {
    buildWebview(options: { write: boolean }): Promise<{ code: string; inputs: string[] }>;
  };
  const { code, inputs } = await build.buildWebview({ write: false });
  const key = await inputsKey(inputs);
  // A file saved while esbuild read it would pair a stale script with a fresh key: key it as of the build's start.
  const changed = (await Promise.all(inputs.map((input) => stat(join(root, input)).then((s) => s.mtimeMs > buildStarted, () => true)))).some(Boolean);
  if (!changed) {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${cachedScript}.${process.pid}.tmp`;
    await writeFile(temporary, code);
    await rename(temporary, cachedScript);
    await writeFile(`${cachedManifest}.${process.pid}.tmp`, JSON.stringify({ inputs, key } satisfies CacheManifest));
    await rename(`${cachedManifest}.${process.pid}.tmp`, cachedManifest);
  }
  return code;
}

let script: Promise<string> | null = null;

/** The webview script's text. */
export function webviewScript(): Promise<string> {
  const bundled = fileURLToPath(new URL('./webview/inspector.js', import.meta.url));
  if (existsSync(bundled)) return readFile(bundled, 'utf8');
  script ??= fromSource();
  script.catch(() => { script = null; });
  return script;
}
