// The extension test suite's entry point: the extension host (started with `--extensionTestsPath` pointing at this
// bundle) calls `run()`, and the suite's result becomes the host's exit code.
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'extension.suite.ts', mocha);
  // Imported only now, after mocha defined `describe` and `it`.
  await import('./extension.suite.ts');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension test${failures === 1 ? '' : 's'} failed`);
}
