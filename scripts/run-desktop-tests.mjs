#!/usr/bin/env node
// Runs the integration suite (test/integration, the same out/integration/index.js that
// scripts/run-integration-tests.mjs runs in code-server) in a DESKTOP VS Code with @vscode/test-electron:
// `npm run test:desktop`.
//
//   node scripts/run-desktop-tests.mjs [--code PATH] [--version VERSION] [--grep PATTERN] [--no-build]
//
// Which VS Code: --code PATH, else $VSCODE_EXECUTABLE (the Electron executable of an installed VS Code:
// Linux /usr/share/code/code, macOS ".../Visual Studio Code.app/Contents/MacOS/Electron", Windows
// "...\Microsoft VS Code\Code.exe"), else @vscode/test-electron downloads VS Code --version (default
// stable) into .vscode-test/ — which needs the internet, so it fails on an offline machine.
// On a Linux machine without a display, run it under xvfb-run.
// The extension under development is this repository; the workspace is a copy of test/fixtures.
// The screenshot tests skip themselves (no runner to take screenshots outside code-server).
// Environment: PLOD_TEST_COUNTS (file that gets {"passed":N,"failed":M,"skipped":K}), PLOD_TEST_GREP.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildIntegrationTests } from './build-integration-tests.mjs';
import { QUIET_SETTINGS, TestCounter } from './code-server.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opts } = parseArgs({
  options: {
    code: { type: 'string' },
    version: { type: 'string', default: 'stable' },
    grep: { type: 'string', short: 'g' },
    'no-build': { type: 'boolean', default: false },
  },
});

const writeCounts = (counts) => {
  if (process.env.PLOD_TEST_COUNTS) fs.writeFileSync(process.env.PLOD_TEST_COUNTS, JSON.stringify(counts));
};
const fail = (message) => {
  console.error(`test:desktop: ${message}`);
  writeCounts({ passed: 0, failed: 1, skipped: 0 });
  process.exit(1);
};
const firstLine = (err) => String(err?.message ?? err).split('\n')[0];

const { runTests, downloadAndUnzipVSCode } = await import('@vscode/test-electron').catch(() =>
  fail('@vscode/test-electron is not installed (run `npm install`)'),
);

let vscodeExecutablePath = opts.code ?? process.env.VSCODE_EXECUTABLE;
if (vscodeExecutablePath) {
  vscodeExecutablePath = path.resolve(vscodeExecutablePath);
  if (!fs.existsSync(vscodeExecutablePath))
    fail(`no VS Code at ${vscodeExecutablePath} (--code / VSCODE_EXECUTABLE)`);
}

if (!opts['no-build']) {
  const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) fail('building the extension (node esbuild.config.mjs) failed');
  await buildIntegrationTests({ suite: 'integration' }).catch((err) =>
    fail(`building the tests failed: ${err.message}`),
  );
}
const extensionTestsPath = path.join(root, 'out', 'integration', 'index.js');
if (!fs.existsSync(extensionTestsPath)) fail(`${extensionTestsPath} is missing (run without --no-build)`);

if (!vscodeExecutablePath) {
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({ version: opts.version, timeout: 30_000 });
  } catch (err) {
    fail(
      `no desktop VS Code: pass --code PATH or set VSCODE_EXECUTABLE to an installed one ` +
        `(downloading VS Code ${opts.version} failed: ${firstLine(err)})`,
    );
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-desktop-'));
const workspace = path.join(tmp, 'fixtures');
fs.cpSync(path.join(root, 'test', 'fixtures'), workspace, { recursive: true });
const userDataDir = path.join(tmp, 'user-data');
fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));

// The test index prints mocha's output and a final "PLOD-TEST-COUNTS {...}" line on VS Code's stdout,
// which test-electron copies to ours.
const counter = new TestCounter();
const write = process.stdout.write.bind(process.stdout);
let pending = '';
process.stdout.write = (chunk, ...rest) => {
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop();
  for (const line of lines) counter.line(line);
  return write(chunk, ...rest);
};

let exitCode = 1;
try {
  exitCode = await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath,
    extensionTestsEnv: { PLOD_TEST_GREP: opts.grep ?? process.env.PLOD_TEST_GREP ?? '' },
    launchArgs: [
      workspace,
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      path.join(tmp, 'extensions'),
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
    ],
  });
} catch (err) {
  console.error(`test:desktop: ${firstLine(err)}`);
} finally {
  process.stdout.write = write;
  if (pending) counter.line(pending);
  fs.rmSync(tmp, { recursive: true, force: true });
}

let { passed, failed, skipped } = counter;
if (exitCode !== 0 && failed === 0) failed = 1;
writeCounts({ passed, failed, skipped });
console.log(`desktop: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = exitCode === 0 && failed === 0 ? 0 : 1;
