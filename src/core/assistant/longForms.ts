/** Finding a long form written out in prose: whole words, any case, any run of white space between words. */

import { splitParagraphs } from '../text/paragraphs';
import type { Range } from '../types';

const WORD = /[\p{L}\p{N}]+/gu;
const ALNUM = /[\p{L}\p{N}]/u;
const LEADING_WORD = /^[\p{L}\p{N}]+/u;
const SPACE = /\s/;

/** Each paragraph's words, lower-cased, and where they start in it: an edit re-reads only what it changed. */
const wordsByParagraph = new Map<string, { keys: string[]; starts: number[] }>();
const CACHED_PARAGRAPHS = 2000;

function paragraphWords(paragraph: string): { keys: string[]; starts: number[] } {
  let words = wordsByParagraph.get(paragraph);
  if (!words) {
    words = { keys: [], starts: [] };
    for (const match of paragraph.matchAll(WORD)) {
      words.keys.push(match[0].toLowerCase());
      words.starts.push(match.index);
    }
    if (wordsByParagraph.size >= CACHED_PARAGRAPHS) wordsByParagraph.clear();
    wordsByParagraph.set(paragraph, words);
  }
  return words;
}

/**
 * Where each word (lower-cased) starts in a text, so that a long form is tried only where its first word is. Built
 * for the first words of some long forms (`firstWordOf`), it holds only those; built for none named, every word.
 */
export class WordIndex {
  private readonly starts = new Map<string, number[]>();

  /** The index of the whole text at once, or, with `indexNow` false, an empty one for `built` to fill. */
  constructor(
    readonly text: string,
    indexNow = true,
    private readonly only?: ReadonlySet<string>,
  ) {
    if (indexNow) this.indexing(Infinity).next();
  }

  /** The index built a few thousand words at a time: each yield is a point where a busy thread may pause. */
  static *built(text: string, wordsPerStep = 2000, only?: ReadonlySet<string>): Generator<void, WordIndex> {
    const index = new WordIndex(text, false, only);
    yield* index.indexing(wordsPerStep);
    return index;
  }

  private *indexing(wordsPerStep: number): Generator<void> {
    let words = 0;
    // A word never crosses the white space between paragraphs.
    for (const paragraph of splitParagraphs(this.text)) {
      const { keys, starts } = paragraphWords(this.text.slice(paragraph.start, paragraph.end));
      for (let i = 0; i < keys.length; i++) {
        if (++words % wordsPerStep === 0) yield;
        const key = keys[i];
        if (this.only && !this.only.has(key)) continue;
        const start = paragraph.start + starts[i];
        const list = this.starts.get(key);
        if (list) list.push(start);
        else this.starts.set(key, [start]);
      }
    }
  }

  /** The offsets where the word `word` (any case) starts. */
  startsOf(word: string): readonly number[] {
    const key = word.toLowerCase();
    if (this.only && !this.only.has(key)) throw new Error(`the index was built without "${word}"`);
    return this.starts.get(key) ?? [];
  }
}

/** The word of a long form that `findLongForm` looks up in the index (lower-cased); undefined for none. */
export function firstWordOf(long: string): string | undefined {
  return LEADING_WORD.exec(longFormWords(long)[0] ?? '')?.[0];
}

/** Each long form's words, lower-cased, by long form: the checks ask for them again after every edit. */
const wordsOfLongForm = new Map<string, readonly string[]>();
const CACHED_LONG_FORMS = 2000;

function longFormWords(long: string): readonly string[] {
  let words = wordsOfLongForm.get(long);
  if (!words) {
    words = long
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.toLowerCase());
    if (wordsOfLongForm.size >= CACHED_LONG_FORMS) wordsOfLongForm.clear();
    wordsOfLongForm.set(long, words);
  }
  return words;
}

export interface LongFormMatch extends Range {
  text: string;
  /** Written with a plural `s` the long form lacks (`…networks` for `…network`). */
  plural: boolean;
}

/**
 * Every whole-word occurrence of `long` in the indexed text, in any case, with any white space between its
 * words, and in the plural in `s`; in order, not overlapping. A long form that does not start with a letter
 * or digit is never found.
 */
export function findLongForm(index: WordIndex, long: string): LongFormMatch[] {
  const words = longFormWords(long);
  const firstWord = firstWordOf(long);
  if (!firstWord) return [];
  const { text } = index;
  const found: LongFormMatch[] = [];
  let next = 0;
  for (const start of index.startsOf(firstWord)) {
    if (start < next) continue;
    const end = matchAt(text, start, words);
    if (end < 0) continue;
    const plural = text[end] === 's' || text[end] === 'S';
    const last = plural ? end + 1 : end;
    if (ALNUM.test(text[last] ?? '')) continue;
    found.push({ start, end: last, text: text.slice(start, last), plural: plural && !long.endsWith('s') });
    next = last;
  }
  return found;
}

/** Where `words` (lower-cased) end when they stand at `start`, separated by white space; -1 if they do not. */
function matchAt(text: string, start: number, words: readonly string[]): number {
  let at = start;
  for (let i = 0; i < words.length; i++) {
    if (i > 0) {
      if (!SPACE.test(text[at] ?? '')) return -1;
      while (SPACE.test(text[at] ?? '')) at++;
    }
    const word = words[i];
    if (text.slice(at, at + word.length).toLowerCase() !== word) return -1;
    at += word.length;
  }
  return at;
}
