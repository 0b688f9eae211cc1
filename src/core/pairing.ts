/** Linking long forms to abbreviations, carrying the link to later mentions, and the glossary. */

import { byStart, rangeKey, SortedRanges } from './ranges';
import { splitParagraphs } from './text/paragraphs';
import { knownSingular, pluralEndings, singular } from './text/plural';
import type { GlossaryEntry, Range, Span } from './types';
import { joinHyphenated, noiseReason } from './review';
import { withFoundDefinitions } from './definitions';

export interface Definition {
  short: string;
  long: string;
  shortSpan: Span;
  longSpan: Span;
}

const ALNUM = /[\p{L}\p{N}]/u;

function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && ALNUM.test(ch);
}

/**
 * Schwartz & Hearst (2003): matches the short form's letters and digits right to left inside `long`, the
 * first one at a word start. Returns the offset in `long` where the long form starts, or -1 if it fails.
 */
export function schwartzHearstStart(short: string, long: string): number {
  let l = long.length - 1;
  for (let s = short.length - 1; s >= 0; s--) {
    const ch = short[s].toLowerCase();
    if (!isAlnum(ch)) continue;
    while (l >= 0 && (long[l].toLowerCase() !== ch || (s === 0 && l > 0 && isAlnum(long[l - 1])))) l--;
    if (l < 0) return -1;
    l--;
  }
  return l + 1;
}

/** Joins consecutive spans into one when `joinable(gap)` holds for the text between them. */
function mergeRuns(text: string, spans: readonly Span[], joinable: (gap: string) => boolean): Span[] {
  const runs: Span[][] = [];
  for (const span of spans) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (last && span.start >= last.end && joinable(text.slice(last.end, span.start))) run.push(span);
    else runs.push([span]);
  }
  return runs.map((run) => {
    const start = run[0].start;
    const end = run[run.length - 1].end;
    const score = run.reduce((total, span) => total + span.score, 0) / run.length;
    return { label: run[0].label, start, end, text: text.slice(start, end), score };
  });
}

