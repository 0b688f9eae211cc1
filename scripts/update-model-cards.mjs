#!/usr/bin/env node
// Measure every shipped model with `plod-tagger eval` on PLOD-CW validation and test and on SDU@AAAI-22 dev
// (`eval --sdu`), and write the figures
// into its model card between <!-- eval:begin --> and <!-- eval:end -->. The CI gate reads them back from there.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'plod-tagger.js');
const only = process.argv.slice(2);

execFileSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
const allModels = execFileSync(process.execPath, [cli, 'models'], { encoding: 'utf8' }).trim().split('\n');
const models = allModels.filter((m) => m !== 'rules' && (only.length === 0 || only.includes(m)));

const measured = new Map();

/** `plod-tagger eval --json` of a model on a split, run once even though the cards and the README both use it. */
function measure(model, split) {
  const key = `${model} ${split}`;
  if (!measured.has(key)) {
    const set = split.startsWith('sdu:') ? ['--sdu', split.slice(4)] : ['--split', split];
    const out = execFileSync(process.execPath, [cli, 'eval', '--model', model, ...set, '--json'], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    measured.set(key, JSON.parse(out));
  }
  return measured.get(key);
}

const pct = (x) => x.toFixed(4);
const SDU_SETS = ['scientific', 'legal'];

// Speed comes from the last `npm run bench:model` (bench-results/model.json), measured for all models in one run.
const benchFile = path.join(root, 'bench-results', 'model.json');
const bench = fs.existsSync(benchFile) ? JSON.parse(fs.readFileSync(benchFile, 'utf8')) : null;

function speedLines(model) {
  const r = bench?.results.find((x) => x.model === model);
  if (!r) return ['Speed: not measured yet; run `npm run bench:model`, then this script.'];
  const rules = bench.results.find((x) => x.model === 'rules');
  return [
    `Speed, measured by \`npm run bench:model\` on ${bench.date.slice(0, 10)} (2 CPU cores, 2 threads, ${r.dtype ?? 'fp32'}, PLOD-CW test,`,
    `5,000 words; all models in the same run): loads in ${Math.round(r.loadMs)} ms, tags **${r.wordsPerSecondSingle.toLocaleString('en')} words/s** one sentence at a time and`,
    `**${r.wordsPerSecondBatched.toLocaleString('en')} words/s** batched, peak RSS ${Math.round(r.peakRssMB)} MB; the whole tag path takes ${r.tagOverBareOrt}× a bare`,
    `onnxruntime-node \`session.run\` on the same inputs.` +
      (rules
        ? ` The \`rules\` tagger ran at ${rules.wordsPerSecondBatched.toLocaleString('en')} words/s in the same run.`
        : ''),
  ];
}

for (const model of models) {
  const figures = {};
  for (const split of ['validation', 'test']) {
    const result = measure(model, split);
    figures[split] = Object.fromEntries(
      ['AC', 'LF', 'micro'].map((k) => [
        k,
        { p: result[k].precision, r: result[k].recall, f1: result[k].f1 },
      ]),
    );
  }
  const rows = ['validation', 'test'].flatMap((split) =>
    ['AC', 'LF', 'micro'].map((k) => {
      const f = figures[split][k];
      return `| ${split} | ${k} | ${pct(f.p)} | ${pct(f.r)} | ${pct(f.f1)} |`;
    }),
  );
  // SDU@AAAI-22 dev: the whole analysis (model, pairing, review) by character spans, as a user meets it.
  const sduRows = [];
  for (const set of SDU_SETS) {
    const result = measure(model, `sdu:${set}`);
    figures[`sdu:${set}`] = Object.fromEntries(
      ['AC', 'LF', 'micro'].map((k) => [
        k,
        { p: result[k].precision, r: result[k].recall, f1: result[k].f1 },
      ]),
    );
    const [low, high] = result.micro.interval;
    sduRows.push(
      ...['AC', 'LF', 'micro'].map((k) => {
        const f = figures[`sdu:${set}`][k];
        const range = k === 'micro' ? ` [${pct(low)}–${pct(high)}]` : '';
        return `| ${set} dev | ${k} | ${pct(f.p)} | ${pct(f.r)} | ${pct(f.f1)}${range} |`;
      }),
    );
  }
  const section = [
    '<!-- eval:begin -->',
    `Measured by \`plod-tagger eval --model ${model} --split <split>\` on PLOD-CW (strict span-level, exact match; \`B-O\` is not a class; \`B-AC B-AC\` is two spans).`,
    '',
    '| split | label | precision | recall | F1 |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `SDU@AAAI-22 dev, measured by \`plod-tagger eval --model ${model} --sdu <set>\`: the whole analysis (model, pairing,`,
    'review) of each sample as plain text, by character spans; micro F1 with its bootstrap 95 % interval over samples.',
    '',
    '| set | label | precision | recall | F1 |',
    '| --- | --- | ---: | ---: | ---: |',
    ...sduRows,
    '',
    ...speedLines(model),
    '',
    `<!-- eval:json ${JSON.stringify(figures)} -->`,
    '<!-- eval:end -->',
  ].join('\n');
  const card = path.join(root, 'models', model, 'README.md');
  const text = fs.readFileSync(card, 'utf8');
  const updated = text.replace(/<!-- eval:begin -->[\s\S]*?<!-- eval:end -->/, section);
  if (updated === text && !text.includes(section))
    throw new Error(`${card} has no <!-- eval:begin --> marker`);
  fs.writeFileSync(card, updated);
  console.log(`${model}: test AC F1 ${pct(figures.test.AC.f1)}, LF F1 ${pct(figures.test.LF.f1)}`);
}

// The README's accuracy table: every model, rules included, on PLOD-CW test, with size and speed.
const readme = path.join(root, 'README.md');
const table = [
  '| model | AC P | AC R | AC F1 | LF P | LF R | LF F1 | micro F1 | size (fp32) | words/s (batched) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...allModels.map((model) => {
    const r = measure(model, 'test');
    const speed = bench?.results.find((x) => x.model === model);
    const file = path.join(root, 'models', model, 'onnx', 'model.onnx');
    const size = fs.existsSync(file) ? `${(fs.statSync(file).size / 1e6).toFixed(1)} MB` : '-';
    const cells = ['AC', 'LF'].flatMap((k) => [r[k].precision, r[k].recall, r[k].f1].map(pct));
    const rate = speed ? speed.wordsPerSecondBatched.toLocaleString('en') : '-';
    return `| \`${model}\` | ${cells.join(' | ')} | ${pct(r.micro.f1)} | ${size} | ${rate} |`;
  }),
].join('\n');
const readmeText = fs.readFileSync(readme, 'utf8');
fs.writeFileSync(
  readme,
  readmeText.replace(
    /<!-- figures:begin -->[\s\S]*?<!-- figures:end -->/,
    `<!-- figures:begin -->\n\n${table}\n\n<!-- figures:end -->`,
  ),
);
console.log('README.md: accuracy table updated');
