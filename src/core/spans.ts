/** Turning word-level tags into character-offset spans. */

import type { EntityLabel, Span, Word, WordTag } from './types';

/**
 * Groups tagged words into spans with the same convention as `spansFromTags`: each `B-X` opens a span,
 * `I-X` extends a directly preceding span of label X (or opens one), `O` closes. Offsets index into `text`;
 * the score is the mean of the words' scores.
 */
export function decodeSpans(words: readonly Word[], tags: readonly WordTag[], text: string): Span[] {
  if (words.length !== tags.length) {
    throw new Error(`decodeSpans: ${words.length} words but ${tags.length} tags`);
  }
  const groups: { label: EntityLabel; first: number; last: number }[] = [];
  let open: { label: EntityLabel; first: number; last: number } | null = null;
  tags.forEach(({ tag }, i) => {
    if (tag === 'O') {
      open = null;
      return;
    }
    const label = tag.slice(2) as EntityLabel;
    if (tag.startsWith('I-') && open !== null && open.label === label && open.last === i - 1) {
      open.last = i;
      return;
    }
    open = { label, first: i, last: i };
    groups.push(open);
  });
  return groups.map(({ label, first, last }) => {
    const start = words[first].start;
    const end = words[last].end;
    let total = 0;
    for (let i = first; i <= last; i++) total += tags[i].score;
    return { label, start, end, text: text.slice(start, end), score: total / (last - first + 1) };
  });
}
