/** Turning word-level tags into character-offset spans. */

import { spansFromTags } from './bio';
import type { Span, Word, WordTag } from './types';

/**
 * Groups tagged words into spans by the BIO rule of `spansFromTags`. Offsets index into `text`; the score is
 * the mean of the words' scores.
 */
export function decodeSpans(words: readonly Word[], tags: readonly WordTag[], text: string): Span[] {
  if (words.length !== tags.length) {
    throw new Error(`decodeSpans: ${words.length} words but ${tags.length} tags`);
  }
  return spansFromTags(tags.map((t) => t.tag)).map((run) => {
    const start = words[run.start].start;
    const end = words[run.end - 1].end;
    let total = 0;
    for (let i = run.start; i < run.end; i++) total += tags[i].score;
    return {
      label: run.label,
      start,
      end,
      text: text.slice(start, end),
      score: total / (run.end - run.start),
    };
  });
}
