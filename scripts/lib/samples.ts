/** What the evaluation scripts share: options, the sets by name, one line of scores, and the gold pairs. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type Counts,
  f1,
  interval,
  plodSamples,
  readSduSamples,
  type Sample,
  sum,
} from '../../src/core/eval/samples';
import { singular } from '../../src/core/text/plural';

export type { Counts, Sample };
export { f1 };

export function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

/** P, R, F1 and the interval, in one line. */
export function scoreLine(perSample: readonly Counts[]): string {
  const all = sum(perSample);
  const [low, high] = interval(perSample);
  const p = all.tp / (all.tp + all.fp || 1);
  const r = all.tp / (all.tp + all.fn || 1);
  return `P=${p.toFixed(3)} R=${r.toFixed(3)} F1=${f1(all).toFixed(3)} [95% ${low.toFixed(3)}–${high.toFixed(3)}]`;
}

/**
 * The samples of a set: `plod:SPLIT` (a PLOD-CW split), or `NAME` / `NAME:SPLIT` (an SDU@AAAI-22 set, dev
 * unless named), the one sample with a NUL byte left out.
 */
export function samplesOf(data: string, set: string): Sample[] {
  if (set.startsWith('plod:')) {
    const file = path.join(data, 'plod-cw', `${set.slice(5)}.conll`);
    return plodSamples(fs.readFileSync(file, 'utf8'), path.basename(file));
  }
  const [name, split = 'dev'] = set.split(':');
  const file = path.join(data, 'sdu22-ae-en', name, `${split}.json`);
  return readSduSamples(fs.readFileSync(file, 'utf8'), file);
}

/** The name of a set in a report. */
export function setName(set: string): string {
  if (set.startsWith('plod:')) return `PLOD-CW ${set.slice(5)}`;
  const [name, split = 'dev'] = set.split(':');
  return `sdu ${name} ${split}`;
}

const BESIDE = /^\s*[([:=]\s*$/;

export function pairKey(start: number, end: number, short: string): string {
  return `${start}:${end}:${singular(short).toLowerCase()}`;
}

/** A long form and an abbreviation that the gold marks side by side, as ranges of the sample's text. */
export interface GoldPair {
  long: [number, number];
  short: [number, number];
}

/** The pairs that the gold marks side by side. */
export function goldPairRanges(sample: Sample): GoldPair[] {
  const pairs: GoldPair[] = [];
  for (const long of sample['long-forms']) {
    for (const short of sample.acronyms) {
      const [[ls, le], [as, ae]] = [long, short];
      const gap = le <= as ? sample.text.slice(le, as) : ae <= ls ? sample.text.slice(ae, ls) : null;
      if (gap !== null && BESIDE.test(gap)) pairs.push({ long, short });
    }
  }
  return pairs;
}

/** The gold's side-by-side pairs as keys (`pairKey`), to compare with what a tagger paired. */
export function goldPairs(sample: Sample): Set<string> {
  return new Set(
    goldPairRanges(sample).map(({ long, short }) =>
      pairKey(long[0], long[1], sample.text.slice(short[0], short[1])),
    ),
  );
}
