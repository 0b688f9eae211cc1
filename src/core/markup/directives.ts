/**
 * What a document says about its own words, in comments, as cspell's `cspell:ignore` does:
 * `% plod-tagger: ignore Section Fig` (LaTeX), `<!-- plod-tagger: ignore Section -->` (Markdown), or a line
 * `plod-tagger: ignore Section` (plain text); `abbreviation MIMO` (or `abbreviations`) tags a word everywhere.
 * Words are separated by spaces or commas.
 */

import type { WordLists } from '../pairing';

const DIRECTIVE =
  /(?:^|%|<!--|#|\/\/)[ \t]*plod-tagger:[ \t]*(ignore|abbreviations?)[ \t]+(.*?)[ \t]*(?:-->|$)/gm;

export function documentWordLists(source: string): Required<WordLists> {
  const never: string[] = [];
  const always: string[] = [];
  if (source.includes('plod-tagger:')) {
    for (const match of source.matchAll(DIRECTIVE)) {
      const words = match[2].split(/[\s,]+/).filter((w) => w.length > 0);
      (match[1] === 'ignore' ? never : always).push(...words);
    }
  }
  return { notAbbreviations: never, alwaysAbbreviations: always };
}

/** Two word lists as one: the words of both, each once. */
export function joinWordLists(a: WordLists, b: WordLists): Required<WordLists> {
  const join = (x: readonly string[] = [], y: readonly string[] = []) => [...new Set([...x, ...y])];
  return {
    notAbbreviations: join(a.notAbbreviations, b.notAbbreviations),
    alwaysAbbreviations: join(a.alwaysAbbreviations, b.alwaysAbbreviations),
  };
}
