import type { Word } from '../types';

/**
 * A tokenizer in the manner of spaCy's English one, which PLOD-CW was split with:
 * text is cut at whitespace, then each chunk loses leading and trailing punctuation
 * one piece at a time, and what is left is cut at a few infixes (hyphens between words,
 * `/` between words, `.` glued between sentences).
 */

const SPACE = /[\s\u200B\u180E]/;
const PLAIN_WORD = /^[\p{L}\p{N}]+$/u;

const QUOTES = `'"”“\`‘´’‚„»«「」『』（）〔〕【】《》〈〉⟦⟧`;
const PUNCT = `,:;!?¿¡()[\\]{}<>_#*&。？！，、；：～·।،۔؛٪…`;
const PREFIX_CHAR = new RegExp(`^(?:[${PUNCT}${QUOTES}§%=—–\\p{Sc}\\p{So}])$`, 'u');
const SUFFIX_CHAR = new RegExp(`^(?:[${PUNCT}${QUOTES}%—–\\p{So}])$`, 'u');
const ELLIPSIS_START = /^(?:\.\.+|…)/;
const POSSESSIVE = /['’][sS]$/;
const NEGATION = /\p{L}(n['’]t)$/iu;
/** `NEGATION` looks at no more than the last five code units (an astral letter, then `n't`). */
const NEGATION_REACH = 5;
const PERIOD_AFTER = new RegExp(`[0-9\\p{Ll}%²+\\-${PUNCT}${QUOTES}]`, 'u');
const UPPER = /\p{Lu}/u;
const URL_START = /^(?:(?:https?|ftp):\/\/|www\.)\S/i;
/** `URL_START` looks at no more than the first nine characters (`https://` and one more). */
const URL_START_REACH = 9;
const URL_TRAILER = /[.,;:!?'"”’)\]}>]$/;

const INFIX = new RegExp(
  [
    String.raw`\.\.+|…`,
    String.raw`\p{So}`,
    String.raw`(?<=[0-9])[+\-*^](?=[0-9-])`,
    String.raw`(?<=[\p{Ll}${QUOTES}])\.(?=[\p{Lu}${QUOTES}])`,
    String.raw`(?<=\p{L}),(?=\p{L})`,
    String.raw`(?<=[\p{L}0-9])(?:---|--|——|[-–—~])(?=\p{L})`,
    String.raw`(?<=[\p{L}0-9])[:<>=/](?=\p{L})`,
  ].join('|'),
  'gu',
);

const SPECIAL = new Set([
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => `${c}.`),
  ...['e.g.', 'E.g.', 'E.G.', 'i.e.', 'I.e.', 'I.E.', 'a.m.', 'p.m.', 'vs.', 'v.s.', 'Ph.D.', 'D.C.', 'U.S.'],
  ...['Dr.', 'Mr.', 'Mrs.', 'Ms.', 'Prof.', 'St.', 'Jr.', 'Inc.', 'Ltd.', 'Co.', 'Corp.'],
  ...["'s", '’s', 'and/or', '...'],
]);
const LONGEST_SPECIAL = Math.max(...[...SPECIAL].map((special) => special.length));

/** Split `text` into PLOD-style words; offsets are shifted by `offset`. */
export function splitWords(text: string, offset = 0): Word[] {
  const words: Word[] = [];
  const push = (start: number, end: number): void => {
    if (end > start) words.push({ start: start + offset, end: end + offset, text: text.slice(start, end) });
  };
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const start = i;
    let plain = true;
    for (; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (isSpace(code)) break;
      if (plain && !isAsciiAlphanumeric(code)) plain = false;
    }
    if (plain || PLAIN_WORD.test(text.slice(start, i))) push(start, i);
    else splitChunk(text, start, i, push);
  }
  return words;
}

function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  return SPACE.test(String.fromCharCode(code));
}

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

type Push = (start: number, end: number) => void;

/**
 * Cuts one chunk of non-space text, a piece off either end at a time. Every test below looks at the ends of
 * what is left, never along all of it, so that a chunk of 100,000 brackets is cut in linear time.
 */
function splitChunk(text: string, chunkStart: number, chunkEnd: number, push: Push): void {
  let start = chunkStart;
  let end = chunkEnd;
  const suffixes: number[] = [];
  const email = new EmailShape(text, chunkStart, chunkEnd);
  while (start < end) {
    const core = text.slice(start, end);
    if (core.length <= LONGEST_SPECIAL && SPECIAL.has(core)) break;
    if (URL_START.test(core.slice(0, URL_START_REACH)) || email.is(start, end)) {
      end = stripUrlTrailers(text, start, end, suffixes);
      break;
    }
    const prefix = prefixLength(core);
    if (prefix > 0) {
      push(start, start + prefix);
      start += prefix;
      continue;
    }
    const suffix = suffixLength(core);
    if (suffix > 0) {
      suffixes.push(end - suffix);
      end -= suffix;
      continue;
    }
    splitInfixes(text, start, end, push);
    start = end;
  }
  push(start, end);
  let suffixEnd = chunkEnd;
  const bounds = suffixes.map((s) => {
    const piece: [number, number] = [s, suffixEnd];
    suffixEnd = s;
    return piece;
  });
  for (let i = bounds.length - 1; i >= 0; i--) push(bounds[i][0], bounds[i][1]);
}

function firstCodePoint(s: string): string {
  return String.fromCodePoint(s.codePointAt(0) ?? 0);
}

function lastCodePoint(s: string): string {
  const last = s.charCodeAt(s.length - 1);
  const isLowSurrogate = last >= 0xdc00 && last <= 0xdfff;
  return isLowSurrogate && s.length > 1 ? s.slice(-2) : s.slice(-1);
}

function prefixLength(core: string): number {
  const ellipsis = ELLIPSIS_START.exec(core);
  if (ellipsis) return ellipsis[0].length;
  const first = firstCodePoint(core);
  if (PREFIX_CHAR.test(first)) return first.length;
  if (first === '+' && !/^\+[0-9]/.test(core)) return 1;
  return 0;
}

function suffixLength(core: string): number {
  const ellipsis = ellipsisAtEnd(core);
  if (ellipsis > 0 && ellipsis < core.length) return ellipsis;
  if (POSSESSIVE.test(core.slice(-2)) && core.length > 2) return 2;
  const negation = NEGATION.exec(core.slice(-NEGATION_REACH));
  if (negation) return negation[1].length;
  const last = lastCodePoint(core);
  if (SUFFIX_CHAR.test(last)) return last.length;
  if (core.length < 2) return 0;
  const before = lastCodePoint(core.slice(0, -1));
  if (last === '+' && /[0-9]/.test(before)) return 1;
  if (last !== '.') return 0;
  if (PERIOD_AFTER.test(before)) return 1;
  const twoBefore = core.length >= 3 ? core[core.length - 3] : '';
  return UPPER.test(before) && UPPER.test(twoBefore) ? 1 : 0;
}

/** The length of the ellipsis (`..`, `...`, `…`) that `core` ends with, or 0. */
function ellipsisAtEnd(core: string): number {
  if (core.endsWith('…')) return 1;
  let dots = 0;
  while (dots < core.length && core[core.length - 1 - dots] === '.') dots++;
  return dots >= 2 ? dots : 0;
}

const OPENER_OF: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** Strips closing punctuation off a URL, but not a bracket that closes one opened inside the URL. */
function stripUrlTrailers(text: string, start: number, end: number, suffixes: number[]): number {
  const brackets = new Map<string, number>();
  for (let i = start; i < end; i++) {
    if ('()[]{}'.includes(text[i])) brackets.set(text[i], (brackets.get(text[i]) ?? 0) + 1);
  }
  const count = (char: string): number => brackets.get(char) ?? 0;
  while (end > start + 1 && URL_TRAILER.test(text[end - 1])) {
    const closer = text[end - 1];
    const opener = OPENER_OF[closer];
    if (opener && count(opener) >= count(closer)) break;
    if (opener) brackets.set(closer, count(closer) - 1);
    suffixes.push(end - 1);
    end--;
  }
  return end;
}

/**
 * Whether a piece of a chunk is an e-mail address, `^[\w.+-]+@[\w-]+\.[\w.-]+$` (ASCII `\w`), answered from
 * facts about the chunk gathered once, since the piece is asked about again each time the chunk loses an end.
 * Nothing cut off a chunk is an `@`, so a chunk holds an address only if it has exactly one `@`.
 */
class EmailShape {
  /** The chunk's only `@`, or -1 if it has none or several. */
  private readonly at: number = -1;
  /** The last character before the `@` that cannot be in the local part. */
  private lastBadLocal = -1;
  /** The first character after the `@` that cannot be in the domain. */
  private firstBadDomain = -1;
  /** The first `.` after the `@`. */
  private firstDot = -1;

  constructor(
    private readonly text: string,
    chunkStart: number,
    chunkEnd: number,
  ) {
    for (let i = chunkStart; i < chunkEnd; i++) {
      if (text[i] !== '@') continue;
      if (this.at >= 0) {
        this.at = -1;
        return;
      }
      this.at = i;
    }
    if (this.at < 0) return;
    for (let i = chunkStart; i < this.at; i++) if (!isLocalPartChar(text[i])) this.lastBadLocal = i;
    this.firstBadDomain = chunkEnd;
    for (let i = chunkEnd - 1; i > this.at; i--) {
      if (!isDomainChar(text[i])) this.firstBadDomain = i;
      else if (text[i] === '.') this.firstDot = i;
    }
  }

  /** Whether `text[start, end)` is an address. */
  is(start: number, end: number): boolean {
    const { at } = this;
    if (at < start || at >= end) return false;
    const localPart = start < at && this.lastBadLocal < start;
    const domainStart = at + 1 < end && isDomainChar(this.text[at + 1]) && this.text[at + 1] !== '.';
    const domain = this.firstBadDomain >= end && this.firstDot >= 0 && this.firstDot < end - 1;
    return localPart && domainStart && domain;
  }
}

function isWordChar(char: string): boolean {
  return isAsciiAlphanumeric(char.charCodeAt(0)) || char === '_';
}

function isLocalPartChar(char: string): boolean {
  return isWordChar(char) || char === '.' || char === '+' || char === '-';
}

function isDomainChar(char: string): boolean {
  return isWordChar(char) || char === '.' || char === '-';
}

function splitInfixes(text: string, start: number, end: number, push: Push): void {
  const core = text.slice(start, end);
  let from = 0;
  for (const match of core.matchAll(INFIX)) {
    const at = match.index;
    const length = match[0].length;
    if (length === 0 || at === 0) continue;
    push(start + from, start + at);
    push(start + at, start + at + length);
    from = at + length;
  }
  push(start + from, end);
}
