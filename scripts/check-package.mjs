#!/usr/bin/env node
// What goes into the VSIX, and the checks before and after packaging. Used by scripts/package-vsix.mjs.
//
//   node scripts/check-package.mjs [--target T]              before packaging: every required file is there
//   node scripts/check-package.mjs --vsix FILE [--target T]  after: the VSIX holds exactly the expected files
//   node scripts/check-package.mjs --prepublish               vsce's `vscode:prepublish` hook (see below)
//
// One list says what is shipped: allowPatterns(target), which vsce gets as an allowlist (an ignore file:
// `**`, then each pattern with `!`). `vsce ls` with that allowlist (vsceFiles) gives the exact content;
// checkSources() checks it before packaging (each pattern matches a file, the models and the binding are
// complete, nothing forbidden) and checkVsix() compares the VSIX with it afterwards, so a file can neither be
// missing nor slip in. The target (default linux-x64, or $PLOD_VSIX_TARGET) selects the one onnxruntime-node
// binary folder that is shipped.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { text } from 'node:stream/consumers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import yauzl from 'yauzl';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_TARGET = 'linux-x64';

/**
 * The VS Code targets onnxruntime-node ships a CPU binary for, and the files of its binary folder that
 * are loaded. Left out on purpose: the CUDA/TensorRT providers (libonnxruntime_providers_*.so, which its
 * install script may download), and on Windows DirectML.dll, dxil.dll and dxcompiler.dll (onnxruntime.dll
 * does not import them; they are only LoadLibrary'd by the DirectML and WebGPU providers). On macOS the
 * binding links @rpath/libonnxruntime.1.dylib; libonnxruntime.1.30.0.dylib is an identical copy.
 * onnxruntime-node 1.30 has no darwin-x64 binary, and its linux builds need glibc (no alpine-*).
 */
export const TARGETS = {
  'linux-x64': { platform: 'linux', arch: 'x64', libs: ['libonnxruntime.so.1'] },
  'linux-arm64': { platform: 'linux', arch: 'arm64', libs: ['libonnxruntime.so.1'] },
  'darwin-arm64': { platform: 'darwin', arch: 'arm64', libs: ['libonnxruntime.1.dylib'] },
  'win32-x64': { platform: 'win32', arch: 'x64', libs: ['onnxruntime.dll'] },
  'win32-arm64': { platform: 'win32', arch: 'arm64', libs: ['onnxruntime.dll'] },
};

export class PackageError extends Error {
  name = 'PackageError';
}

export function resolveTarget(target = process.env.PLOD_VSIX_TARGET || DEFAULT_TARGET) {
  if (!TARGETS[target]) {
    throw new PackageError(
      `unsupported VSIX target "${target}": onnxruntime-node has binaries for ${Object.keys(TARGETS).join(', ')}`,
    );
  }
  return target;
}

/** dist/analysis-worker.js is the server's analysis thread, which dist/cli.mjs starts for `serve`. */
export const BUNDLES = [
  'dist/extension.js',
  'dist/worker.js',
  'dist/cli.mjs',
  'dist/analysis-worker.js',
  'dist/pdf-worker.js',
  'dist/guess-worker.js',
];
/** The CLI's chunks, which it loads when a command needs them (onnxruntime and the tokenizer, the server). */
export const CLI_CHUNKS = 'dist/cli-*.mjs';
export const ICON = 'media/icon.png';
const DOCS = ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE'];
const MODEL_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'];
const ORT = 'node_modules/onnxruntime-node';
const ORT_COMMON = 'node_modules/onnxruntime-common';

/** The shipped models: every folder of models/ with a config.json, except models/training. */
export function shippedModels() {
  const dir = path.join(root, 'models');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter(
      (e) => e.isDirectory() && e.name !== 'training' && fs.existsSync(path.join(dir, e.name, 'config.json')),
    )
    .map((e) => e.name)
    .sort();
}

