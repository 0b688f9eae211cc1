#!/usr/bin/env -S npx tsx
/**
 * Definition pairs of the whole analysis on every labelled set: a gold pair is a long form and an abbreviation
 * that the gold marks side by side (`long form (AC)`, `AC (long form)`, `AC: long form`, with only brackets,
 * white space and `,:;=` between them); a found pair is a long form of the analysis with the abbreviation it
 * defines. Pairs match on the long form's offsets and the abbreviation (case and a plural s aside). Prints
 * P/R/F1 per set with a bootstrap 95 % interval over samples.
 *
 *   npx tsx scripts/eval-pairs.ts [--model NAME] [--data DIR] [--sets plod:validation,scientific,...] [--verbose N]
 *
 * Sets: `plod:SPLIT` for PLOD-CW, `scientific` / `legal` (dev) or `scientific:train` for SDU@AAAI-22. The data
 * folder defaults to ../shared/data (or PLOD_DATA_DIR); nothing from it is written anywhere.
 */
import { analyse } from '../src/core/analyze';
import { dataDir } from '../src/core/data';
import { loadTagger } from '../src/core/loadTagger';
import { DEFAULT_MODEL } from '../src/core/models';
import { type Counts, goldPairs, option, pairKey, samplesOf, scoreLine, setName } from './lib/samples';

async function main(): Promise<void> {
  const model = option('model', DEFAULT_MODEL);
  const data = option('data', dataDir());
  const sets = option('sets', 'plod:validation,plod:test,scientific,legal').split(',');
  const verbose = Number(option('verbose', '0'));
  const tagger = await loadTagger(model);
  for (const set of sets) {
    const samples = samplesOf(data, set);
    const perSample: Counts[] = [];
    let shown = 0;
    let goldCount = 0;
    for (const sample of samples) {
      const gold = goldPairs(sample);
      goldCount += gold.size;
      const analysis = await analyse(sample.text, tagger, { lang: 'plaintext' });
      const found = new Set(
        analysis.spans
          .filter((s) => s.label === 'LF' && s.short !== undefined)
          .map((s) => pairKey(s.start, s.end, s.short ?? '')),
      );
      const tp = [...found].filter((k) => gold.has(k)).length;
      perSample.push({ tp, fp: found.size - tp, fn: gold.size - tp });
      if (shown < verbose && (found.size > tp || gold.size > tp)) {
        shown++;
        const show = (keys: Set<string>, other: Set<string>) =>
          [...keys]
            .filter((k) => !other.has(k))
            .map((k) => {
              const [s, e, short] = k.split(':');
              return `${short} = ${JSON.stringify(sample.text.slice(Number(s), Number(e)))}`;
            })
            .join('; ');
        console.log(`${sample.ID}\n  extra: ${show(found, gold)}\n  missed: ${show(gold, found)}`);
      }
    }
    console.log(
      `${setName(set)} pairs (${goldCount} gold in ${samples.length} samples) model ${model}: ${scoreLine(perSample)}`,
    );
  }
  await tagger.dispose();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
