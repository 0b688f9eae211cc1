#!/usr/bin/env node
// Runs every test suite, then prints one line that adds them all up: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensure-deps.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.slice(2);

/** Each suite is a command that writes {passed, failed, skipped} to $PLOD_TEST_COUNTS. */
const suites = [
  {
    name: 'unit, CLI and model tests (Node)',
    command: ['npx', 'mocha', '--reporter', './test/support/counting-reporter.js'],
  },
  {
    name: 'integration tests in a real VS Code (code-server + Chromium)',
    command: ['node', 'scripts/run-integration-tests.mjs'],
  },
  {
    // Packages the VSIX (unless it is newer than its sources), installs it and tests the installed copy.
    name: 'VSIX smoke tests: the packaged extension installed in a real VS Code',
    command: ['node', 'scripts/run-integration-tests.mjs', '--vsix'],
  },
];

const npmRun = (script) => {
  const result = spawnSync('npm', ['run', '--silent', script], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`npm run ${script} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
};

ensureDependencies();
// Chromium (for the web-page tests) and code-server (for the VS Code suites) before any suite needs them.
const host = spawnSync('bash', [path.join(root, 'scripts', 'vscode-host.sh')], {
  cwd: root,
  stdio: 'inherit',
});
if (host.status !== 0) {
  console.error('scripts/vscode-host.sh could not install Chromium and code-server');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
npmRun('build');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of suites) {
  if (only.length && !only.some((o) => suite.name.includes(o))) continue;
  const counts = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plod-tests-')), 'counts.json');
  console.log(`\n=== ${suite.name} ===`);
  const [command, ...args] = suite.command;
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PLOD_TEST_COUNTS: counts },
  });
  let suiteCounts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(counts)) suiteCounts = JSON.parse(fs.readFileSync(counts, 'utf8'));
  if (result.status !== 0 && suiteCounts.failed === 0) {
    console.error(`${suite.name}: exited with ${result.status ?? result.signal} before reporting a failure`);
    suiteCounts.failed = 1;
  }
  console.log(`--- ${suite.name}: ${suiteCounts.passed} passed, ${suiteCounts.failed} failed`);
  passed += suiteCounts.passed;
  failed += suiteCounts.failed;
  skipped += suiteCounts.skipped;
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
