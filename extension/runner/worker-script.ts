// Where the worker's code comes from. A bundled build (dist/worker.mjs, from esbuild.mjs) sits next to the bundled
// host and is used as is. Running from source, the worker and the engine are bundled with esbuild into one script,
// so that a worker starts by evaluating one script instead of loading dozens of TypeScript files. That bundle is
// cached under node_modules/.cache, keyed by the size and modification time of every file that went into it, so a
// command-line run does not rebuild an unchanged engine.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A worker to start: a file, or CommonJS source evaluated in the thread. */
export type WorkerScript = { kind: 'file'; path: string } | { kind: 'eval'; code: string };

interface CacheManifest { inputs: string[]; key: string }

const root = fileURLToPath(new URL('../../', import.meta.url));
const cacheDir = join(root, 'node_modules', '.cache', 'tensor-inspector');
const cachedBundle = join(cacheDir, 'worker.cjs');
const cachedManifest = join(cacheDir, 'worker.json');

let fromSource: Promise<WorkerScript> | null = null;

export function defaultWorkerScript(): Promise<WorkerScript> {
  const bundled = fileURLToPath(new URL('./worker.mjs', import.meta.url));
  if (existsSync(bundled)) return Promise.resolve({ kind: 'file', path: bundled });
  fromSource ??= bundleFromSource();
  // A failed build (an engine file mid-edit) is retried by the next run.
  fromSource.catch(() => { fromSource = null; });
  return fromSource;
}

async function inputsKey(inputs: readonly string[]): Promise<string> {
  const stats = await Promise.all(inputs.map((input) => stat(join(root, input)).then((s) => `${input}:${s.size}:${s.mtimeMs}`, () => `${input}:missing`)));
  return stats.join('\n');
}

async function bundleFromSource(): Promise<WorkerScript> {
  try {
    const manifest = JSON.parse(await readFile(cachedManifest, 'utf8')) as CacheManifest;
    if (manifest.key === await inputsKey(manifest.inputs)) return { kind: 'eval', code: await readFile(cachedBundle, 'utf8') };
  } catch {
    // No cache yet, or an unreadable one: build.
  }
  const buildStarted = Date.now();
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // The evaluated script has no module URL: files that locate siblings (the GPU device thread) get their source's.
    define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(root, 'extension/runner/worker.ts')).href) },
  });
  const code = result.outputFiles[0]!.text;
  const inputs = Object.keys(result.metafile.inputs).filter((input) => !input.includes(':')).sort();
  const key = await inputsKey(inputs);
  // A file saved while esbuild read it would pair a stale bundle with a fresh key.
  const changedDuringBuild = inputs.length === 0 || (await Promise.all(inputs.map((i) => stat(join(root, i)).then((s) => s.mtimeMs, () => Infinity))))
    .some((mtime) => mtime >= buildStarted - 1000);
  if (!changedDuringBuild) {
    try {
      await mkdir(cacheDir, { recursive: true });
      await writeAtomically(cachedBundle, code);
      await writeAtomically(cachedManifest, JSON.stringify({ inputs, key } satisfies CacheManifest));
    } catch {
      // A read-only checkout runs without the cache.
    }
  }
  return { kind: 'eval', code };
}

/** Parallel runs (test files) may write the cache at once: each writes a file of its own and renames it into place. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}
