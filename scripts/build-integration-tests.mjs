#!/usr/bin/env node
// Bundles the integration tests for VS Code's extension host:
//   test/integration/index.ts and test/integration/**/*.{test,bench}.ts  ->  out/integration/**/*.js (CommonJS)
// `vscode` is provided by the extension host; mocha is bundled into index.js.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'test', 'integration');
const outDir = path.join(root, 'out', 'integration');

function findTests(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.ts') || entry.name.endsWith('.bench.ts')) found.push(full);
  }
  return found.sort();
}

export async function buildIntegrationTests({ quiet = false } = {}) {
  const tests = findTests(srcDir);
  fs.rmSync(outDir, { recursive: true, force: true }); // no stale *.test.js from deleted tests
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(srcDir, 'index.ts'), ...tests],
    outbase: srcDir,
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
  if (!quiet)
    console.log(`built ${tests.length} integration test file(s) into ${path.relative(root, outDir)}/`);
  return { outDir, index: path.join(outDir, 'index.js'), tests };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildIntegrationTests();
}
