/**
 * The BIO scheme, in one place: which tag may follow which, and how a sequence of tags groups into spans. The
 * constrained decoder, the span decoder, the evaluation and the export of corrections all read it from here.
 * Tags are compared as strings, so PLOD-CW's `B-O` for outside works as well as `O`.
 */

import type { EntityLabel, Tag } from './types';

/** Whether `tag` continues the span `previous` (undefined at a sentence start) is in: `I-X` after `B-X` or `I-X`. */
export function continuesSpan(previous: string | undefined, tag: string): boolean {
  if (!tag.startsWith('I-')) return false;
  const label = tag.slice(2);
  return previous === `B-${label}` || previous === `I-${label}`;
}

/** Whether `next` may follow `previous` in a valid sequence: `I-X` only continues a span of X; any other tag may stand anywhere. */
export function canFollow(previous: string | undefined, next: string): boolean {
  return !next.startsWith('I-') || continuesSpan(previous, next);
}

/** A span of a tag sequence, in token indexes, half-open. */
export interface TagSpan {
  label: EntityLabel;
  /** First token index. */
  start: number;
  /** One past the last token index. */
  end: number;
}

/**
 * Token-index spans, half-open. Each `B-X` opens a new span; `I-X` continues a directly preceding span of
 * label X, otherwise it opens one (conlleval convention); `O` closes.
 */
export function spansFromTags(tags: readonly Tag[]): TagSpan[] {
  const spans: TagSpan[] = [];
  tags.forEach((tag, i) => {
    if (tag === 'O') return;
    if (continuesSpan(tags[i - 1], tag)) spans[spans.length - 1].end = i + 1;
    else spans.push({ label: tag.slice(2) as EntityLabel, start: i, end: i + 1 });
  });
  return spans;
}

/** The sequence made valid: an `I-X` that continues no span of X becomes `B-X`, so it opens one (as `spansFromTags` reads it). */
export function repairBio<T extends string>(tags: readonly T[]): T[] {
  return tags.map((tag, i) =>
    tag.startsWith('I-') && !continuesSpan(tags[i - 1], tag) ? (`B-${tag.slice(2)}` as T) : tag,
  );
}
