/**
 * What changed between two versions of a text and of its analysis, so that the extension host and the inference
 * process send each other only the edited part: an edit to one paragraph of a long paper moves a few hundred bytes,
 * not the whole text one way and every span back.
 */

import type { AnalysedSpan, Analysis } from './analyze';

/** The next text: `keepStart` characters of the previous one, then `insert`, then its last `keepEnd`. */
export interface TextDelta {
  keepStart: number;
  keepEnd: number;
  insert: string;
}

export function diffText(previous: string, next: string): TextDelta {
  const most = Math.min(previous.length, next.length);
  let start = 0;
  while (start < most && previous.charCodeAt(start) === next.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < most - start &&
    previous.charCodeAt(previous.length - 1 - end) === next.charCodeAt(next.length - 1 - end)
  )
    end++;
  return { keepStart: start, keepEnd: end, insert: next.slice(start, next.length - end) };
}

export function applyTextDelta(previous: string, delta: TextDelta): string {
  if (delta.keepStart + delta.keepEnd > previous.length)
    throw new Error('the text delta does not fit its base');
  return previous.slice(0, delta.keepStart) + delta.insert + previous.slice(previous.length - delta.keepEnd);
}

/**
 * The next analysis: the previous one's first `keepSpans` spans, then `spans`, then its last `keepEndSpans`
 * moved by `shift` characters; every other field as given.
 */
export interface AnalysisDelta extends Omit<Analysis, 'spans'> {
  keepSpans: number;
  keepEndSpans: number;
  shift: number;
  spans: AnalysedSpan[];
}

/** `shift`: how much longer the next text is than the previous one, which moves the spans after the edit. */
export function diffAnalysis(previous: Analysis, next: Analysis, shift: number): AnalysisDelta {
  const before = previous.spans;
  const after = next.spans;
  const most = Math.min(before.length, after.length);
  let head = 0;
  while (head < most && sameSpan(before[head], after[head], 0)) head++;
  let tail = 0;
  while (
    tail < most - head &&
    sameSpan(before[before.length - 1 - tail], after[after.length - 1 - tail], shift)
  )
    tail++;
  return {
    ...next,
    keepSpans: head,
    keepEndSpans: tail,
    shift,
    spans: after.slice(head, after.length - tail),
  };
}

export function applyAnalysisDelta(previous: Analysis, delta: AnalysisDelta): Analysis {
  const { keepSpans, keepEndSpans, shift, spans, ...rest } = delta;
  const before = previous.spans;
  if (keepSpans + keepEndSpans > before.length) throw new Error('the analysis delta does not fit its base');
  const moved = before
    .slice(before.length - keepEndSpans)
    .map((span) => ({ ...span, start: span.start + shift, end: span.end + shift }));
  return { ...rest, spans: [...before.slice(0, keepSpans), ...spans, ...moved] };
}

/** Equal but for `start` and `end`, which `b` has `shift` further on; every other field compared, whatever it is. */
function sameSpan(a: AnalysedSpan, b: AnalysedSpan, shift: number): boolean {
  if (a.start + shift !== b.start || a.end + shift !== b.end) return false;
  const keys = Object.keys(a) as (keyof AnalysedSpan)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => key === 'start' || key === 'end' || a[key] === b[key]);
}

/**
 * How many documents each side keeps the last text and analysis of, for deltas: more than anyone edits at once.
 * A document forgotten on either side is sent whole again.
 */
export const DELTA_DOCUMENTS = 32;

/** Puts `value` in as the most recent, and forgets the least recent past `DELTA_DOCUMENTS`. */
export function rememberLatest<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > DELTA_DOCUMENTS) map.delete(map.keys().next().value as string);
}
