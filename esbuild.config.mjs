import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const entryPoints = {
  extension: 'src/extension/extension.ts',
  worker: 'src/worker/main.ts',
  'analysis-worker': 'src/server/analysisWorker.ts',
  'pdf-worker': 'src/worker/pdf.ts',
  'guess-worker': 'src/worker/guesses.ts',
};

/** @type {esbuild.BuildOptions} */
const options = {
  absWorkingDir: fileURLToPath(new URL('.', import.meta.url)),
  entryPoints,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  // pdf.js tries @napi-rs/canvas for rendering only; it is not shipped, and text extraction never needs it.
  external: ['vscode', 'onnxruntime-node', '@napi-rs/canvas'],
  // jsonc-parser's main is a UMD bundle whose inner require()s esbuild cannot follow; its ES modules it can.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  logLevel: 'warning',
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

/**
 * The CLI is an ES module split into chunks, so that each command loads only what it needs: `models`, `--help`
 * and `tag --model rules` never read onnxruntime, the tokenizer or the server (`import()` of a chunk is lazy; in one CommonJS
 * bundle every module would be read and compiled at start-up). The banner gives the chunks what bundled
 * CommonJS code expects of a module.
 */
/** @type {esbuild.BuildOptions} */
const cliOptions = {
  ...options,
  entryPoints: { cli: 'src/cli/main.ts' },
  format: 'esm',
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'cli-[name]-[hash]',
  define: {},
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      "const __dirname = __fileURLToPath(new URL('.', import.meta.url)).replace(/[\\\\/]$/, '');",
    ].join(' '),
  },
};

/** The chunks of earlier builds: their names carry a hash, so a new build never overwrites them. */
function removeOldChunks() {
  const dist = fileURLToPath(new URL('dist/', import.meta.url));
  let names;
  try {
    names = readdirSync(dist);
  } catch {
    return;
  }
  for (const name of names) if (/^cli-.*\.mjs(\.map)?$/.test(name)) rmSync(dist + name);
}

removeOldChunks();
if (watch) {
  const contexts = await Promise.all([esbuild.context(options), esbuild.context(cliOptions)]);
  await Promise.all(contexts.map((ctx) => ctx.watch()));
} else {
  await Promise.all([esbuild.build(options), esbuild.build(cliOptions)]);
}
