import type { Word } from '../types';
import { BLANK_LINE, splitParagraphs } from './paragraphs';
import { splitWords } from './words';

const TERMINALS = new Set(['.', '!', '?', '…', '...', '?!', '!?']);
const CLOSERS = new Set([')', ']', '}', '"', '”', '’', "'", '»']);
const SENTENCE_START = /^[\p{Lu}\p{Lt}\p{N}"“‘'«([{]/u;
const LOWERCASE_LETTER_WITH_PERIOD = /^\p{Ll}\.$/u;
const SINGLE_CAPITAL = /^\p{Lu}$/u;

/** Words after which a period does not end the sentence, compared in lower case. */
const ABBREVIATIONS = new Set([
  ...[
    'al',
    'fig',
    'figs',
    'eq',
    'eqs',
    'tab',
    'ref',
    'refs',
    'sec',
    'sect',
    'ch',
    'chap',
    'vol',
    'pp',
    'no',
    'nos',
  ],
  ...['vs', 'cf', 'approx', 'ca', 'resp', 'viz', 'incl', 'suppl', 'e.g', 'i.e', 'eg', 'ie'],
  ...['dr', 'mr', 'mrs', 'ms', 'prof', 'st', 'jr', 'inc', 'ltd', 'co', 'corp'],
]);

/**
 * Group words into sentences. `text` is the text the words were split from and `offset`
 * the offset of its first character, so the whitespace between words can be inspected.
 */
export function splitSentences(words: readonly Word[], text: string, offset = 0): Word[][] {
  const sentences: Word[][] = [];
  let current: Word[] = [];
  let beforeClosers = 0;
  for (let i = 0; i < words.length; i++) {
    current.push(words[i]);
    if (!isAttachedCloser(words, i)) beforeClosers = i;
    const next = words[i + 1];
    if (!next) break;
    if (
      isParagraphBreak(text, words[i].end - offset, next.start - offset) ||
      endsSentence(words, i, beforeClosers)
    ) {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length > 0) sentences.push(current);
  return sentences;
}

/**
 * The sentences of one paragraph as a tagger reads them: its words (offsets in `paragraph`, shifted by
 * `offset`), grouped by `splitSentences`, none empty.
 */
export function paragraphSentences(paragraph: string, offset = 0): Word[][] {
  return splitSentences(splitWords(paragraph, offset), paragraph, offset).filter((s) => s.length > 0);
}

/** The sentences of a whole text: its paragraphs (split at blank lines), each split by `paragraphSentences`. */
export function textSentences(text: string): Word[][] {
  return splitParagraphs(text).flatMap((p) => paragraphSentences(text.slice(p.start, p.end), p.start));
}

function isParagraphBreak(text: string, from: number, to: number): boolean {
  if (to - from < 2) return false;
  return BLANK_LINE.test(text.slice(from, to));
}

/**
 * Whether a sentence ends after word `i`. `last` is the word before the closing brackets and quotes glued to
 * `i` (`i` itself if there are none), kept by the caller as it goes so that a long run of closers is not
 * walked back over at every word.
 */
function endsSentence(words: readonly Word[], i: number, last: number): boolean {
  if (!isTerminal(words, last)) return false;
  const next = words[i + 1];
  if (CLOSERS.has(next.text) && isAttached(words[i], next)) return false;
  return SENTENCE_START.test(next.text);
}

function isAttachedCloser(words: readonly Word[], i: number): boolean {
  return CLOSERS.has(words[i].text) && isAttached(words[i - 1], words[i]);
}

function isTerminal(words: readonly Word[], i: number): boolean {
  const word = words[i].text;
  if (LOWERCASE_LETTER_WITH_PERIOD.test(word)) return true;
  if (!TERMINALS.has(word)) return false;
  if (word !== '.') return true;
  const before = words[i - 1];
  if (!before || !isAttached(before, words[i])) return true;
  return !ABBREVIATIONS.has(before.text.toLowerCase()) && !SINGLE_CAPITAL.test(before.text);
}

function isAttached(before: Word | undefined, after: Word): boolean {
  return before !== undefined && before.end === after.start;
}
