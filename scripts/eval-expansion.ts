#!/usr/bin/env -S npx tsx
/**
 * How well the long forms of undefined abbreviations are guessed. For each pair that a set's gold defines
 * side by side, the long form is hidden (cut from the text), and the abbreviation's guesses are ranked with
 * what is left as the document's vocabulary. Prints how often the true long form is first, or in the top 3,
 * with a bootstrap 95 % interval over pairs, and how often any source knows the abbreviation at all.
 *
 *   npx tsx scripts/eval-expansion.ts [--data DIR] [--sets plod:test,scientific,legal] [--tune]
 *
 * The shipped dictionaries are read from models/long-forms; their PLOD-CW part holds train and validation,
 * never test. Rows: the dictionaries ranked by count alone, ranked by field (the shipped ranking), and with
 * the set's other samples as the workspace glossary (leave one out). `--tune` grid-searches the ranking
 * weights on PLOD-CW validation with a PLOD-CW dictionary of train alone.
 */
import * as path from 'node:path';
import { dataDir } from '../src/core/data';
import {
  type Candidate,
  foldGuess,
  LongFormGuesser,
  RANK_WEIGHTS,
  type RankWeights,
} from '../src/core/expansion/guess';
import { dictionaryCandidates, readDictionaries } from '../src/core/expansion/load';
import { vocabularyOf } from '../src/core/expansion/vocabulary';
import { modelsDir } from '../src/core/models';
import { type MinedPair, pairsOfSamples } from './lib/longForms';
import { option, type Sample, samplesOf, setName } from './lib/samples';
import { goldPairRanges } from './lib/samples';

interface Hidden {
  sample: number;
  short: string;
  long: string;
  text: string;
}

/** Each side-by-side gold pair, with its long form cut from the text. */
function hiddenPairs(samples: readonly Sample[]): Hidden[] {
  const out: Hidden[] = [];
  samples.forEach((sample, index) => {
    for (const [start, end] of new Set(goldPairRanges(sample).map((p) => p.long))) {
      const [pair] = pairsOfSamples([{ ...sample, 'long-forms': [[start, end]] }]);
      if (!pair) continue;
      out.push({
        sample: index,
        short: pair.short,
        long: pair.long,
        text: sample.text.slice(0, start) + sample.text.slice(end),
      });
    }
  });
  return out;
}

function candidatesOf(
  pairs: readonly MinedPair[],
  kind: Candidate['source']['kind'],
  name: string,
): Candidate[] {
  return pairs.map((p) => ({
    short: p.short,
    long: p.long,
    count: 1,
    context: count(p.context),
    source: { kind, name },
  }));
}

function count(words: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const w of words) map.set(w, (map.get(w) ?? 0) + 1);
  return map;
}

interface Outcome {
  known: boolean;
  rank: number;
  /** Whether the true long form was one of two or more guesses: the pairs where ranking decides. */
  contested: boolean;
}

function rankOf(guesser: LongFormGuesser, item: Hidden, accept?: (c: Candidate) => boolean): Outcome {
  const guesses = guesser.guess(item.short, vocabularyOf(item.text), Infinity, accept);
  const truth = foldGuess(item.long);
  const rank = guesses.findIndex((g) =>
    [g.long, ...g.alternatives].some((long) => foldGuess(long) === truth),
  );
  return { known: guesses.length > 0, rank, contested: rank >= 0 && guesses.length > 1 };
}

function proportionInterval(hits: readonly boolean[]): [number, number] {
  if (!hits.length) return [0, 0];
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const drawn: number[] = [];
  for (let round = 0; round < 1000; round++) {
    let n = 0;
    for (let i = 0; i < hits.length; i++) if (hits[Math.floor(random() * hits.length)]) n++;
    drawn.push(n / hits.length);
  }
  drawn.sort((a, b) => a - b);
  return [drawn[25], drawn[974]];
}

function line(name: string, outcomes: readonly Outcome[]): string {
  const share = (hits: boolean[]) => {
    const [low, high] = proportionInterval(hits);
    return `${(hits.filter(Boolean).length / hits.length).toFixed(3)} [${low.toFixed(3)}–${high.toFixed(3)}]`;
  };
  const top1 = outcomes.map((o) => o.rank === 0);
  const top3 = outcomes.map((o) => o.rank >= 0 && o.rank < 3);
  const listed = outcomes.map((o) => o.rank >= 0);
  const known = outcomes.map((o) => o.known);
  const contested = outcomes.filter((o) => o.contested);
  const decided = contested.length ? share(contested.map((o) => o.rank === 0)) : '–';
  return `  ${name.padEnd(34)} top-1 ${share(top1)}  top-3 ${share(top3)}  listed ${share(listed)}  known ${share(known)}  contested ${contested.length}: first ${decided}`;
}

