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
    // First: Chromium (for the web-page tests) and code-server (for the VS Code suites), installed the way a
    // new user's `npm start` installs them, and checked to start. The other suites need them.
    name: 'VS Code host set-up from inside npm (Node 24, code-server, Chromium)',
    command: [
      'npx',
      'mocha',
      '--config',
      'test/host/.mocharc.json',
      '--reporter',
      './test/support/counting-reporter.js',
    ],
    required: true,
  },
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
// TeX Live (pdflatex, acronym, acro, glossaries) for the LaTeX quick-fix test, from Debian where missing. When
// it cannot be installed, the suites still run, and that test fails saying so.
const tex = spawnSync('bash', [path.join(root, 'scripts', 'tex-live.sh')], { cwd: root, stdio: 'inherit' });
if (tex.status !== 0) console.error('scripts/tex-live.sh failed: the pdflatex test will fail');
npmRun('build');

let passed = 0;
let failed = 0;
let skipped = 0;
for (const suite of suites) {
  if (only.length && !suite.required && !only.some((o) => suite.name.includes(o))) continue;
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
  if (suite.required && suiteCounts.failed > 0) {
    console.error(`${suite.name} failed, so the suites that need it were not run`);
    break;
  }
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