const OPENING_GAP = /^\s*[([]\s*$/;
/** `AC (after long form, …)`: a connecting word after the bracket, before a long form whose letters match. */
/** Words that bring in a long form inside the bracket after its abbreviation. */
const CONNECTING_WORDS = String.raw`(?:after|for|from|short for|standing for|meaning|i\.e\.,?)`;
const CONNECTED_GAP = new RegExp(String.raw`^\s*[([]\s*${CONNECTING_WORDS}\s+$`, 'i');
const CLOSING_AFTER = /^\s*[)\];,]/;
const GLOSSARY_GAP = /^\s*[:=,]\s*$/;
const GLOSSARY_END = /^\s*([;,.([]|$)/;
const CLOSING_GAP = /^\s*[)\]]\s*$/;
const OPENING_BEFORE = /[([]\s*$/;

/** How well a candidate pair fits: 2 if the short form's letters match the long form, 1 if only the first letter does. */
function matchQuality(short: string, long: string): number {
  if (schwartzHearstStart(short, long) >= 0) return 2;
  const first = [...short].find((ch) => isAlnum(ch));
  return first !== undefined && long.toLowerCase().startsWith(first.toLowerCase()) ? 1 : 0;
}

/**
 * The rank of a pairing of two neighbouring spans, higher is better, or -1 if they do not pair. A bracket pair
 * (`long form (AC)`, `AC (long form)`) with a closing mark after the inner span pairs whatever the letters; a
 * bracket pair whose letters match may go on inside the bracket (`(cHP n = 46)`); a glossary item
 * (`AC: long form;`, `AC, long form.`, `AC = long form (unit)`) needs matching letters; so does the
 * abbreviation in brackets before its long form (`(PAE) predicted aligned error`), which ranks last.
 */
function pairRank(text: string, outer: Span, inner: Span, quality: number): number {
  const gap = text.slice(outer.end, inner.start);
  const after = text.slice(inner.end, inner.end + 64);
  if (OPENING_GAP.test(gap) && (quality === 2 || CLOSING_AFTER.test(after))) return 2 * quality + 1;
  if (outer.label === 'AC' && quality === 2 && CONNECTED_GAP.test(gap) && CLOSING_AFTER.test(after)) return 3;
  if (outer.label === 'AC' && quality === 2 && GLOSSARY_GAP.test(gap) && GLOSSARY_END.test(after))
    return 2 * quality;
  const before = text.slice(Math.max(0, outer.start - 8), outer.start);
  if (outer.label === 'AC' && quality === 2 && CLOSING_GAP.test(gap) && OPENING_BEFORE.test(before)) return 3;
  return -1;
}

/**
 * Pairs each LF span with a neighbouring AC span: `long form (AC)` and `AC (long form)`, with `[` for `(`, and
 * `)`, `]`, `,` or `;` after the inner one (as in `stomatal conductance (gs, mol m-2 s-1)`); also glossary
 * items `AC: long form;` and `(AC) long form`. Several AC spans separated only by spaces count as one short form. Bracket pairs are
 * accepted even when the letters do not match, but when a span could pair two ways the better letter match
 * (Schwartz–Hearst) wins, and a bracket pair beats a glossary item.
 */
export function findDefinitions(text: string, spans: readonly Span[]): Definition[] {
  const shorts = mergeRuns(text, spans.filter((span) => span.label === 'AC').sort(byStart), (gap) =>
    /^\s*$/.test(gap),
  );
  const items = [...shorts, ...spans.filter((span) => span.label === 'LF')].sort(byStart);

  const candidates: { definition: Definition; rank: number; index: number }[] = [];
  for (let i = 0; i + 1 < items.length; i++) {
    const [outer, inner] = [items[i], items[i + 1]];
    if (outer.label === inner.label || inner.start < outer.end) continue;
    const [shortSpan, longSpan] = outer.label === 'AC' ? [outer, inner] : [inner, outer];
    const rank = pairRank(text, outer, inner, matchQuality(shortSpan.text, longSpan.text));
    if (rank < 0) continue;
    const definition = { short: shortSpan.text, long: longSpan.text, shortSpan, longSpan };
    candidates.push({ definition, rank, index: candidates.length });
  }

  const used = new Set<Span>();
  const chosen: { definition: Definition; index: number }[] = [];
  for (const candidate of [...candidates].sort((a, b) => b.rank - a.rank || a.index - b.index)) {
    const { shortSpan, longSpan } = candidate.definition;
    if (used.has(shortSpan) || used.has(longSpan)) continue;
    used.add(shortSpan);
    used.add(longSpan);
    chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.index - b.index).map((c) => c.definition);
}

/**
 * One entry per abbreviation (plural folded), in order of first mention. A mention is a run of touching AC
 * spans (`TR` + `-FRET`), or a definition's short form. `count` includes the mention in the definition. A
 * mention is keyed by its `singular`, or by the defined abbreviation it is a plural of (`mAbs` of `mAb`).
 */
export function buildGlossary(
  text: string,
  spans: readonly Span[],
  definitions: readonly Definition[],
): GlossaryEntry[] {
  const definedShorts = definitions.map((d) => d.shortSpan);
  const inDefinition = containedIn(definedShorts);
  const mentions = mergeRuns(
    text,
    spans.filter((span) => span.label === 'AC' && !inDefinition(span)).sort(byStart),
    (gap) => gap === '',
  );
  const seen = new Set<string>();
  const uniqueDefinedShorts = definedShorts.filter((d) => {
    const key = rangeKey(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const allMentions = [...mentions, ...uniqueDefinedShorts].sort(byStart);

  const firstDefinition = new Map<string, Definition>();
  for (const definition of [...definitions].sort((a, b) => byStart(a.shortSpan, b.shortSpan))) {
    const key = singular(definition.short);
    if (!firstDefinition.has(key)) firstDefinition.set(key, definition);
  }

  const isDefined = (short: string) => firstDefinition.has(short);
  const entries = new Map<string, GlossaryEntry>();
  for (const mention of allMentions) {
    const key = knownSingular(mention.text, isDefined) ?? singular(mention.text);
    const entry = entries.get(key);
    if (entry) {
      entry.count++;
      continue;
    }
    const definition = firstDefinition.get(key);
    entries.set(key, {
      short: key,
      long: definition?.long ?? null,
      count: 1,
      definition: definition ? { start: definition.longSpan.start, end: definition.longSpan.end } : null,
    });
  }
  return [...entries.values()];
}

/** Whether one of `ranges` contains a span: one starts at or before it and ends at or after it. */
function containedIn(ranges: readonly { start: number; end: number }[]): (span: Span) => boolean {
  const sorted = new SortedRanges(ranges);
  return (span) => sorted.maxEndStarting(span.start, true) >= span.end;
}

/**
 * The places taken by `spans` and by the mentions added since: whether a range overlaps one is a binary search
 * among the spans and a look at the characters the mentions cover, not a walk through all of them. An empty
 * mention (of an empty short form) is rare enough to be checked against `result` the slow way.
 */
class TakenPlaces {
  private readonly given: SortedRanges;
  private covered: Uint8Array | null = null;
  private readonly emptyMentions: number[] = [];

  constructor(
    private readonly text: string,
    spans: readonly Span[],
    private readonly result: readonly Span[],
  ) {
    this.given = new SortedRanges(spans);
  }

  overlap(start: number, end: number): boolean {
    if (start === end) return this.result.some((span) => span.start < end && start < span.end);
    if (this.given.maxEndStarting(end, false) > start) return true;
    const { covered } = this;
    if (covered) for (let at = start; at < end; at++) if (covered[at]) return true;
    return this.emptyMentions.some((at) => start < at && at < end);
  }

  take(start: number, end: number): void {
    if (start === end) this.emptyMentions.push(start);
    else (this.covered ??= new Uint8Array(this.text.length)).fill(1, start, end);
  }
}

/**
 * Adds an AC span at every whole-word occurrence of a defined short form (or its plural, see `pluralEndings`)
 * that no existing span overlaps, scored like the definition's short form. Returns all spans sorted by start.
 */
export function propagateMentions(
  text: string,
  spans: readonly Span[],
  definitions: readonly Definition[],
): Span[] {
  const scoreOf = new Map<string, number>();
  for (const definition of definitions) {
    const short = singular(definition.short);
    if (!scoreOf.has(short)) scoreOf.set(short, definition.shortSpan.score);
  }
  return propagateWritten(text, spans, scoreOf);
}

/**
 * Adds an AC span, with the given score, at every whole-word occurrence of each short form (or its plural)
 * that no existing span overlaps. Returns all spans sorted by start. One pass over the text's words: each word
 * looks up the short forms that start with it (or with it less a plural ending), so that n short forms cost no
 * more than one, and where two could match at one place the longer wins.
 */
export function propagateWritten(
  text: string,
  spans: readonly Span[],
  scoreOf: ReadonlyMap<string, number>,
): Span[] {
  const byHead = new Map<string, string[]>();
  for (const short of scoreOf.keys()) {
    const head = /^[\p{L}\p{N}]+/u.exec(short)?.[0];
    if (!head) continue;
    const list = byHead.get(head) ?? [];
    list.push(short);
    byHead.set(head, list);
  }
  for (const list of byHead.values()) list.sort((a, b) => b.length - a.length);
  const result = [...spans];
  const taken = new TakenPlaces(text, spans, result);
  const takeFirst = (shorts: readonly string[], start: number): boolean => {
    for (const short of shorts) {
      const end = writtenEnd(text, start, short);
      if (end < 0 || taken.overlap(start, end)) continue;
      result.push({ label: 'AC', start, end, text: text.slice(start, end), score: scoreOf.get(short) ?? 0 });
      taken.take(start, end);
      return true;
    }
    return false;
  };
  for (const paragraph of splitParagraphs(text)) {
    const words = paragraphWords(text.slice(paragraph.start, paragraph.end));
    for (let i = 0; i < words.offsets.length; i++) {
      // The word itself, or less a plural ending of one or two letters; most words start no short form.
      for (const head of words.heads[i]) {
        const shorts = byHead.get(head);
        if (shorts && takeFirst(shorts, paragraph.start + words.offsets[i])) break;
      }
    }
  }
  return result.sort(byStart);
}

/**
 * A paragraph's words (letters and digits) and the heads a short form written there may have: the word, and the
 * word less its last one or two characters (a plural ending). Kept while the paragraph's text is unchanged, and
 * whatever the short forms are: an edit that defines a new abbreviation reads only the edited paragraph again.
 */
interface ParagraphWords {
  offsets: number[];
  heads: string[][];
}
const wordsByParagraph = new Map<string, ParagraphWords>();
const CACHED_PARAGRAPHS = 5000;

function paragraphWords(paragraph: string): ParagraphWords {
  const cached = wordsByParagraph.get(paragraph);
  if (cached) return cached;
  const words: ParagraphWords = { offsets: [], heads: [] };
  for (const match of paragraph.matchAll(/[\p{L}\p{N}]+/gu)) {
    const token = match[0];
    const heads = [token];
    for (let cut = 1; cut <= 2 && cut < token.length; cut++) heads.push(token.slice(0, -cut));
    words.offsets.push(match.index);
    words.heads.push(heads);
  }
  if (wordsByParagraph.size >= CACHED_PARAGRAPHS) wordsByParagraph.clear();
  wordsByParagraph.set(paragraph, words);
  return words;
}

/** Where `short`, or its plural, written at `start` as a whole word ends; -1 when it is not written there. */
function writtenEnd(text: string, start: number, short: string): number {
  if (!text.startsWith(short, start)) return -1;
  const end = start + short.length;
  for (const ending of ['', ...pluralEndings(short)].reverse()) {
    if (ending && !text.startsWith(ending, end)) continue;
    if (!isAlnum(text[end + ending.length])) return end + ending.length;
  }
  return -1;
}

const SPELLED = /^[A-Za-z]{2,8}$/;
const WORD_AFTER = /^([\s-]+)([A-Za-z]+)/;

/**
 * Long forms the tagger missed beside an abbreviation in brackets, where the words' initials spell the
 * abbreviation exactly, one word per letter, in order (Schwartz & Hearst's candidates, held to their
 * strictest): `(PAE) predicted aligned error`, `Internet of Things (IoT)`, `PAE (predicted aligned error)`. The abbreviation must have two
 * capitals or more (a plural `s` aside), and a long form in capitals (`AS IS (ASI)`) is not one. Only where no
 * LF span already sits beside the bracket; each gets the abbreviation's score.
 */
export function inferLongForms(text: string, spans: readonly Span[]): Span[] {
  const lfs = spans.filter((s) => s.label === 'LF');
  const taken = (start: number, end: number) => lfs.some((s) => s.start < end + 3 && start - 3 < s.end);
  const found: Span[] = [];
  for (const ac of spans) {
    if (ac.label !== 'AC') continue;
    const letters = ac.text.replace(/(?<=[A-Z])s$/, '');
    if (!SPELLED.test(letters) || (letters.match(/[A-Z]/g) ?? []).length < 2) continue;
    const before = /[([]\s*$/.exec(text.slice(Math.max(0, ac.start - 4), ac.start));
    const after = /^\s*[)\]]/.exec(text.slice(ac.end, ac.end + 4));
    const candidates: (PlainWord[] | null)[] = [];
    if (before && after) {
      const open = ac.start - before[0].length;
      const close = ac.end + after[0].length;
      candidates.push(wordsBefore(text, open, letters.length), wordsAfter(text, close, letters.length));
    } else {
      // `AC (long form)`: the words fill the bracket.
      const bracket = /^[ \t]*[([]/.exec(text.slice(ac.end, ac.end + 4));
      const words = bracket && wordsAfter(text, ac.end + bracket[0].length - 1, letters.length, true);
      if (words && /^\s*[)\]]/.test(text.slice(words[words.length - 1].end, words[words.length - 1].end + 4)))
        candidates.push(words);
      else if (bracket) {
        const connected = connectedLongForm(text, ac.end + bracket[0].length, letters);
        if (connected && !taken(connected.start, connected.end)) {
          found.push({
            label: 'LF',
            ...connected,
            text: text.slice(connected.start, connected.end),
            score: ac.score,
          });
          continue;
        }
      }
    }
    for (const words of candidates) {
      if (!words || words.some((w) => /^[A-Z]+$/.test(w.text) && w.text.length > 1)) continue;
      if ([...letters].some((ch, i) => words[i].text[0].toLowerCase() !== ch.toLowerCase())) continue;
      const [start, end] = [words[0].start, words[words.length - 1].end];
      if (taken(start, end)) continue;
      found.push({ label: 'LF', start, end, text: text.slice(start, end), score: ac.score });
      break;
    }
  }
  return found;
}

/** Words that introduce a long form inside the bracket after its abbreviation: `OMEX (after Open Modeling and EXchange, …)`. */
const CONNECTOR = new RegExp(String.raw`^[ \t]*${CONNECTING_WORDS}[ \t]+`, 'i');

/**
 * `AC (after long form, …)`: a long form after a connecting word, up to the comma or bracket that ends it,
 * whose letters spell the abbreviation in order from its first word (Schwartz & Hearst), with no more words
 * than the abbreviation has letters and three more.
 */
function connectedLongForm(text: string, from: number, letters: string): Range | undefined {
  const connector = CONNECTOR.exec(text.slice(from, from + 24));
  if (!connector) return undefined;
  const start = from + connector[0].length;
  const phrase = /^[A-Za-z][A-Za-z -]*?(?=\s*[,;)\]])/.exec(text.slice(start, start + 120))?.[0];
  if (!phrase) return undefined;
  const words = phrase.split(/[\s-]+/);
  if (words.length > letters.length + 3 || words.some((w) => /^[A-Z]{2,}$/.test(w))) return undefined;
  if (phrase[0].toLowerCase() !== letters[0].toLowerCase() || schwartzHearstStart(letters, phrase) !== 0)
    return undefined;
  return { start, end: start + phrase.length };
}

interface PlainWord {
  start: number;
  end: number;
  text: string;
}

/** The `count` words that end just before `end` (white space or a hyphen between them, nothing else). */
function wordsBefore(text: string, end: number, count: number): PlainWord[] | null {
  const words: PlainWord[] = [];
  let at = end - (/\s*$/.exec(text.slice(Math.max(0, end - 4), end))?.[0].length ?? 0);
  for (;;) {
    const word = /[A-Za-z]+$/.exec(text.slice(Math.max(0, at - 64), at));
    if (!word) return null;
    at -= word[0].length;
    words.unshift({ start: at, end: at + word[0].length, text: word[0] });
    if (words.length === count) break;
    const space = /[\s-]+$/.exec(text.slice(Math.max(0, at - 8), at));
    if (!space || /\n\s*\n/.test(space[0])) return null;
    at -= space[0].length;
  }
  // The long form starts at a word's start.
  return /[\p{L}\p{N}]/u.test(text[at - 1] ?? '') ? null : words;
}

/**
 * The `count` words that start just after `start` (white space or a hyphen between them, nothing else); with
 * `opening`, `start` is a bracket that the first word follows.
 */
function wordsAfter(text: string, start: number, count: number, opening = false): PlainWord[] | null {
  const words: PlainWord[] = [];
  let at = start;
  const first = (opening ? /^[([]([\s]*)([A-Za-z]+)/ : WORD_AFTER).exec(text.slice(at, at + 64));
  if (!first || /\n\s*\n/.test(first[1]) || first[1].includes('-') || (!opening && !first[1])) return null;
  at += first[0].length - first[2].length;
  while (words.length < count) {
    const word = /^[A-Za-z]+/.exec(text.slice(at, at + 64));
    if (!word) return null;
    words.push({ start: at, end: at + word[0].length, text: word[0] });
    at += word[0].length;
    if (words.length === count) break;
    const space = /^[\s-]+/.exec(text.slice(at, at + 8));
    if (!space || /\n\s*\n/.test(space[0])) return null;
    at += space[0].length;
  }
  // The long form ends at a word's end: `predicted aligned error values` is fine, `errors` is not a word end.
  return /[\p{L}\p{N}]/u.test(text[at] ?? '') ? null : words;
}

/** What the pairing pass makes of a text's spans. */
export interface Pairing {
  definitions: Definition[];
  /** The spans given, and the mentions carried from the definitions, sorted by start. */
  spans: Span[];
  glossary: GlossaryEntry[];
}

/** What the user has said about words, in settings or in the document: see `review`. */
export interface WordLists {
  /** Words never tagged as abbreviations, even where the model or a definition says so. */
  notAbbreviations?: readonly string[];
  /** Words always tagged as abbreviations, wherever they stand. */
  alwaysAbbreviations?: readonly string[];
}

/**
 * The pairing pass, in its one order: abbreviations cut at a hyphen joined (`joinHyphenated`), long forms
 * the tagger missed beside a bracketed abbreviation (`inferLongForms`), long forms linked to their
 * abbreviations (`findDefinitions`); then the spans no reader takes for an abbreviation dropped
 * (`noiseReason`; a definition keeps its abbreviation), long forms that define nothing dropped (a long form is
 * one only beside its abbreviation), each abbreviation tagged wherever it is written (the same word is not
 * tagged in one sentence and skipped in the next), and the glossary of them all.
 */
export function pair(text: string, given: readonly Span[], words: WordLists = {}): Pairing {
  const never = new Set(words.notAbbreviations ?? []);
  const always = new Set(words.alwaysAbbreviations ?? []);
  const isNever = (written: string) => never.has(written) || never.has(singular(written));
  const joined = joinHyphenated(text, given).filter((s) => s.label !== 'AC' || !isNever(s.text));
  // Each word the model tags (and is no noise) is an abbreviation wherever it is written, before pairing: a
  // definition may stand where the model missed the word.
  const written = new Map<string, number>();
  for (const word of always) written.set(word, 1);
  for (const span of joined) {
    const short = span.label === 'AC' ? singular(span.text) : '';
    if (short && !written.has(short) && noiseReason(text, span) === undefined) written.set(short, span.score);
  }
  const carried = withFoundDefinitions(text, propagateWritten(text, joined, written), isNever);
  const spans = [...carried, ...inferLongForms(text, carried)].sort(byStart);
  const definitions = findDefinitions(text, spans).filter((d) => !isNever(d.short));
  const defined = new Set(definitions.map((d) => singular(d.short)));
  const isDefinedShort = new Set(definitions.map((d) => rangeKey(d.shortSpan)));
  const longForms = new Set(definitions.map((d) => rangeKey(d.longSpan)));
  const keep = (span: Span): boolean => {
    if (span.label === 'LF') return longForms.has(rangeKey(span));
    if (isDefinedShort.has(rangeKey(span)) || always.has(span.text)) return true;
    const key = knownSingular(span.text, (s) => defined.has(s)) ?? singular(span.text);
    return defined.has(key) || (noiseReason(text, span) === undefined && !isNever(span.text));
  };
  const withMentions = propagateMentions(text, spans.filter(keep), definitions).filter(keep);
  return { definitions, spans: withMentions, glossary: buildGlossary(text, withMentions, definitions) };
}
