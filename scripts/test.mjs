// Runs every test file under test/ with Node's test runner (TypeScript through tsx). Extra arguments filter files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildKernels } from '../engine/backend/wasm/build.mjs';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' || name === 'generated' ? [] : find(path);
    return /\.test\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}

// The engine imports the compiled WebAssembly kernels: build them when missing or stale.
await buildKernels();

const filters = process.argv.slice(2);
const files = find('test').filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
