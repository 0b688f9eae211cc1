/** Small helpers on ranges of a text (`[start, end)` in UTF-16 code units). */

import type { Range } from './types';

/** A range as a map key: `start:end`. */
export function rangeKey(range: Range): string {
  return `${range.start}:${range.end}`;
}

/** Orders ranges by start, then by end. */
export function byStart(a: Range, b: Range): number {
  return a.start - b.start || a.end - b.end;
}

export function sameRange(a: Range, b: Range): boolean {
  return a.start === b.start && a.end === b.end;
}

/** Whether two ranges share a character. */
export function overlaps(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Whether `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  if (offset <= 0 || offset >= text.length) return false;
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

/** The ranges sorted by start, with overlapping ones joined (touching ones stay apart); the input is not changed. */
export function joinOverlapping(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || b.end - a.end);
  const joined: Range[] = [];
  for (const range of sorted) {
    const last = joined[joined.length - 1];
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end);
    else joined.push({ ...range });
  }
  return joined;
}

/**
 * Spans and glossary found in a part of a text that starts at `offset`, moved to offsets of the whole text.
 * The input is not changed.
 */
export function shiftFound<S extends Range, G extends { definition: Range | null }>(
  found: { spans: readonly S[]; glossary: readonly G[] },
  offset: number,
): { spans: S[]; glossary: G[] } {
  const shift = <R extends Range>(range: R): R => ({
    ...range,
    start: range.start + offset,
    end: range.end + offset,
  });
  return {
    spans: found.spans.map(shift),
    glossary: found.glossary.map((entry) => ({
      ...entry,
      definition: entry.definition && shift(entry.definition),
    })),
  };
}