/** onnxruntime-node's binary folder for the target, e.g. node_modules/onnxruntime-node/bin/napi-v6/linux/x64. */
export function bindingDir(target) {
  const { platform, arch } = TARGETS[resolveTarget(target)];
  const bin = path.join(root, ORT, 'bin');
  const napi = fs.existsSync(bin)
    ? fs
        .readdirSync(bin)
        .filter((d) => /^napi-v\d+$/.test(d) && fs.existsSync(path.join(bin, d, platform, arch)))
        .sort()
    : [];
  return `${ORT}/bin/${napi.at(-1) ?? 'napi-v6'}/${platform}/${arch}`;
}

/**
 * What the VSIX of `target` holds, as vsce allowlist patterns (few, since vsce matches every file of every
 * production dependency against every pattern: one pattern per file made `vsce package` take 30 s):
 * the production bundles, the CLI's launcher, chunks and web page (dist/cli.mjs serves media/web), the shipped
 * models, the icon and docs, and the parts of onnxruntime-node that run: its CommonJS files, the binding
 * and library for this target, and onnxruntime-common (which it requires; the bundles carry their own copy).
 */
export function allowPatterns(target) {
  const dir = bindingDir(target);
  return [
    ...DOCS,
    ICON,
    'bin/plod-tagger.js',
    ...BUNDLES,
    CLI_CHUNKS,
    'media/web/**',
    ...shippedModels().map((m) => `models/${m}/**`),
    'models/long-forms/**',
    `${ORT}/package.json`,
    `${ORT}/dist/*.js`,
    `${dir}/onnxruntime_binding.node`,
    ...TARGETS[target].libs.map((lib) => `${dir}/${lib}`),
    `${ORT_COMMON}/package.json`,
    `${ORT_COMMON}/dist/cjs/**/*.js`,
    `${ORT_COMMON}/dist/cjs/package.json`,
  ];
}

/** The shipped long-form dictionaries, with their card and the licences they carry. */
const LONG_FORM_FILES = [
  'README.md',
  'plod-cw.json',
  'wordnet.json',
  'vera.json',
  'sdu22-nc.json',
  'LICENSE-WordNet.txt',
  'LICENSE-GFDL-1.3.txt',
];

/** Inside the allowed folders, the files without which the extension does not run. */
function essentials() {
  return [
    ...shippedModels().flatMap((m) => MODEL_FILES.map((f) => `models/${m}/${f}`)),
    ...LONG_FORM_FILES.map((f) => `models/long-forms/${f}`),
    `${ORT}/dist/index.js`,
    `${ORT_COMMON}/dist/cjs/index.js`,
  ];
}

