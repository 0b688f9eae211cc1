/** Reading and writing CoNLL files in the PLOD-CW style (`token POS tag`, blank line between sentences). */

import type { Tag } from '../types';
import { labelToTag } from '../taggers/labels';

export interface ConllSentence {
  tokens: string[];
  /** Gold tags, one per token; null when the file has only a token column. */
  tags: Tag[] | null;
}

/**
 * Parses CoNLL text. The first column is the token; the last column (if there are two or more) is the tag.
 * With `readTags: false` every column after the first is ignored, as when tagging pre-tokenised input.
 */
export function parseConll(text: string, { readTags = true }: { readTags?: boolean } = {}): ConllSentence[] {
  const sentences: ConllSentence[] = [];
  let tokens: string[] = [];
  let tags: Tag[] = [];
  let tagged: boolean | null = null;

  const flush = (): void => {
    if (tokens.length > 0) sentences.push({ tokens, tags: tagged ? tags : null });
    tokens = [];
    tags = [];
    tagged = null;
  };

  const lines = text.split(/\r?\n/);
  lines.forEach((rawLine, index) => {
    const lineNumber = index + 1;
    const line = rawLine.trim();
    if (line === '') {
      flush();
      return;
    }
    const columns = line.split(/[\t ]+/);
    if (columns[0] === '-DOCSTART-') return;
    const hasTag = readTags && columns.length >= 2;
    if (tagged !== null && tagged !== hasTag) {
      throw new Error(`line ${lineNumber}: some tokens of this sentence have a tag column and some do not`);
    }
    tagged = hasTag;
    tokens.push(columns[0]);
    if (hasTag) {
      const rawTag = columns[columns.length - 1];
      try {
        tags.push(labelToTag(rawTag));
      } catch {
        throw new Error(`line ${lineNumber}: unknown tag "${rawTag}"`);
      }
    }
  });
  flush();
  return sentences;
}

/** Writes one line per token with `line`, a blank line between sentences; tokens and tags must pair up. */
function formatSentences<S extends { tokens: readonly string[]; tags: readonly string[] }>(
  sentences: readonly S[],
  line: (sentence: S, i: number, s: number) => string,
): string {
  return sentences
    .map((sentence, s) => {
      if (sentence.tokens.length !== sentence.tags.length) {
        throw new Error(
          `sentence ${s + 1}: ${sentence.tokens.length} tokens but ${sentence.tags.length} tags`,
        );
      }
      return sentence.tokens.map((_, i) => line(sentence, i, s) + '\n').join('');
    })
    .join('\n');
}

/** Writes sentences as `token\ttag` lines, a blank line between sentences, and a trailing newline. */
export function formatConll(
  sentences: readonly { tokens: readonly string[]; tags: readonly Tag[] }[],
): string {
  return formatSentences(sentences, (sentence, i) => `${sentence.tokens[i]}\t${sentence.tags[i]}`);
}

/** The POS column written when no part-of-speech tagger ran (Universal Dependencies' "other"). */
export const PLACEHOLDER_POS = 'X';

/**
 * Writes sentences in PLOD-CW's own layout, `token POS tag` separated by spaces, `B-O` for outside, a blank
 * line between sentences; `parseConll` reads it back. Tags may be given as `O` or `B-O`.
 */
export function formatPlodConll(
  sentences: readonly { tokens: readonly string[]; tags: readonly string[]; pos?: readonly string[] }[],
): string {
  return formatSentences(sentences, (sentence, i, s) => {
    const token = sentence.tokens[i];
    if (/\s/.test(token) || token === '')
      throw new Error(`sentence ${s + 1}: token ${i + 1} is empty or holds a space`);
    const tag = labelToTag(sentence.tags[i]);
    return `${token} ${sentence.pos?.[i] ?? PLACEHOLDER_POS} ${tag === 'O' ? 'B-O' : tag}`;
  });
}
