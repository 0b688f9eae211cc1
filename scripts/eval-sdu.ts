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
 * `plod-tagger eval --sdu NAME` gives the same figures for one SDU set.
 *
 * The data folder defaults to ../shared/data (or PLOD_DATA_DIR); nothing from it is written anywhere.
 */
import { dataDir } from '../src/core/data';
import { evaluateSamples } from '../src/core/eval/samples';
import { loadTagger } from '../src/core/loadTagger';
import { DEFAULT_MODEL } from '../src/core/models';
import { option, samplesOf, scoreLine, setName } from './lib/samples';

async function main(): Promise<void> {
  const model = option('model', DEFAULT_MODEL);
  const data = option('data', dataDir());
  const sets = option('sets', 'scientific,legal').split(',');
  const verbose = Number(option('verbose', '0'));
  const tagger = await loadTagger(model);
  for (const set of sets) {
    const samples = samplesOf(data, set);
    let shown = 0;
    const result = await evaluateSamples(samples, tagger, 'plaintext', (sample, found, gold) => {
      const extra = [...found].filter((k) => !gold.has(k));
      const missed = [...gold].filter((k) => !found.has(k));
      if (shown >= verbose || (extra.length === 0 && missed.length === 0)) return;
      shown++;
      const show = (keys: string[]) =>
        keys.map((k) => {
          const [label, s, e] = k.split(':');
          return `${label} ${JSON.stringify(sample.text.slice(Number(s), Number(e)))}`;
        });
      console.log(`${sample.ID}\n  extra: ${show(extra).join(', ')}\n  missed: ${show(missed).join(', ')}`);
    });
    console.log(
      `${setName(set)} (${samples.length} samples) model ${model}: micro ${scoreLine(result.perSample)} | ` +
        `AC F1=${result.AC.f1.toFixed(3)} LF F1=${result.LF.f1.toFixed(3)}`,
    );
  }
  await tagger.dispose();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
