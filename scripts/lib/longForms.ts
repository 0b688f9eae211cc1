/**
 * Mining abbreviation–long-form pairs for the shipped dictionaries, each from one source:
 * - PLOD-CW: the pairs that its gold marks side by side, with the words of their sentence as context;
 * - WordNet 3.0: synsets that hold an abbreviation and a long form whose letters spell it, with the gloss
 *   and the hypernyms' words as context;
 * - V.E.R.A.: its computing acronyms, with their bracketed topics as context.
 * A long form is kept only where its letters spell the abbreviation (Schwartz & Hearst, from its first word).
 */
import { contentWords } from '../../src/core/expansion/vocabulary';
import { schwartzHearstStart } from '../../src/core/pairing';
import { goldPairRanges, pairKey, type GoldPair, type Sample } from './samples';

export interface MinedPair {
  short: string;
  long: string;
  context: string[];
}

export function spells(short: string, long: string): boolean {
  return (
    /\p{L}/u.test(short) &&
    /\p{Ll}{2}|\s/u.test(long) &&
    short.length < long.length &&
    schwartzHearstStart(short, long) === 0
  );
}

/** PLOD-CW's text is tokens joined by spaces: `wild - type`, `cells ( NK )`. Put the spaces back as written. */
export function untokenize(text: string): string {
  return text
    .replace(/\s*([-–/])\s*/g, '$1')
    .replace(/\s+([,.;:)\]'’])/g, '$1')
    .replace(/([([])\s+/g, '$1')
    .trim();
}

/** One of each long form with the same abbreviation (as `pairKey` tells them apart), the first met. */
function uniquePairs(sample: Sample, pairs: readonly GoldPair[]): GoldPair[] {
  const seen = new Set<string>();
  return pairs.filter(({ long, short }) => {
    const key = pairKey(long[0], long[1], sample.text.slice(short[0], short[1]));
    return !seen.has(key) && seen.add(key);
  });
}

export function pairsOfSamples(samples: readonly Sample[]): MinedPair[] {
  const pairs: MinedPair[] = [];
  for (const sample of samples) {
    for (const {
      long: [start, end],
      short: acronym,
    } of uniquePairs(sample, goldPairRanges(sample))) {
      const long = sample.text.slice(start, end);
      const short = sample.text.slice(acronym[0], acronym[1]);
      const rest =
        sample.text.slice(0, Math.min(start, acronym[0])) +
        ' ' +
        sample.text.slice(Math.max(end, acronym[1]));
      pairs.push({ short: untokenize(short), long: untokenize(long), context: contentWords(rest) });
    }
  }
  return pairs;
}

const ABBREVIATION = /^(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z0-9&./+-]{2,10}$/;

/** WordNet's `data.noun`: one synset a line, `offset lexfile pos count (word lexid)… pointers | gloss`. */
export function pairsOfWordNet(dataNoun: string): MinedPair[] {
  const synsets = new Map<string, { lemmas: string[]; hypernyms: string[]; gloss: string }>();
  for (const line of dataNoun.split('\n')) {
    if (!/^\d{8} /.test(line)) continue;
    const [head, gloss = ''] = line.split(' | ');
    const fields = head.split(' ');
    const count = parseInt(fields[3], 16);
    const lemmas = Array.from({ length: count }, (_, i) => fields[4 + 2 * i].replace(/_/g, ' '));
    const pointerAt = 4 + 2 * count;
    const pointers = Number(fields[pointerAt]);
    const hypernyms: string[] = [];
    for (let p = 0; p < pointers; p++) {
      const [symbol, offset] = fields.slice(pointerAt + 1 + 4 * p, pointerAt + 3 + 4 * p);
      if (symbol === '@' || symbol === '@i') hypernyms.push(offset);
    }
    synsets.set(fields[0], { lemmas, hypernyms, gloss: gloss.replace(/;?\s*"[^"]*"/g, '') });
  }
  const pairs: MinedPair[] = [];
  for (const { lemmas, hypernyms, gloss } of synsets.values()) {
    for (const short of lemmas.filter((l) => ABBREVIATION.test(l))) {
      const above = hypernyms.flatMap((h) => synsets.get(h)?.lemmas ?? []);
      const context = contentWords(`${gloss} ${above.join(' ')}`);
      for (const long of lemmas)
        if (long !== short && !ABBREVIATION.test(long) && spells(short, long))
          pairs.push({ short, long, context });
    }
  }
  return pairs;
}

/** V.E.R.A.'s Info file: under each letter's node, `ACRONYM` at the margin, then its expansion indented. */
export function pairsOfVera(info: string): MinedPair[] {
  const pairs: MinedPair[] = [];
  let inLetters = false;
  let short: string | null = null;
  let expansion: string[] = [];
  const flush = () => {
    if (short && expansion.length) {
      const text = expansion.join(' ').replace(/\s+/g, ' ');
      const topics = /\(([^()]*)\)\s*(?:,\s*"[^"]*")?$/.exec(text)?.[1] ?? '';
      const long = text
        .replace(/\s*\([^()]*\)\s*(?:,\s*"[^"]*")?$/, '')
        .replace(/\s*\[[^\]]*\]/g, '')
        .trim();
      if (spells(short, long)) pairs.push({ short, long, context: [...VERA_FIELD, ...contentWords(topics)] });
    }
    short = null;
    expansion = [];
  };
  for (const line of info.split('\n')) {
    const node = /^File: vera\.info, +Node: ([^,]+),/.exec(line);
    if (node) {
      flush();
      inLetters = /^(?:[0A-Z])$/.test(node[1]);
      continue;
    }
    if (!inLetters) continue;
    if (/^ {5}\S/.test(line) && short) expansion.push(line.trim());
    else if (/^\S+$/.test(line) && !/^[-*]/.test(line)) {
      flush();
      short = line;
    } else if (!line.trim()) flush();
  }
  flush();
  return pairs;
}

/** V.E.R.A. is a list of computing acronyms: its field, as context for every entry. */
const VERA_FIELD = ['computer', 'computing', 'software', 'network', 'protocol'];
