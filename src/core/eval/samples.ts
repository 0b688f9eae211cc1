/**
 * Scoring the whole analysis (the model, the pairing and the review) by character spans on labelled texts:
 * SDU@AAAI-22 acronym-extraction samples, or PLOD-CW sentences joined into texts. Micro P/R/F1 over AC and LF
 * spans by exact offsets, with a seeded bootstrap 95 % interval over samples.
 */
import { analyse } from '../analyze';
import { spansFromTags } from '../bio';
import type { Lang, Tagger } from '../types';
import { parseConll } from './conll';

/** One labelled text, in the SDU@AAAI-22 shape: `[start, end)` character spans. */
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

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export interface SampleEvaluation {
  samples: number;
  AC: Scores;
  LF: Scores;
  micro: Scores & { interval: [number, number] };
  perSample: Counts[];
}

/** SDU@AAAI-22 samples from their JSON file, the one sample with a NUL byte left out (the CLI refuses such text). */
export function readSduSamples(json: string, file: string): Sample[] {
  const parsed: unknown = JSON.parse(json);
  const isRange = (r: unknown) =>
    Array.isArray(r) && r.length === 2 && r.every((n) => Number.isInteger(n) && (n as number) >= 0);
  const valid = (s: unknown): s is Sample => {
    const sample = s as Sample;
    return (
      typeof sample?.text === 'string' &&
      Array.isArray(sample.acronyms) &&
      sample.acronyms.every(isRange) &&
      Array.isArray(sample['long-forms']) &&
      sample['long-forms'].every(isRange)
    );
  };
  if (!Array.isArray(parsed) || !parsed.every(valid))
    throw new Error(`${file} is not a list of SDU@AAAI-22 samples ({text, acronyms, long-forms})`);
  return parsed.filter((s) => !s.text.includes('\0'));
}

/** A PLOD-CW split as samples: each sentence's tokens joined by spaces, its spans in character offsets. */
export function plodSamples(conll: string, name: string): Sample[] {
  return parseConll(conll).map((sentence, index) => {
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
    const of = (label: string) =>
      spans.filter(([l]) => l === label).map(([, start, end]): [number, number] => [start, end]);
    return { text, acronyms: of('AC'), 'long-forms': of('LF'), ID: `${name}#${index + 1}` };
  });
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

export function scores(counts: Counts): Scores {
  return {
    precision: counts.tp / (counts.tp + counts.fp || 1),
    recall: counts.tp / (counts.tp + counts.fn || 1),
    f1: f1(counts),
  };
}

/** A seeded bootstrap of micro F1 over samples: the 2.5th and 97.5th percentiles of 1000 resamples. */
export function interval(perSample: readonly Counts[]): [number, number] {
  if (perSample.length === 0) return [0, 0];
  let seed = 12345;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const drawn: number[] = [];
  for (let round = 0; round < 1000; round++) {
    drawn.push(f1(sum(perSample.map(() => perSample[Math.floor(random() * perSample.length)]))));
  }
  drawn.sort((a, b) => a - b);
  return [drawn[25], drawn[974]];
}

/** The whole analysis of each sample, as plain text, scored against its gold spans. */
export async function evaluateSamples(
  samples: readonly Sample[],
  tagger: Tagger,
  lang: Lang = 'plaintext',
  onSample?: (sample: Sample, found: ReadonlySet<string>, gold: ReadonlySet<string>) => void,
): Promise<SampleEvaluation> {
  const perSample: Counts[] = [];
  const byLabel: Record<'AC' | 'LF', Counts> = { AC: { tp: 0, fp: 0, fn: 0 }, LF: { tp: 0, fp: 0, fn: 0 } };
  for (const sample of samples) {
    const analysis = await analyse(sample.text, tagger, { lang });
    const gold = new Set([
      ...sample.acronyms.map(([s, e]) => `AC:${s}:${e}`),
      ...sample['long-forms'].map(([s, e]) => `LF:${s}:${e}`),
    ]);
    const found = new Set(analysis.spans.map((s) => `${s.label}:${s.start}:${s.end}`));
    const counts: Counts = { tp: 0, fp: 0, fn: 0 };
    for (const key of found) {
      const label = key.slice(0, 2) as 'AC' | 'LF';
      const hit = gold.has(key);
      counts[hit ? 'tp' : 'fp']++;
      byLabel[label][hit ? 'tp' : 'fp']++;
    }
    for (const key of gold) {
      if (found.has(key)) continue;
      counts.fn++;
      byLabel[key.slice(0, 2) as 'AC' | 'LF'].fn++;
    }
    perSample.push(counts);
    onSample?.(sample, found, gold);
  }
  return {
    samples: samples.length,
    AC: scores(byLabel.AC),
    LF: scores(byLabel.LF),
    micro: { ...scores(sum(perSample)), interval: interval(perSample) },
    perSample,
  };
}
