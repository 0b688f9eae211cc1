/**
 * The evaluation samples that the scripts share: SDU@AAAI-22 dev or train samples and PLOD-CW sentences as
 * texts with character spans, and a seeded bootstrap of F1 over samples.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spansFromTags } from '../../src/core/bio';
import { parseConll } from '../../src/core/eval/conll';
import { singular } from '../../src/core/text/plural';

export interface Sample {
  text: string;
  acronyms: [number, number][];
  'long-forms': [number, number][];
  ID: string;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}

export function f1({ tp, fp, fn }: Counts): number {
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

export function sum(items: readonly Counts[]): Counts {
  return items.reduce((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
}

/** A seeded bootstrap of micro F1 over samples: the 2.5th and 97.5th percentiles of 1000 resamples. */
export function interval(perSample: readonly Counts[]): [number, number] {
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

/** P, R, F1 and the interval, in one line. */
export function scoreLine(perSample: readonly Counts[]): string {
  const all = sum(perSample);
  const [low, high] = interval(perSample);
  const p = all.tp / (all.tp + all.fp || 1);
  const r = all.tp / (all.tp + all.fn || 1);
  return `P=${p.toFixed(3)} R=${r.toFixed(3)} F1=${f1(all).toFixed(3)} [95% ${low.toFixed(3)}–${high.toFixed(3)}]`;
}

/** A PLOD-CW split as samples: each sentence's tokens joined by spaces, its spans in character offsets. */
export function plodSamples(file: string): Sample[] {
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

/**
 * The samples of a set: `plod:SPLIT` (a PLOD-CW split), or `NAME` / `NAME:SPLIT` (an SDU@AAAI-22 set, dev
 * unless named), the one sample with a NUL byte left out.
 */
export function samplesOf(data: string, set: string): Sample[] {
  if (set.startsWith('plod:')) return plodSamples(path.join(data, 'plod-cw', `${set.slice(5)}.conll`));
  const [name, split = 'dev'] = set.split(':');
  const file = path.join(data, 'sdu22-ae-en', name, `${split}.json`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as Sample[]).filter((s) => !s.text.includes('\0'));
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
