#!/usr/bin/env node
// The `tensor-inspector` command. It runs the CLI from its TypeScript sources through tsx (see extension/cli/main.ts);
// `node esbuild.mjs` also builds it into dist/cli.mjs, which runs without tsx.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../extension/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
