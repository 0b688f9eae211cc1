#!/usr/bin/env node
// Runs the integration tests (test/integration) inside a real VS Code: code-server + headless Chromium.
//
//   node scripts/run-integration-tests.mjs [--grep PATTERN] [--timeout SECONDS] [--screenshot FILE]
//                                          [--no-build] [--extension-development-path DIR] [--verbose]
//                                          [--bench]   (run test/integration/*.bench.ts instead)
//
// 1. scripts/vscode-host.sh installs Chromium, Node 24 and code-server where missing (cached in
//    $PLOD_VSCODE_HOME, default ~/.cache/plod-tagger-vscode);
// 2. builds the extension (node esbuild.config.mjs) and the tests (scripts/build-integration-tests.mjs)
//    unless --no-build;
// 3. copies test/fixtures to a temporary workspace, so tests may edit and save files;
// 4. runs out/integration/index.js in the extension host, with the repo as the extension under development.
// Environment: PLOD_TEST_COUNTS (file that gets {"passed":N,"failed":M,"skipped":K}),
// PLOD_TEST_GREP (same as --grep), PLOD_INTEGRATION_TIMEOUT (seconds, default 600),
// PLOD_VSCODE_VERBOSE=1 (same as --verbose: also print the workbench's and code-server's logs).
// Exit code 1 when any test fails, the run times out or VS Code cannot start.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIntegrationTests } from './build-integration-tests.mjs';
import { hostEnv, repoRoot, runExtensionTests } from './code-server.mjs';

const { values: opts } = parseArgs({
  options: {
    grep: { type: 'string', short: 'g' },
    timeout: { type: 'string' },
    screenshot: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'extension-development-path': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    bench: { type: 'boolean', default: false },
  },
});

const writeCounts = (counts) => {
  if (process.env.PLOD_TEST_COUNTS) fs.writeFileSync(process.env.PLOD_TEST_COUNTS, JSON.stringify(counts));
};
const fail = (message) => {
  console.error(`integration tests: ${message}`);
  writeCounts({ passed: 0, failed: 1, skipped: 0 });
  console.log('integration: 0 passed, 1 failed');
  process.exit(1);
};

const extensionDevelopmentPath = path.resolve(opts['extension-development-path'] ?? repoRoot);
const timeoutMs = Number(opts.timeout ?? process.env.PLOD_INTEGRATION_TIMEOUT ?? 600) * 1000;
const grep = opts.grep ?? process.env.PLOD_TEST_GREP ?? '';

try {
  hostEnv();
} catch (err) {
  fail(err.message);
}

let extensionTestsPath = path.join(repoRoot, 'out', 'integration', 'index.js');
if (!opts['no-build']) {
  if (extensionDevelopmentPath === repoRoot) {
    const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) fail('building the extension (node esbuild.config.mjs) failed');
  }
  try {
    extensionTestsPath = (await buildIntegrationTests({ quiet: true })).index;
  } catch (err) {
    fail(`building the tests failed: ${err.message}`);
  }
}
if (!fs.existsSync(extensionTestsPath)) fail(`${extensionTestsPath} is missing (run without --no-build)`);

const workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plod-workspace-')), 'fixtures');
fs.cpSync(path.join(repoRoot, 'test', 'fixtures'), workspace, { recursive: true });

let result;
try {
  result = await runExtensionTests({
    extensionDevelopmentPath,
    extensionTestsPath,
    workspace,
    timeoutMs,
    screenshot: opts.screenshot,
    env: { PLOD_TEST_GREP: grep, ...(opts.bench ? { PLOD_BENCH: '1' } : {}) },
    verbose: opts.verbose || !!process.env.PLOD_VSCODE_VERBOSE,
  });
} catch (err) {
  fail(err.stack ?? String(err));
} finally {
  fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
}

const { passed, failed, skipped, exitCode, seconds } = result;
writeCounts({ passed, failed, skipped });
if (passed + failed === 0 && exitCode === 0) console.error('integration tests: no test ran');
console.error(`integration tests: ${seconds.toFixed(1)} s in VS Code, exit code ${exitCode}`);
console.log(`integration: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = exitCode === 0 && failed === 0 ? 0 : 1;