/** Calls `use` with an ignore file that makes allowPatterns(target) an allowlist for vsce. */
export async function withAllowlist(target, use) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-vsix-'));
  const ignoreFile = path.join(dir, '.vscodeignore');
  fs.writeFileSync(ignoreFile, ['**', ...allowPatterns(target).map((p) => `!${p}`)].join('\n') + '\n');
  try {
    return await use(ignoreFile);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What `vsce package --target T` will put into the VSIX (repo-relative, sorted): `vsce ls` with the allowlist. */
export async function vsceFiles(target) {
  const { listFiles } = createRequire(import.meta.url)('@vscode/vsce');
  return withAllowlist(target, async (ignoreFile) => (await listFiles({ cwd: root, ignoreFile })).sort());
}

/** Files that must never be shipped, whatever the list says. */
export function forbidden(file, target) {
  const { platform, arch } = TARGETS[target];
  const rules = [
    [/\.map$/, 'a source map'],
    [/\.(ts|tsx|mts|cts)$/, 'TypeScript (sources or typings)'],
    [/^(src|test|scripts|out|\.github|\.vscode|bench-results)\//, 'a development folder'],
    [/^models\/training\//, 'the training pipeline'],
    [
      /providers_(cuda|tensorrt|shared|rocm|migraphx|openvino|dml)|cudnn|cublas|nvinfer/i,
      'a GPU provider library',
    ],
    [/(^|\/)(DirectML|dxil|dxcompiler)\.dll$/i, 'a DirectML/WebGPU library'],
    [/\.vsix$/, 'a VSIX'],
  ];
  for (const [pattern, what] of rules) if (pattern.test(file)) return what;
  const bin = /^node_modules\/onnxruntime-node\/bin\/napi-v\d+\/([^/]+)\/([^/]+)\//.exec(file);
  if (bin && (bin[1] !== platform || bin[2] !== arch)) return `a binary for ${bin[1]}-${bin[2]}`;
  if (/^node_modules\//.test(file) && !/^node_modules\/onnxruntime-(node|common)\//.test(file))
    return 'a dependency that esbuild bundles';
  return undefined;
}

/**
 * Before packaging: every allow pattern and essential file is in vsce's list, the models are complete, the
 * bundles are production builds, nothing forbidden would be shipped. Returns vsce's list; throws a
 * PackageError naming every problem.
 */
export async function checkSources(target) {
  target = resolveTarget(target);
  const files = await vsceFiles(target);
  const listed = new Set(files);
  const problems = [];
  for (const pattern of allowPatterns(target)) {
    const star = pattern.indexOf('*');
    const found = star < 0 ? listed.has(pattern) : files.some((f) => f.startsWith(pattern.slice(0, star)));
    if (!found) problems.push(`missing ${pattern}`);
  }
  for (const file of essentials()) if (!listed.has(file)) problems.push(`missing ${file}`);
  const models = shippedModels();
  if (models.length === 0) problems.push('no shipped model in models/ (a folder with config.json)');
  for (const m of models) {
    const onnx = files.filter((f) => f.startsWith(`models/${m}/onnx/`) && f.endsWith('.onnx'));
    if (onnx.length === 0) problems.push(`missing models/${m}/onnx/*.onnx`);
    for (const f of onnx)
      if (fs.statSync(path.join(root, f)).size < 64) problems.push(`${f} is empty or truncated`);
  }
  const bundles = files.filter((f) => BUNDLES.includes(f) || /^dist\/cli-[^/]*\.mjs$/.test(f));
  for (const bundle of bundles) {
    if (/\/\/# sourceMappingURL=/.test(fs.readFileSync(path.join(root, bundle), 'utf8')))
      problems.push(`${bundle} is a development build (it has a source map); build with --production`);
  }
  if (listed.has(ICON)) {
    const png = fs.readFileSync(path.join(root, ICON));
    if (png.readUInt32BE(0) !== 0x89504e47) problems.push(`${ICON} is not a PNG`);
    else if (png.readUInt32BE(16) < 128 || png.readUInt32BE(20) < 128)
      problems.push(`${ICON} is smaller than 128×128`);
  }
  for (const file of files) {
    const why = forbidden(file, target);
    if (why) problems.push(`${file} would be shipped but is ${why}`);
  }
  if (problems.length) {
    throw new PackageError(
      `cannot package the ${target} VSIX:\n  ${problems.join('\n  ')}\n` +
        `(run \`npm install\`, then \`npm run package\`, which builds the bundles with --production)`,
    );
  }
  return files;
}

/** The entries of a ZIP file (name, uncompressed size) and the text of the one named `textOf`. */
async function readZip(file, textOf) {
  const zip = await yauzl.openPromise(file).catch((err) => {
    throw new PackageError(`${file} is not a readable ZIP file: ${err.message}`);
  });
  const entries = [];
  let found = '';
  for await (const entry of zip.eachEntry()) {
    entries.push({ name: entry.fileName, size: entry.uncompressedSize });
    if (entry.fileName === textOf) found = await text(await zip.openReadStreamPromise(entry));
  }
  return { entries, text: found };
}

/** vsce's names inside the VSIX: it lower-cases readme.md and changelog.md and adds .txt to LICENSE. */
const VSCE_NAMES = { 'README.md': 'readme.md', 'CHANGELOG.md': 'changelog.md', LICENSE: 'LICENSE.txt' };
const vsixName = (file) => `extension/${VSCE_NAMES[file] ?? file}`;

/**
 * After packaging: the VSIX holds exactly `files` (by default what vsce lists now; plus vsce's manifest
 * files), nothing forbidden, and is for `target`. Returns { entries, size, unpacked } or throws a PackageError.
 */
export async function checkVsix(vsix, target, files) {
  target = resolveTarget(target);
  const { entries, text: manifest } = await readZip(vsix, 'extension.vsixmanifest');
  const names = entries.map((e) => e.name);
  const expected = [
    'extension.vsixmanifest',
    '[Content_Types].xml',
    ...(files ?? (await vsceFiles(target))).map(vsixName),
  ];
  const problems = [];
  const [have, want] = [countUnhashed(names), countUnhashed(expected)];
  for (const [name, count] of want) if ((have.get(name) ?? 0) < count) problems.push(`missing ${name}`);
  for (const [name, count] of have) if ((want.get(name) ?? 0) < count) problems.push(`unexpected ${name}`);
  for (const name of names) {
    const why = name.startsWith('extension/') && forbidden(name.slice('extension/'.length), target);
    if (why) problems.push(`${name} is ${why}`);
  }
  if (!manifest.includes(`TargetPlatform="${target}"`))
    problems.push(`the manifest does not say TargetPlatform="${target}"`);
  if (problems.length) throw new PackageError(`${path.basename(vsix)} is wrong:\n  ${problems.join('\n  ')}`);
  return {
    entries,
    size: fs.statSync(vsix).size,
    unpacked: entries.reduce((sum, e) => sum + e.size, 0),
  };
}

/**
 * Names counted with the content hash of each CLI chunk (`dist/cli-tag-RPONMU43.mjs`) left out: a VSIX holds the
 * production build, whose chunks hash differently from the development build in dist/ that a later check sees.
 */
function countUnhashed(names) {
  const counts = new Map();
  for (const name of names) {
    const key = name.replace(/(\/dist\/cli-[a-z]+-)[A-Z0-9]{8}(\.mjs)$/, '$1*$2');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Sizes per part of the VSIX, for the log: [[label, files, bytes]], largest first. */
export function summarize(entries) {
  const groups = new Map();
  for (const { name, size } of entries) {
    const rel = name.replace(/^extension\//, '');
    const part =
      /^node_modules\/onnxruntime-node\/bin\/.*\//.exec(rel)?.[0] ??
      /^(node_modules\/[^/]+|models\/[^/]+|media\/web|dist|bin)\//.exec(rel)?.[0] ??
      '(manifest, docs, icon)';
    const group = groups.get(part) ?? [part, 0, 0];
    group[1]++;
    group[2] += size;
    groups.set(part, group);
  }
  return [...groups.values()].sort((a, b) => b[2] - a[2]);
}

export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  const { values } = parseArgs({
    options: { target: { type: 'string' }, vsix: { type: 'string' }, prepublish: { type: 'boolean' } },
  });
  if (values.prepublish && !process.env.PLOD_VSIX_PACKAGING) {
    throw new PackageError(
      'package with `npm run package` (scripts/package-vsix.mjs), not `vsce package` directly: it builds the ' +
        'production bundles and gives vsce the exact file list for one target (see CONTRIBUTING.md)',
    );
  }
  const target = resolveTarget(values.target ?? process.env.PLOD_VSIX_TARGET);
  if (values.vsix) {
    const { entries, size, unpacked } = await checkVsix(values.vsix, target);
    console.log(
      `${values.vsix}: ${entries.length} files, ${mb(size)} (${mb(unpacked)} unpacked), as expected`,
    );
  } else if (!values.prepublish) {
    const files = await checkSources(target);
    console.log(`check-package: all ${files.length} files of the ${target} VSIX are present`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await main();
  } catch (err) {
    console.error(`check-package: ${err instanceof PackageError ? err.message : (err.stack ?? err)}`);
    process.exit(1);
  }
}
