#!/usr/bin/env -S npx tsx
/**
 * The precision of each strategy of `src/core/definitions.ts` on labelled pairs (see `goldPairs`), and how
 * many of the gold pairs some strategy finds. Run on training sets only; the figures go into `PRECISION`.
 *
 *   npx tsx scripts/estimate-definitions.ts [--data DIR] [--sets plod:train,scientific:train,legal:train]
 */
import { dataDir } from '../src/core/data';
import { findDefinitionCandidates } from '../src/core/definitions';
import { goldPairs, option, pairKey, samplesOf, setName } from './lib/samples';

const data = option('data', dataDir());
const sets = option('sets', 'plod:train,scientific:train,legal:train').split(',');
const verbose = Number(option('verbose', '0'));
for (const set of sets) {
  const tally = new Map<string, { right: number; all: number; wrong: string[] }>();
  let gold = 0;
  let found = 0;
  for (const sample of samplesOf(data, set)) {
    const pairs = goldPairs(sample);
    gold += pairs.size;
    for (const c of findDefinitionCandidates(sample.text)) {
      const key = `${c.order} ${c.strategy}${c.digitsDropped ? ' -digits' : ''}`;
      const short = sample.text.slice(c.short.start, c.short.end);
      const right = pairs.has(pairKey(c.long.start, c.long.end, short));
      const row = tally.get(key) ?? { right: 0, all: 0, wrong: [] };
      row.all++;
      if (right) {
        row.right++;
        found++;
      } else if (row.wrong.length < verbose) {
        row.wrong.push(`${short} = ${sample.text.slice(c.long.start, c.long.end)}`);
      }
      tally.set(key, row);
    }
  }
  console.log(`${setName(set)}: ${gold} gold pairs, ${found} found (recall ${(found / gold).toFixed(3)})`);
  for (const [key, { right, all, wrong }] of [...tally].sort()) {
    console.log(
      `  ${key.padEnd(40)} ${String(right).padStart(5)}/${String(all).padEnd(5)} precision ${(right / all).toFixed(3)}`,
    );
    for (const w of wrong) console.log(`      ✗ ${w}`);
  }
}
