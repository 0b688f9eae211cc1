#!/usr/bin/env -S npx tsx
/**
 * Span-level scores of the whole analysis (the model, the pairing and the filters) on SDU@AAAI-22 acronym
 * extraction dev sets: each sample is analysed as plain text, and its AC and LF spans are compared with the
 * gold by exact character offsets. The one sample with a NUL byte is left out (it is binary, and the CLI
 * refuses such text). Prints micro P/R/F1 per set with a bootstrap 95 % interval over samples.
 *
 *   npx tsx scripts/eval-sdu.ts [--model NAME] [--data DIR] [--sets scientific,legal,plod:test] [--verbose N]
 *
 * `plod:SPLIT` scores a PLOD-CW split the same way: each sentence's tokens joined by spaces into a text, its
 * B-AC / B-LF I-LF runs as character spans (`B-AC B-AC` is two spans, as the token-level `eval` counts them).
 *
 * The data folder defaults to ../shared/data (or PLOD_DATA_DIR); nothing from it is written anywhere.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyse } from '../src/core/analyze';
import { dataDir } from '../src/core/data';
import { loadTagger } from '../src/core/loadTagger';
import { DEFAULT_MODEL } from '../src/core/models';
import { parseConll } from '../src/core/eval/conll';
import { spansFromTags } from '../src/core/bio';

interface Sample {
  text: string;
  acronyms: [number, number][];
  'long-forms': [number, number][];
  ID: string;
}

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function f1({ tp, fp, fn }: Counts): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

function sum(items: readonly Counts[]): Counts {
  return items.reduce((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
}

/** A seeded bootstrap of micro F1 over samples: the 2.5th and 97.5th percentiles of 1000 resamples. */
function interval(perSample: readonly Counts[]): [number, number] {
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const scores: number[] = [];
  for (let round = 0; round < 1000; round++) {
    const drawn = perSample.map(() => perSample[Math.floor(random() * perSample.length)]);
    scores.push(f1(sum(drawn)));
  }
  scores.sort((a, b) => a - b);
  return [scores[25], scores[974]];
}

/** A PLOD-CW split as samples: each sentence's tokens joined by spaces, its spans in character offsets. */
function plodSamples(file: string): Sample[] {
  return parseConll(fs.readFileSync(file, 'utf8')).map((sentence, index) => {
    const starts: number[] = [];
    let text = '';
    for (const token of sentence.tokens) {
      if (text) text += ' ';
      starts.push(text.length);
      text += token;
    }
    const spans = spansFromTags(sentence.tags ?? []).map(
      (run) =>
        [run.label, starts[run.start], starts[run.end - 1] + sentence.tokens[run.end - 1].length] as const,
    );
    return {
      text,
      acronyms: spans
        .filter(([label]) => label === 'AC')
        .map(([, start, end]): [number, number] => [start, end]),
      'long-forms': spans
        .filter(([label]) => label === 'LF')
        .map(([, start, end]): [number, number] => [start, end]),
      ID: `${path.basename(file)}#${index + 1}`,
    };
  });
}

async function main(): Promise<void> {
  const model = option('model', DEFAULT_MODEL);
  const data = option('data', dataDir());
  const sets = option('sets', 'scientific,legal').split(',');
  const verbose = Number(option('verbose', '0'));
  const tagger = await loadTagger(model);
  for (const set of sets) {
    const samples = set.startsWith('plod:')
      ? plodSamples(path.join(data, 'plod-cw', `${set.slice(5)}.conll`))
      : (
          JSON.parse(fs.readFileSync(path.join(data, 'sdu22-ae-en', set, 'dev.json'), 'utf8')) as Sample[]
        ).filter((s) => !s.text.includes('\0'));
    const perSample: Counts[] = [];
    const byLabel: Record<'AC' | 'LF', Counts> = { AC: { tp: 0, fp: 0, fn: 0 }, LF: { tp: 0, fp: 0, fn: 0 } };
    let shown = 0;
    for (const sample of samples) {
      const analysis = await analyse(sample.text, tagger, { lang: 'plaintext' });
      const gold = new Set([
        ...sample.acronyms.map(([s, e]) => `AC:${s}:${e}`),
        ...sample['long-forms'].map(([s, e]) => `LF:${s}:${e}`),
      ]);
      const found = new Set(analysis.spans.map((s) => `${s.label}:${s.start}:${s.end}`));
      const counts: Counts = { tp: 0, fp: 0, fn: 0 };
      for (const key of found) {
        const label = key.slice(0, 2) as 'AC' | 'LF';
        if (gold.has(key)) {
          counts.tp++;
          byLabel[label].tp++;
        } else {
          counts.fp++;
          byLabel[label].fp++;
        }
      }
      for (const key of gold) {
        if (found.has(key)) continue;
        counts.fn++;
        byLabel[key.slice(0, 2) as 'AC' | 'LF'].fn++;
      }
      perSample.push(counts);
      if (shown < verbose && (counts.fp || counts.fn)) {
        shown++;
        const show = (keys: Iterable<string>, other: Set<string>) =>
          [...keys]
            .filter((k) => !other.has(k))
            .map((k) => {
              const [label, s, e] = k.split(':');
              return `${label} ${JSON.stringify(sample.text.slice(Number(s), Number(e)))}`;
            });
        console.log(
          `${sample.ID}\n  extra: ${show(found, gold).join(', ')}\n  missed: ${show(gold, found).join(', ')}`,
        );
      }
    }
    const all = sum(perSample);
    const [low, high] = interval(perSample);
    const p = all.tp / (all.tp + all.fp || 1);
    const r = all.tp / (all.tp + all.fn || 1);
    console.log(
      `${set.startsWith('plod:') ? `PLOD-CW ${set.slice(5)}` : `sdu ${set} dev`} (${samples.length} samples) model ${model}: micro P=${p.toFixed(3)} R=${r.toFixed(3)} ` +
        `F1=${f1(all).toFixed(3)} [95% ${low.toFixed(3)}–${high.toFixed(3)}] | AC F1=${f1(byLabel.AC).toFixed(3)} ` +
        `LF F1=${f1(byLabel.LF).toFixed(3)}`,
    );
  }
  await tagger.dispose();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