function evaluateSet(data: string, set: string, dictionary: Candidate[], nonCommercial: Candidate[]): void {
  const samples = samplesOf(data, set);
  const hidden = hiddenPairs(samples);
  console.log(`${setName(set)}: ${hidden.length} defined pairs in ${samples.length} samples`);
  const byCount = new LongFormGuesser(dictionary, { own: 0, field: 0, prior: 1 });
  const byField = new LongFormGuesser(dictionary);
  console.log(
    line(
      'dictionaries, by count',
      hidden.map((h) => rankOf(byCount, h)),
    ),
  );
  console.log(
    line(
      'dictionaries, by field',
      hidden.map((h) => rankOf(byField, h)),
    ),
  );
  const workspace = samples.flatMap((sample, i) =>
    candidatesOf(pairsOfSamples([sample]), 'workspace', `${i}`),
  );
  const withWorkspace = new LongFormGuesser([...dictionary, ...workspace]);
  const bySample = hidden.map((h) => rankOf(withWorkspace, h, (c) => c.source.name !== `${h.sample}`));
  console.log(line('+ the other samples as workspace', bySample));
  if (nonCommercial.length) {
    const byCountNc = new LongFormGuesser([...dictionary, ...nonCommercial], { own: 0, field: 0, prior: 1 });
    console.log(
      line(
        '+ sdu22-nc (opt-in), by count',
        hidden.map((h) => rankOf(byCountNc, h)),
      ),
    );
    const withNc = new LongFormGuesser([...dictionary, ...nonCommercial]);
    console.log(
      line(
        '+ sdu22-nc (opt-in), by field',
        hidden.map((h) => rankOf(withNc, h)),
      ),
    );
  }
}

/**
 * Weights are tuned on train data only: PLOD-CW validation against a PLOD-CW dictionary of train, and the
 * SDU@AAAI-22 train sets against their own other samples (leave one out), with the other dictionaries.
 */
function tune(data: string, shipped: Candidate[]): void {
  const others = shipped.filter((c) => c.source.name !== 'PLOD-CW');
  const train = candidatesOf(pairsOfSamples(samplesOf(data, 'plod:train')), 'dictionary', 'PLOD-CW');
  const sets = ['scientific:train', 'legal:train'].map((set) => samplesOf(data, set));
  const sdu = sets.flatMap((samples, s) =>
    samples.flatMap((sample, i) => candidatesOf(pairsOfSamples([sample]), 'dictionary', `${s}:${i}`)),
  );
  const hidden = [
    ...hiddenPairs(samplesOf(data, 'plod:validation')).map((h) => ({ ...h, name: '' })),
    ...sets.flatMap((samples, s) => hiddenPairs(samples).map((h) => ({ ...h, name: `${s}:${h.sample}` }))),
  ];
  const results: [number, number, RankWeights][] = [];
  const grid = [
    { own: 0, field: 0, prior: 1 },
    ...[0, 0.5, 1].flatMap((own) =>
      [1, 2, 4, 8].flatMap((field) => [0.5, 1].map((prior) => ({ own, field, prior }))),
    ),
  ];
  for (const weights of grid) {
    const guesser = new LongFormGuesser([...train, ...others, ...sdu], weights);
    const outcomes = hidden.map((h) => rankOf(guesser, h, (c) => c.source.name !== h.name));
    results.push([
      outcomes.filter((o) => o.rank === 0).length,
      outcomes.filter((o) => o.contested).length,
      weights,
    ]);
  }
  results.sort((a, b) => b[0] - a[0]);
  console.log(`${hidden.length} train pairs; top-1 by weights (shipped: ${JSON.stringify(RANK_WEIGHTS)}):`);
  for (const [top1, contested, w] of results.slice(0, 10))
    console.log(`  ${top1} (of ${contested} contested)  ${JSON.stringify(w)}`);
  const none = results.find(([, , w]) => w.own === 0 && w.field === 0 && w.prior === 1);
  if (none) console.log(`  count alone: ${none[0]}`);
}

function main(): void {
  const data = option('data', dataDir());
  const folder = path.join(modelsDir(), 'long-forms');
  const shipped = dictionaryCandidates(readDictionaries(folder));
  const nonCommercial = dictionaryCandidates(readDictionaries(folder, ['sdu22-nc']));
  if (process.argv.includes('--tune')) return tune(data, shipped);
  for (const set of option('sets', 'plod:test,scientific,legal').split(','))
    evaluateSet(data, set, shipped, nonCommercial);
}

main();
