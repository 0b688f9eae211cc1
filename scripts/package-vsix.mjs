#!/usr/bin/env node
// Builds the platform-specific VSIX: `npm run package` (= node scripts/package-vsix.mjs).
//
//   node scripts/package-vsix.mjs [--target T] [--out FILE] [--keep-production]
//
// T is a VS Code target (linux-x64 by default, or $PLOD_VSIX_TARGET): linux-x64, linux-arm64,
// darwin-arm64, win32-x64, win32-arm64. One machine can build them all, because the npm package
// onnxruntime-node carries the binaries of every platform (node_modules/onnxruntime-node/bin/napi-v*/).
//
// 1. `node esbuild.config.mjs --production` (minified, no source maps) into a clean dist/;
// 2. scripts/check-package.mjs: `vsce ls` with the target's allowlist lists every required file (bundles,
//    models, binding, icon, docs) and nothing forbidden;
// 3. `vsce package --target T` with the same allowlist (--ignoreFile);
// 4. reads the VSIX back: exactly the files `vsce ls` listed, nothing forbidden (maps, sources, tests, GPU
//    libraries, other platforms); prints its contents by part and its size;
// 5. rebuilds the development bundles (with source maps) unless --keep-production.
// Output: plod-tagger-<target>-<version>.vsix in the repository root (git-ignored), or --out FILE.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  checkSources,
  checkVsix,
  mb,
  PackageError,
  resolveTarget,
  root,
  shippedModels,
  summarize,
  withAllowlist,
} from './check-package.mjs';

const manifest = () => JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Where `npm run package` writes the VSIX of `target`. */
export function defaultVsixPath(target) {
  const { name, version } = manifest();
  return path.join(root, `${name}-${target}-${version}.vsix`);
}

/** The files whose change makes a built VSIX stale. */
function inputs() {
  const walk = (rel) => {
    const full = path.join(root, rel);
    if (!fs.existsSync(full)) return [];
    if (!fs.statSync(full).isDirectory()) return [full];
    return fs.readdirSync(full).flatMap((name) => walk(path.join(rel, name)));
  };
  return [
    'src',
    'bin',
    'media/icon.png',
    'media/web',
    ...shippedModels().map((m) => `models/${m}`),
    'package.json',
    'package-lock.json',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
    'esbuild.config.mjs',
    'scripts/check-package.mjs',
    'scripts/package-vsix.mjs',
  ].flatMap(walk);
}

/** Whether `vsix` exists and is newer than every file it is built from. */
export function isUpToDate(vsix) {
  if (!fs.existsSync(vsix)) return false;
  const built = fs.statSync(vsix).mtimeMs;
  return inputs().every((file) => fs.statSync(file).mtimeMs <= built);
}

function run(command, args, env = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) {
    throw new PackageError(`${[command, ...args].join(' ')} failed (${result.status ?? result.signal})`);
  }
}

/** Builds, checks and packages the VSIX of `target`; resolves to { vsix, size, entries, seconds }. */
export async function packageVsix({ target, out, keepProduction = false, log = console.log } = {}) {
  const started = Date.now();
  target = resolveTarget(target);
  const vsix = path.resolve(out ?? defaultVsixPath(target));
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  if (!fs.existsSync(vsce)) throw new PackageError('@vscode/vsce is not installed (run `npm install`)');

  log(`package: production build (node esbuild.config.mjs --production)`);
  fs.rmSync(path.join(root, 'dist'), { recursive: true, force: true }); // no stale maps or entry points
  try {
    run(process.execPath, ['esbuild.config.mjs', '--production']);
    const files = await checkSources(target);
    log(`package: all ${files.length} files of the ${target} VSIX are present; running vsce`);

    fs.mkdirSync(path.dirname(vsix), { recursive: true });
    await withAllowlist(target, (ignoreFile) =>
      run(
        process.execPath,
        [vsce, 'package', '--target', target, '--ignoreFile', ignoreFile, '--out', vsix],
        {
          PLOD_VSIX_PACKAGING: '1', // lets the vscode:prepublish guard through
          PLOD_VSIX_TARGET: target,
        },
      ),
    );

    const { entries, size, unpacked } = await checkVsix(vsix, target, files);
    log(`package: ${path.relative(process.cwd(), vsix) || vsix}`);
    for (const [part, count, bytes] of summarize(entries)) {
      log(`  ${mb(bytes).padStart(8)}  ${String(count).padStart(3)} file(s)  ${part}`);
    }
    log(
      `package: VSIX built for ${target}: ${mb(size)} (${size} bytes; ${mb(unpacked)} unpacked, ` +
        `${entries.length} entries), no maps, sources, tests, GPU libraries or other platforms`,
    );
    return { vsix, size, entries, seconds: (Date.now() - started) / 1000 };
  } finally {
    if (!keepProduction) {
      // Leave dist/ as `npm run build` makes it (source maps for debugging and the tests).
      const dev = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
      if (dev.status !== 0) console.error('package: rebuilding the development bundles failed');
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      target: { type: 'string', short: 't' },
      out: { type: 'string', short: 'o' },
      'keep-production': { type: 'boolean', default: false },
    },
  });
  try {
    const { seconds } = await packageVsix({
      target: values.target,
      out: values.out,
      keepProduction: values['keep-production'],
    });
    console.log(`package: done in ${seconds.toFixed(1)} s`);
  } catch (err) {
    console.error(`package: ${err instanceof PackageError ? err.message : (err.stack ?? err)}`);
    process.exit(1);
  }
}
