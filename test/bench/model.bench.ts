// npm run bench:model — for each model: load time, words/s on PLOD-CW test (one sentence at a time, and batched),
// peak RSS, and the overhead of the whole tag path over a bare onnxruntime-node session.run on the same inputs
// (medians of 5 batched passes each).
// Each model runs in its own process, so its peak RSS is its own. Ratios come from one run, on one machine.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ort from 'onnxruntime-node';
import { dataDir } from '../../src/core/data';
import { parseConll } from '../../src/core/eval/conll';
import { loadTagger } from '../../src/core/loadTagger';
import { checkFolder, listModels, onnxFile, resolveFolder, RULES_MODEL } from '../../src/core/models';
import { OnnxTagger } from '../../src/core/taggers/onnx';

const THREADS = 2;
/** Batched passes over PLOD-CW test, for the tag path and for the bare session alike; the median counts. */
const PASSES = 5;

interface Figures {
  model: string;
  dtype?: string;
  sizeMB?: number;
  loadMs: number;
  wordsPerSecondSingle: number;
  wordsPerSecondBatched: number;
  peakRssMB: number;
  tagOverBareOrt?: number;
}

async function measure(name: string): Promise<Figures> {
  const sentences = parseConll(fs.readFileSync(path.join(dataDir(), 'plod-cw', 'test.conll'), 'utf8')).map(
    (s) => s.tokens,
  );
  const words = sentences.reduce((n, s) => n + s.length, 0);
  const loadStart = performance.now();
  const tagger = await loadTagger(name, { threads: THREADS });
  const loadMs = performance.now() - loadStart;
  await tagger.tagSentences(sentences.slice(0, 8));

  const start = performance.now();
  for (const sentence of sentences) await tagger.tagSentences([sentence]);
  const single = words / ((performance.now() - start) / 1000);
  const batchedMs = await medianMs(() => tagger.tagSentences(sentences));

  const figures: Figures = {
    model: name,
    loadMs: round(loadMs),
    wordsPerSecondSingle: Math.round(single),
    wordsPerSecondBatched: Math.round(words / (batchedMs / 1000)),
    peakRssMB: 0,
  };
  if (tagger instanceof OnnxTagger) {
    const { folder } = resolveFolder(name);
    const dtype = checkFolder(folder);
    const file = onnxFile(folder, dtype);
    const session = await ort.InferenceSession.create(file, {
      intraOpNumThreads: THREADS,
      interOpNumThreads: 1,
    });
    const inputs = tagger.modelInputs(sentences);
    const feeds = inputs.map((b) => ({
      input_ids: new ort.Tensor('int64', b.inputIds, b.dims),
      attention_mask: new ort.Tensor('int64', b.attentionMask, b.dims),
      ...(b.ruleIds && { rule_ids: new ort.Tensor('int64', b.ruleIds, b.dims) }),
    }));
    await session.run(feeds[0]);
    const bareMs = await medianMs(async () => {
      for (const feed of feeds) await session.run(feed);
    });
    figures.dtype = dtype;
    figures.sizeMB = round(fs.statSync(file).size / 1048576);
    figures.tagOverBareOrt = round(batchedMs / bareMs);
    await session.release();
  }
  await tagger.dispose();
  figures.peakRssMB = round(process.resourceUsage().maxRSS / 1024);
  return figures;
}

/** The median time of several runs: one pass over 5,000 words is short enough for a stray pause to skew it. */
async function medianMs(run: () => Promise<unknown>, times = PASSES): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await run();
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b)[Math.floor(times / 2)];
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function main(): Promise<void> {
  const one = process.argv.indexOf('--one');
  if (one > 0) {
    process.stdout.write(JSON.stringify(await measure(process.argv[one + 1])) + '\n');
    return;
  }
  const names = [...listModels().map((m) => m.name), RULES_MODEL];
  const results: Figures[] = [];
  for (const name of names) {
    const run = spawnSync(process.execPath, [...process.execArgv, __filename, '--one', name], {
      encoding: 'utf8',
    });
    if (run.status !== 0) throw new Error(`${name}: ${run.stderr}`);
    results.push(JSON.parse(run.stdout.trim().split('\n').pop() ?? '{}') as Figures);
  }
  console.log(
    'model        dtype  size MB  load ms  words/s (1 sentence)  words/s (batched)  peak RSS MB  tag/bare ORT',
  );
  for (const r of results) {
    console.log(
      [
        r.model.padEnd(12),
        (r.dtype ?? '-').padEnd(5),
        String(r.sizeMB ?? '-').padStart(7),
        String(r.loadMs).padStart(8),
        String(r.wordsPerSecondSingle).padStart(21),
        String(r.wordsPerSecondBatched).padStart(18),
        String(r.peakRssMB).padStart(12),
        String(r.tagOverBareOrt ?? '-').padStart(13),
      ].join(' '),
    );
  }
  const out = path.resolve(__dirname, '..', '..', 'bench-results');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(
    path.join(out, 'model.json'),
    JSON.stringify({ date: new Date().toISOString(), results }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
