#!/usr/bin/env node
// Bundles a suite of tests for VS Code's extension host:
//   test/integration/index.ts (the mocha index every suite shares) and test/<suite>/**/*.{test,bench}.ts
//   ->  out/<suite>/index.js and out/<suite>/**/*.js (CommonJS)
// Suites: integration (default; the extension under development) and vsix (the smoke suite run against
// the installed VSIX). `vscode` is provided by the extension host; mocha is bundled into index.js.
//   node scripts/build-integration-tests.mjs [--suite integration|vsix]
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedIndex = path.join(root, 'test', 'integration', 'index.ts');
export const SUITES = ['integration', 'vsix'];

function findTests(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.ts') || entry.name.endsWith('.bench.ts')) found.push(full);
  }
  return found.sort();
}

export async function buildIntegrationTests({ suite = 'integration', quiet = false } = {}) {
  if (!SUITES.includes(suite)) throw new Error(`unknown test suite "${suite}" (${SUITES.join(', ')})`);
  const srcDir = path.join(root, 'test', suite);
  const outDir = path.join(root, 'out', suite);
  const tests = findTests(srcDir);
  fs.rmSync(outDir, { recursive: true, force: true }); // no stale *.test.js from deleted tests
  await esbuild.build({
    absWorkingDir: root,
    // The index finds the tests next to itself (out/<suite>/), so one index serves every suite.
    entryPoints: [
      { in: sharedIndex, out: 'index' },
      ...tests.map((t) => ({ in: t, out: path.relative(srcDir, t).replace(/\.ts$/, '') })),
    ],
    outdir: outDir,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'onnxruntime-node'],
    logLevel: 'warning',
    // mocha's parallel mode (never used here) resolves its worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
  });
  if (!quiet) console.log(`built ${tests.length} ${suite} test file(s) into ${path.relative(root, outDir)}/`);
  return { outDir, index: path.join(outDir, 'index.js'), tests };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { suite: { type: 'string', default: 'integration' } } });
  await buildIntegrationTests({ suite: values.suite });
}
