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
 * The next analysis: the previous one's spans and glossary changed as their list deltas say, every span and
 * definition kept moved where it lies after the edit; every other field as given.
 */
export interface AnalysisDelta extends Omit<Analysis, 'spans' | 'glossary'> {
  edit: EditPlace;
  spans: ListDelta<AnalysedSpan>;
  glossary: ListDelta<GlossaryEntry>;
}

/** `edit`: where the text changed, which moves the spans after it, and the definitions after it. */
export function diffAnalysis(previous: Analysis, next: Analysis, edit: EditPlace): AnalysisDelta {
  const spans = diffList(previous.spans, next.spans, (a, b) => sameMovedSpan(a, b, edit));
  const glossary = diffMovedPlain(previous.glossary, next.glossary, edit);
  return { ...next, edit, spans, glossary };
}

export function applyAnalysisDelta(previous: Analysis, delta: AnalysisDelta): Analysis {
  const { edit, spans, glossary, ...rest } = delta;
  return {
    ...rest,
    spans: applyList(previous.spans, spans, (span) => moveSpan(span, edit)),
    glossary: applyMovedPlain(previous.glossary, glossary, edit),
  };
}

/**
 * The next list: the previous one (`length` items long) with each hunk's `remove` items from `at` on replaced
 * by its `items`, and every item kept moved by the edit.
 */
export interface ListDelta<T> {
  length: number;
  hunks: ListHunk<T>[];
}

export interface ListHunk<T> {
  at: number;
  remove: number;
  items: T[];
}

/**
 * Edits in more places than this between two lists are sent as one hunk, from the first change to the last:
 * an edit changes a few places (the paragraph, and a finding or two far off that it settles), not hundreds.
 */
const MOST_HUNK_EDITS = 64;

/**
 * The hunks that turn `before` into `after`, where `same(a, b)` says that item `a`, moved by the edit, is `b`.
 * The common head and tail are kept; between them, the fewest insertions and removals (Myers' O(ND) diff), so
 * that a finding far from the edit that it changed costs one item, not every item between the two places.
 */
export function diffList<T>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
): ListDelta<T> {
  const most = Math.min(before.length, after.length);
  let head = 0;
  while (head < most && same(before[head], after[head])) head++;
  let tail = 0;
  while (tail < most - head && same(before[before.length - 1 - tail], after[after.length - 1 - tail])) tail++;
  const hunks = middleHunks(before, after, head, before.length - tail, after.length - tail, same);
  return { length: before.length, hunks };
}

/** The hunks between `before[head, endBefore)` and `after[head, endAfter)`, found by Myers' greedy search. */
function middleHunks<T>(
  before: readonly T[],
  after: readonly T[],
  head: number,
  endBefore: number,
  endAfter: number,
  same: (a: T, b: T) => boolean,
): ListHunk<T>[] {
  const n = endBefore - head;
  const m = endAfter - head;
  if (n === 0 && m === 0) return [];
  const whole = [{ at: head, remove: n, items: after.slice(head, endAfter) }];
  if (n === 0 || m === 0) return whole;
  const most = Math.min(n + m, MOST_HUNK_EDITS);
  const offset = most + 1;
  // reach[offset + k]: how far along `before` the furthest path on diagonal k (x - y) has come.
  const reach = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= most; d++) {
    trace.push(reach.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && reach[offset + k - 1] < reach[offset + k + 1]);
      let x = down ? reach[offset + k + 1] : reach[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && same(before[head + x], after[head + y])) {
        x++;
        y++;
      }
      reach[offset + k] = x;
      if (x >= n && y >= m) return hunksOfPath(trace, offset, d, n, m, head, after);
    }
  }
  return whole;
}

/** Walks the search back from (n, m), then gathers each run of removals and insertions into a hunk. */
function hunksOfPath<T>(
  trace: Int32Array[],
  offset: number,
  last: number,
  n: number,
  m: number,
  head: number,
  after: readonly T[],
): ListHunk<T>[] {
  // Each step back: the insertion of after[y] or the removal of before[x], at x in `before`.
  const steps: { x: number; insert: number | null }[] = [];
  let x = n;
  let y = m;
  for (let d = last; d > 0; d--) {
    const reach = trace[d];
    const k = x - y;
    const down = k === -d || (k !== d && reach[offset + k - 1] < reach[offset + k + 1]);
    const fromX = reach[offset + (down ? k + 1 : k - 1)];
    const fromY = fromX - (down ? k + 1 : k - 1);
    steps.push({ x: fromX, insert: down ? fromY : null });
    x = fromX;
    y = fromY;
  }
  const hunks: ListHunk<T>[] = [];
  for (const step of steps.reverse()) {
    let hunk = hunks.at(-1);
    if (!hunk || hunk.at + hunk.remove !== head + step.x) {
      hunk = { at: head + step.x, remove: 0, items: [] };
      hunks.push(hunk);
    }
    if (step.insert === null) hunk.remove++;
    else hunk.items.push(after[head + step.insert]);
  }
  return hunks;
}

