// Every example snippet with a Python original prints exactly what PyTorch prints for that original
// (examples/NAME.expected.txt, regenerated with `npm run examples:expected`), run through the CLI as a user would.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';

const examples = readdirSync('examples').filter((f) => f.endsWith('.ts') && existsSync(`examples/${f.replace(/\.ts$/, '.expected.txt')}`));

test('there are examples with expected output', () => {
  assert.ok(examples.includes('basics.ts') && examples.includes('autograd.ts'), examples.join(', '));
});

for (const file of examples) {
  test(`examples/${file} prints what PyTorch prints`, () => {
    const stdout = execFileSync(process.execPath, ['bin/tensor-inspector.mjs', 'run', `examples/${file}`], { encoding: 'utf8' });
    assert.equal(stdout, readFileSync(`examples/${file.replace(/\.ts$/, '.expected.txt')}`, 'utf8'));
  });
}
