import assert from 'node:assert/strict';
import { test } from 'node:test';
import plugin from '../../../extension/typescript-plugin/plugin.cts';

test('snippet globs match a path by its end, as the plugin knows no workspace root', () => {
  const torch = plugin.globToRegExp('**/*.torch.ts');
  assert.ok(torch.test('/work/project/examples/basics.torch.ts'));
  assert.ok(torch.test('basics.torch.ts'));
  assert.ok(!torch.test('/work/project/basics.ts'));
  assert.ok(!torch.test('/work/project/basics.torch.tsx'));
  const either = plugin.globToRegExp('src/**/*.{torch,snippet}.?s');
  assert.ok(either.test('/w/src/a/b/x.snippet.js'));
  assert.ok(either.test('/w/src/x.torch.ts'));
  assert.ok(!either.test('/w/lib/x.torch.ts'));
});
