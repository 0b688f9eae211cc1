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
import { analyse } from '../src/core/analyze';
import { dataDir } from '../src/core/data';
import { loadTagger } from '../src/core/loadTagger';
import { DEFAULT_MODEL } from '../src/core/models';
import { type Counts, f1, option, samplesOf, scoreLine, setName } from './lib/samples';

async function main(): Promise<void> {
  const model = option('model', DEFAULT_MODEL);
  const data = option('data', dataDir());
  const sets = option('sets', 'scientific,legal').split(',');
  const verbose = Number(option('verbose', '0'));
  const tagger = await loadTagger(model);
  for (const set of sets) {
    const samples = samplesOf(data, set);
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
    console.log(
      `${setName(set)} (${samples.length} samples) model ${model}: micro ${scoreLine(perSample)} | ` +
        `AC F1=${f1(byLabel.AC).toFixed(3)} LF F1=${f1(byLabel.LF).toFixed(3)}`,
    );
  }
  await tagger.dispose();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
