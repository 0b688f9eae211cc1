/**
 * A text's vocabulary for telling fields apart: its content words, lower-cased, with a plural `s` and
 * common function words dropped. "CT" in a text that says `scan`, `patients` and `contrast` is a radiology
 * CT; in one that says `photon` and `thermal` it is something else.
 */

import { writeContext } from './dictionary';

const FUNCTION_WORDS = new Set(
  (
    'about above after again against all also although among and any are because been before being below between ' +
    'both but can could did does doing down during each either else few for from further had has have having her ' +
    'here hers him his how however into its itself just more most much must nor not now off once only other ought ' +
    'our ours out over own same shall she should some such than that the their theirs them then there these they ' +
    'this those through thus too under until upon very was were what when where whether which while who whom whose ' +
    'why will with within without would you your yours use used using based show shown shows two three one new ' +
    'well may might also study studies paper result results method methods data figure table section et al'
  ).split(' '),
);

const UNCHANGED = new Set(['series', 'species', 'analysis', 'basis', 'thesis', 'virus', 'status', 'corpus']);

const WORD = /\p{L}[\p{L}\p{M}'’-]*\p{L}|\p{L}/gu;

/** The content words of `text`, in order: lower case, three letters or more, a plural `s` folded. */
export function contentWords(text: string): string[] {
  const words: string[] = [];
  for (const [raw] of text.matchAll(WORD)) {
    for (const part of raw.toLowerCase().split(/[-'’]+/)) {
      if (part.length < 3 || FUNCTION_WORDS.has(part)) continue;
      words.push(foldPlural(part));
    }
  }
  return words;
}

function foldPlural(word: string): string {
  if (UNCHANGED.has(word)) return word;
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** How often each content word occurs. */
export type Vocabulary = ReadonlyMap<string, number>;

export function vocabularyOf(text: string): Vocabulary {
  const counts = new Map<string, number>();
  for (const word of contentWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** A paper's commonest content words as a context (`word:count` items), to rank the long forms it defines. */
export function vocabularyContext(text: string, limit = 60): string {
  return writeContext(vocabularyOf(text), limit);
}
