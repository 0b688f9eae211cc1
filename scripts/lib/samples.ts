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

/** The pairs that the gold marks side by side. */
export function goldPairs(sample: Sample): Set<string> {
  const pairs = new Set<string>();
  for (const [ls, le] of sample['long-forms']) {
    for (const [as, ae] of sample.acronyms) {
      const gap = le <= as ? sample.text.slice(le, as) : ae <= ls ? sample.text.slice(ae, ls) : null;
      if (gap !== null && BESIDE.test(gap)) pairs.add(pairKey(ls, le, sample.text.slice(as, ae)));
    }
  }
  return pairs;
}
