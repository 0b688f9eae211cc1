/**
 * What changed between two versions of a text and of its analysis, so that the extension host and the inference
 * process send each other only the edited part: an edit to one paragraph of a long paper moves a few hundred bytes,
 * not the whole text one way and every span back.
 */

import type { AnalysedSpan, Analysis } from './analyze';
import type { GlossaryEntry } from './types';

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
 * moved by the edit's shift; the glossary likewise, as a list delta, its definitions after the edit moved;
 * every other field as given.
 */
export interface AnalysisDelta extends Omit<Analysis, 'spans' | 'glossary'> {
  keepSpans: number;
  keepEndSpans: number;
  edit: EditPlace;
  spans: AnalysedSpan[];
  glossary: ListDelta<GlossaryEntry>;
}

/** `edit`: where the text changed, which moves the spans after it, and the definitions after it. */
export function diffAnalysis(previous: Analysis, next: Analysis, edit: EditPlace): AnalysisDelta {
  const { keep, keepEnd, items } = diffList(
    previous.spans,
    next.spans,
    (a, b) => sameSpan(a, b, 0),
    (a, b) => sameSpan(a, b, edit.shift),
  );
  const glossary = diffMovedList(previous.glossary, next.glossary, (entry) => moveEntry(entry, edit));
  return { ...next, keepSpans: keep, keepEndSpans: keepEnd, edit, spans: items, glossary };
}

export function applyAnalysisDelta(previous: Analysis, delta: AnalysisDelta): Analysis {
  const { keepSpans, keepEndSpans, edit, spans, glossary, ...rest } = delta;
  const moved = (span: AnalysedSpan) => ({
    ...span,
    start: span.start + edit.shift,
    end: span.end + edit.shift,
  });
  return {
    ...rest,
    spans: applyList(previous.spans, { keep: keepSpans, keepEnd: keepEndSpans, items: spans }, moved),
    glossary: applyMovedList(previous.glossary, glossary, (entry) => moveEntry(entry, edit)),
  };
}

/** A glossary entry of the previous text in the next one: its definitions moved where they lie after the edit. */
function moveEntry(entry: GlossaryEntry, edit: EditPlace): GlossaryEntry {
  const { definition, plural } = entry;
  return {
    ...entry,
    definition: definition && moveRange(definition, edit),
    ...(plural && { plural: { ...plural, definition: moveRange(plural.definition, edit) } }),
  };
}

/** The next list: the previous one's first `keep` items, then `items`, then its last `keepEnd` (moved). */
export interface ListDelta<T> {
  keep: number;
  keepEnd: number;
  items: T[];
}

/**
 * The longest unchanged head (`sameHead`) and tail (`sameTail`: the previous item, moved by the edit, is the
 * next one) of two lists, and what lies between them in the next one.
 */
export function diffList<T>(
  before: readonly T[],
  after: readonly T[],
  sameHead: (a: T, b: T) => boolean,
  sameTail: (a: T, b: T) => boolean,
): ListDelta<T> {
  const most = Math.min(before.length, after.length);
  let head = 0;
  while (head < most && sameHead(before[head], after[head])) head++;
  let tail = 0;
  while (tail < most - head && sameTail(before[before.length - 1 - tail], after[after.length - 1 - tail]))
    tail++;
  return { keep: head, keepEnd: tail, items: after.slice(head, after.length - tail) };
}

/**
 * `diffList` of a list whose items the edit may move wherever they stand in it: a glossary entry first in the
 * list may have its definition after the edit, and a diagnostic a related place. The previous items, each
 * moved, are compared with the next ones, head and tail alike (compared unmoved, one moved entry near the top
 * made every entry after it differ, and half the glossary went back after each edit).
 */
export function diffMovedList<T>(
  before: readonly T[],
  after: readonly T[],
  move: (item: T) => T,
): ListDelta<T> {
  const moved = before.map(move);
  return diffList(moved, after, samePlain, samePlain);
}

/** The next list from a `diffMovedList` delta: the previous items, each moved, changed as the delta says. */
export function applyMovedList<T>(before: readonly T[], delta: ListDelta<T>, move: (item: T) => T): T[] {
  return applyList(before.map(move), delta, (item) => item);
}

export function applyList<T>(before: readonly T[], delta: ListDelta<T>, move: (item: T) => T): T[] {
  if (delta.keep + delta.keepEnd > before.length) throw new Error('the list delta does not fit its base');
  return [
    ...before.slice(0, delta.keep),
    ...delta.items,
    ...before.slice(before.length - delta.keepEnd).map(move),
  ];
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

/** Puts `value` in as the most recent, and forgets the least recent past `limit`. */
export function rememberLatest<V>(map: Map<string, V>, key: string, value: V, limit = DELTA_DOCUMENTS): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > limit) map.delete(map.keys().next().value as string);
}

/** Whether two values of plain data (what JSON carries) are equal, field by field. */
export function samePlain(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) =>
    samePlain((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/** Where an edit was, for moving what lies after it: offsets from `from` on (in the previous text) move by `shift`. */
export interface EditPlace {
  from: number;
  shift: number;
}

/** Where the edit is that `delta` makes to a text `previousLength` long; `diffText` finds it when none is at hand. */
export function editPlace(previous: string, next: string, delta = diffText(previous, next)): EditPlace {
  return { from: previous.length - delta.keepEnd, shift: next.length - previous.length };
}

/** A range of the previous text in the next one, for ranges outside the edit. */
export function moveRange<R extends { start: number; end: number }>(range: R, edit: EditPlace): R {
  const at = (offset: number) => (offset >= edit.from ? offset + edit.shift : offset);
  return { ...range, start: at(range.start), end: at(range.end) };
}
