// Test index for VS Code's extensionTestsPath: VS Code (code-server here, see scripts/code-server.mjs)
// loads the compiled out/integration/index.js in the extension host and calls run().
// Every suite shares it: scripts/build-integration-tests.mjs also compiles it to out/vsix/index.js for the
// VSIX smoke tests (test/vsix), and it runs the *.test.js files next to itself.
// Environment: PLOD_TEST_GREP (only tests whose full title matches this pattern run).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

const METHODS: Array<'log' | 'info' | 'warn' | 'error' | 'debug'> = ['log', 'info', 'warn', 'error', 'debug'];

/**
 * VS Code forwards the extension host's console to the workbench log, where it is mixed with the
 * workbench's own lines and printf arguments are joined with commas. While the tests run, each console
 * call is formatted here and, when the runner sets PLOD_TEST_LOG_MARKER, marked as test output.
 * VS Code defines the console methods with a getter and an ignoring setter, so they are redefined.
 */
function formatConsole(): () => void {
  const marker = process.env.PLOD_TEST_LOG_MARKER ?? '';
  const restore: Array<() => void> = [];
  const log = console.log.bind(console);
  for (const method of METHODS) {
    const descriptor = Object.getOwnPropertyDescriptor(console, method);
    const original = console[method].bind(console);
    const wrapped = (...args: unknown[]) => original(marker + format(...args));
    try {
      Object.defineProperty(console, method, {
        value: wrapped,
        writable: true,
        configurable: true,
        enumerable: true,
      });
      restore.push(() =>
        descriptor ? Object.defineProperty(console, method, descriptor) : delete (console as never)[method],
      );
    } catch {
      /* not configurable: leave it */
    }
  }
  // mocha's reporters keep their own reference to console.log.
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const savedBase = base.consoleLog;
  base.consoleLog = (...args: unknown[]) => log(marker + format(...args));
  restore.push(() => (base.consoleLog = savedBase));
  return () => restore.reverse().forEach((undo) => undo());
}

function findTests(dir: string, suffix: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full, suffix));
    else if (entry.name.endsWith(suffix)) found.push(full);
  }
  return found.sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: process.env.PLOD_BENCH ? 600_000 : 60_000,
    reporter: 'spec',
  });
  const grep = process.env.PLOD_TEST_GREP;
  if (grep) mocha.grep(grep);
  // PLOD_BENCH=1 runs the benchmarks (*.bench.js) instead of the tests.
  const suffix = process.env.PLOD_BENCH ? '.bench.js' : '.test.js';
  for (const file of findTests(__dirname, suffix)) mocha.addFile(file);

  const restoreConsole = formatConsole();
  return new Promise<void>((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        const { passes = 0, pending = 0 } = runner.stats ?? {};
        // scripts/code-server.mjs reads this line; it overrides what it counts from the reporter.
        console.log(
          `PLOD-TEST-COUNTS ${JSON.stringify({ passed: passes, failed: failures, skipped: pending })}`,
        );
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      console.log(`PLOD-TEST-COUNTS ${JSON.stringify({ passed: 0, failed: 1, skipped: 0 })}`);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  }).finally(restoreConsole);
}
