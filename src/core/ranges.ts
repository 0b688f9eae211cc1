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
  // A whole document's analysis is already in its offsets.
  if (offset === 0) return { spans: [...found.spans], glossary: [...found.glossary] };
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

/**
 * Ranges sorted by start, with the largest end among each one and those before it, so that whether some range
 * contains, or overlaps, a given one is a binary search and not a walk through them all.
 */
export class SortedRanges {
  private readonly starts: number[] = [];
  private readonly maxEnds: number[] = [];

  constructor(ranges: readonly { start: number; end: number }[]) {
    const sorted = [...ranges].sort((a, b) => a.start - b.start);
    let maxEnd = Number.NEGATIVE_INFINITY;
    for (const range of sorted) {
      maxEnd = Math.max(maxEnd, range.end);
      this.starts.push(range.start);
      this.maxEnds.push(maxEnd);
    }
  }

  /** The largest end among the ranges that start at or before `at` (`orBefore`) or before it; -Infinity if none. */
  maxEndStarting(at: number, orAt: boolean): number {
    let [low, high] = [0, this.starts.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] < at || (orAt && this.starts[middle] === at)) low = middle + 1;
      else high = middle;
    }
    return low > 0 ? this.maxEnds[low - 1] : Number.NEGATIVE_INFINITY;
  }

  /** Whether one of the ranges shares a character with `range` (see `overlaps`). */
  overlaps(range: Range): boolean {
    return this.maxEndStarting(range.end, false) > range.start;
  }
}
