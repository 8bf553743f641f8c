// `npm run bench [filter...]`: runs every bench/*.bench.ts in its own process, one after another, so that one
// benchmark's warm caches and garbage do not skew the next. Each writes its results under bench/results/.
// The CPU benchmark runs the engine as shipped code runs it: bundled by esbuild as esbuild.mjs bundles the
// extension's worker, then started with plain Node. Under tsx every arrow function is wrapped in a naming helper
// (esbuild's keepNames) that costs more than a small op's whole dispatch, so its timings would not be the
// extension's. The others measure code that finds its sources from import.meta.url (the runner bundles its worker
// itself), so they run through tsx.
import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here).filter((f) => f.endsWith('.bench.ts') && (filters.length === 0 || filters.some((s) => f.includes(s)))).sort();
if (files.length === 0) {
  console.error('no benchmarks found');
  process.exit(1);
}
const bundled = new Set(['cpu.bench.ts']);
let failed = 0;
for (const file of files) {
  let command = ['--import', 'tsx', `${here}${file}`];
  // Next to its source, so that paths it takes from import.meta.url stay the same.
  const outfile = `${here}.${file.replace(/\.ts$/, '.mjs')}`;
  if (bundled.has(file)) {
    await esbuild.build({
      entryPoints: [`${here}${file}`], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
      packages: 'external', logLevel: 'warning',
    });
    command = [outfile];
  }
  const result = spawnSync(process.execPath, command, { stdio: 'inherit' });
  rmSync(outfile, { force: true });
  if (result.status !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
