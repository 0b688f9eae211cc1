#!/usr/bin/env node
// Runs the integration tests (test/integration) inside a real VS Code: code-server + headless Chromium.
//
//   node scripts/run-integration-tests.mjs [--grep PATTERN] [--timeout SECONDS] [--screenshot FILE]
//                                          [--no-build] [--extension-development-path DIR] [--verbose]
//                                          [--bench]   (run test/integration/*.bench.ts instead)
//   node scripts/run-integration-tests.mjs --vsix [--vsix-file FILE] [--target T] [--grep ...]
//                                          (`npm run test:vsix`: the smoke suite against the installed VSIX)
//
// 1. scripts/vscode-host.sh installs Chromium, Node 24 and code-server where missing (cached in
//    $PLOD_VSCODE_HOME, default ~/.cache/plod-tagger-vscode);
// 2. builds the extension (node esbuild.config.mjs) and the tests (scripts/build-integration-tests.mjs)
//    unless --no-build;
// 3. copies test/fixtures to a temporary workspace, so tests may edit and save files;
// 4. runs out/integration/index.js in the extension host, with the repo as the extension under development.
// With --vsix, instead: packages the VSIX unless plod-tagger-<target>-<version>.vsix is newer than its
// sources (scripts/package-vsix.mjs; --vsix-file FILE uses that file as it is), installs it with
// `code-server --install-extension` into a fresh extensions folder, and runs out/vsix/index.js (built from
// test/vsix) with NO development copy of the extension: only the installed one can answer. The target
// defaults to $PLOD_VSIX_TARGET or linux-x64 and must be this machine's platform.
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
import { checkVsix, mb, resolveTarget } from './check-package.mjs';
import { hostEnv, installExtension, repoRoot, runExtensionTests } from './code-server.mjs';
import { defaultVsixPath, isUpToDate, packageVsix } from './package-vsix.mjs';

const { values: opts } = parseArgs({
  options: {
    grep: { type: 'string', short: 'g' },
    timeout: { type: 'string' },
    screenshot: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    'extension-development-path': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    bench: { type: 'boolean', default: false },
    vsix: { type: 'boolean', default: false },
    'vsix-file': { type: 'string' },
    target: { type: 'string' },
  },
});
const vsixMode = opts.vsix || !!opts['vsix-file'];
const suite = vsixMode ? 'vsix' : 'integration';

const writeCounts = (counts) => {
  if (process.env.PLOD_TEST_COUNTS) fs.writeFileSync(process.env.PLOD_TEST_COUNTS, JSON.stringify(counts));
};
const fail = (message) => {
  console.error(`${suite} tests: ${message}`);
  writeCounts({ passed: 0, failed: 1, skipped: 0 });
  console.log(`${suite}: 0 passed, 1 failed`);
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

let extensionTestsPath = path.join(repoRoot, 'out', suite, 'index.js');
if (!opts['no-build']) {
  if (extensionDevelopmentPath === repoRoot && !vsixMode) {
    const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: repoRoot, stdio: 'inherit' });
    if (build.status !== 0) fail('building the extension (node esbuild.config.mjs) failed');
  }
  try {
    extensionTestsPath = (await buildIntegrationTests({ suite, quiet: true })).index;
  } catch (err) {
    fail(`building the tests failed: ${err.message}`);
  }
}
if (!fs.existsSync(extensionTestsPath)) fail(`${extensionTestsPath} is missing (run without --no-build)`);

// --vsix: the VSIX (built if stale), installed into a fresh extensions folder; no development copy.
let extensionsDir;
let vsixEnv = {};
if (vsixMode) {
  let target;
  try {
    target = resolveTarget(opts.target);
  } catch (err) {
    fail(err.message);
  }
  const here = `${process.platform}-${process.arch}`;
  if (target !== here) fail(`a ${target} VSIX cannot run in this ${here} VS Code; use --target ${here}`);
  let vsix = opts['vsix-file'] ? path.resolve(opts['vsix-file']) : defaultVsixPath(target);
  try {
    let how = opts['vsix-file'] ? 'given' : 'up to date, newer than its sources';
    let built; // packageVsix checks what it builds
    if (!opts['vsix-file'] && !isUpToDate(vsix)) {
      console.error(`vsix: packaging ${path.basename(vsix)} (it is missing or older than its sources)`);
      built = await packageVsix({ target, log: (line) => console.error(line) });
      vsix = built.vsix;
      how = 'built now';
    }
    const { size, entries } = built ?? (await checkVsix(vsix, target));
    console.error(
      `vsix: VSIX ${path.relative(repoRoot, vsix)} (${how}): ${mb(size)}, ${entries.length} entries, contents checked`,
    );
  } catch (err) {
    fail(err.message);
  }
  extensionsDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plod-vsix-')), 'extensions');
  try {
    const { folder, seconds } = installExtension({ vsix, extensionsDir });
    console.error(`vsix: VSIX installed into ${folder} in ${seconds.toFixed(1)} s`);
  } catch (err) {
    fail(err.message);
  }
  vsixEnv = { PLOD_VSIX_EXTENSIONS_DIR: extensionsDir, PLOD_VSIX_TARGET: target };
}

/**
 * The benchmark's VS Code does not look for ports to forward: its extension host forks a process to list them
 * every 2 s or more, a stall of VS Code's own that fell at random into the tagged or the untagged half. With a
 * tunnel provider (code-server has one) only the source `output` turns the process scan off.
 */
const BENCH_SETTINGS = { 'remote.autoForwardPorts': false, 'remote.autoForwardPortsSource': 'output' };

const workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plod-workspace-')), 'fixtures');
fs.cpSync(path.join(repoRoot, 'test', 'fixtures'), workspace, { recursive: true });

let result;
try {
  result = await runExtensionTests({
    // --vsix: no development path, so the installed copy in extensionsDir is the only one.
    extensionDevelopmentPath: vsixMode ? undefined : extensionDevelopmentPath,
    extensionTestsPath,
    workspace,
    timeoutMs,
    screenshot: opts.screenshot,
    extensionsDir,
    settings: opts.bench ? BENCH_SETTINGS : undefined,
    env: { PLOD_TEST_GREP: grep, ...(opts.bench ? { PLOD_BENCH: '1' } : {}), ...vsixEnv },
    verbose: opts.verbose || !!process.env.PLOD_VSCODE_VERBOSE,
  });
} catch (err) {
  fail(err.stack ?? String(err));
} finally {
  fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
  if (extensionsDir) fs.rmSync(path.dirname(extensionsDir), { recursive: true, force: true });
}

const { passed, failed, skipped, exitCode, seconds } = result;
writeCounts({ passed, failed, skipped });
if (passed + failed === 0 && exitCode === 0) console.error(`${suite} tests: no test ran`);
console.error(`${suite} tests: ${seconds.toFixed(1)} s in VS Code, exit code ${exitCode}`);
if (vsixMode && exitCode === 0 && failed === 0 && passed > 0)
  console.error('vsix: the smoke suite passed against the installed VSIX');
console.log(`${suite}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = exitCode === 0 && failed === 0 ? 0 : 1;