/** The next list from a `diffList` delta: each item kept moved by `move`, each hunk's items put in. */
export function applyList<T>(before: readonly T[], delta: ListDelta<T>, move: (item: T) => T): T[] {
  if (delta.length !== before.length) throw new Error('the list delta does not fit its base');
  const next: T[] = [];
  let cursor = 0;
  for (const { at, remove, items } of delta.hunks) {
    if (at < cursor || remove < 0 || at + remove > before.length)
      throw new Error('the list delta does not fit its base');
    for (; cursor < at; cursor++) next.push(move(before[cursor]));
    for (const item of items) next.push(item);
    cursor = at + remove;
  }
  for (; cursor < before.length; cursor++) next.push(move(before[cursor]));
  return next;
}

/** A span of the previous text in the next one: moved by the edit if it lies after it, else the same object. */
function moveSpan(span: AnalysedSpan, edit: EditPlace): AnalysedSpan {
  if (span.end < edit.from || edit.shift === 0) return span;
  return { ...span, start: movedOffset(span.start, edit), end: movedOffset(span.end, edit) };
}

/** Whether `a`, moved by the edit, is `b`: every field compared, whatever it is, and nothing allocated. */
function sameMovedSpan(a: AnalysedSpan, b: AnalysedSpan, edit: EditPlace): boolean {
  if (movedOffset(a.start, edit) !== b.start || movedOffset(a.end, edit) !== b.end) return false;
  let fields = 0;
  for (const key in a) {
    fields++;
    if (key !== 'start' && key !== 'end' && a[key as keyof AnalysedSpan] !== b[key as keyof AnalysedSpan])
      return false;
  }
  for (const key in b) if (key) fields--;
  return fields === 0;
}

function movedOffset(offset: number, edit: EditPlace): number {
  return offset >= edit.from ? offset + edit.shift : offset;
}

/**
 * The list delta between two lists of plain data whose every range (an object with a numeric `start` and
 * `end`) the edit moves, wherever it stands in them: a glossary entry first in the list may have its definition
 * after the edit, and a diagnostic a related place. Each previous item is compared as if moved, head and tail
 * alike (compared unmoved, one moved entry near the top made every entry after it differ), and nothing is
 * allocated for it: the comparisons ran over every diagnostic of a long paper on each edit.
 */
export function diffMovedPlain<T>(before: readonly T[], after: readonly T[], edit: EditPlace): ListDelta<T> {
  return diffList(before, after, (a, b) => sameMovedPlain(a, b, edit));
}

/** The next list from a `diffMovedPlain` delta: the items kept, each range in them moved. */
export function applyMovedPlain<T>(before: readonly T[], delta: ListDelta<T>, edit: EditPlace): T[] {
  return applyList(before, delta, (item) => movePlain(item, edit));
}

function isRange(value: object): value is { start: number; end: number } {
  const { start, end } = value as { start?: unknown; end?: unknown };
  return typeof start === 'number' && typeof end === 'number';
}

/** Plain data with each range in it moved by the edit; the same object where nothing in it moves. */
export function movePlain<T>(value: T, edit: EditPlace): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item: unknown, i) => {
      const moved = movePlain(item, edit);
      if (moved !== item) (copy ??= [...value])[i] = moved;
    });
    return (copy ?? value) as T;
  }
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key in record) {
    const moved = movePlain(record[key], edit);
    if (moved !== record[key]) (copy ??= { ...record })[key] = moved;
  }
  if (isRange(value)) {
    const [start, end] = [movedOffset(value.start, edit), movedOffset(value.end, edit)];
    if (start !== value.start || end !== value.end) Object.assign((copy ??= { ...record }), { start, end });
  }
  return (copy ?? value) as T;
}

/** Whether `movePlain(a, edit)` would equal `b`, field by field, worked out without moving anything. */
export function sameMovedPlain(a: unknown, b: unknown, edit: EditPlace): boolean {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameMovedPlain(a[i], b[i], edit)) return false;
    return true;
  }
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const range = isRange(a);
  let fields = 0;
  // Plain data has no inherited fields: `for…in` walks its own, without the array Object.keys would make.
  for (const key in x) {
    fields++;
    const other = y[key];
    if (other === undefined && !(key in y)) return false;
    if (range && (key === 'start' || key === 'end')) {
      if (movedOffset(x[key] as number, edit) !== other) return false;
    } else if (!sameMovedPlain(x[key], other, edit)) return false;
  }
  for (const key in y) if (key) fields--;
  return fields === 0;
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

/** Where an edit was, for moving what lies after it: offsets from `from` on (in the previous text) move by `shift`. */
export interface EditPlace {
  from: number;
  shift: number;
}

/** Where the edit is that `delta` makes to a text `previousLength` long; `diffText` finds it when none is at hand. */
export function editPlace(previous: string, next: string, delta = diffText(previous, next)): EditPlace {
  return { from: previous.length - delta.keepEnd, shift: next.length - previous.length };
}
