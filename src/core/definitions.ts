/**
 * Definitions found from the text alone, in the manner of Ab3P (Sohn et al., 2008): a short form in brackets
 * after its long form (`proton pump inhibitors (PPIs)`), or a long form in brackets after its short form
 * (`PPIs (proton pump inhibitors)`), matched by several strategies, each with the precision that it has on
 * labelled pairs (`scripts/estimate-definitions.ts`). The pairing pass takes the strategies that are precise
 * enough over the model's long-form boundaries.
 */

import { rangeKey } from './ranges';
import { splitParagraphs } from './text/paragraphs';
import type { Range, Span } from './types';

/** How the short form's letters were found in the long form, from the most precise to the least. */
export type Strategy =
  /** Every word gives its first letter, in order: `Support Vector Machine (SVM)`. */
  | 'initials'
  /** The same, stop words skipped or not: `mammalian target of rapamycin (mTOR)`. */
  | 'initialsSkippingStopWords'
  /** Every word gives its first letter, and may give more from inside it: `Penn Treebank (PTB)`. */
  | 'lettersOfEveryWord'
  /** Schwartz & Hearst: the first letter at a word start, the others anywhere, in order. */
  | 'anyLetters';

export interface DefinitionCandidate {
  short: Range;
  long: Range;
  strategy: Strategy;
  /** `long-first`: `long form (SF)`; `short-first`: `SF (long form)`; `glossary`: `SF = long form;`, `SF: long form`. */
  order: 'long-first' | 'short-first' | 'glossary';
  /** The short form's digits are not in the long form (`forced expiratory volume (FEV1)`). */
  digitsDropped: boolean;
}

/**
 * The share of each strategy's pairs that the gold marks as pairs, pooled over PLOD-CW train and SDU@AAAI-22
 * scientific and legal train (`npx tsx scripts/estimate-definitions.ts`; 10,616 gold pairs). Gold that leaves a
 * true pair unmarked (`Direct Object (DO)`) counts against a strategy, so these are lower bounds.
 */
export const PRECISION: Record<DefinitionCandidate['order'], Record<Strategy, number>> = {
  'long-first': {
    initials: 0.919,
    initialsSkippingStopWords: 0.943,
    lettersOfEveryWord: 0.89,
    anyLetters: 0.653,
  },
  'short-first': {
    initials: 0.858,
    initialsSkippingStopWords: 0.905,
    lettersOfEveryWord: 0.897,
    anyLetters: 0.52,
  },
  glossary: {
    initials: 0.897,
    initialsSkippingStopWords: 0.932,
    lettersOfEveryWord: 0.872,
    anyLetters: 0.157,
  },
};
/**
 * A trailing digit that the long form leaves out (`forced expiratory volume (FEV1)`): the gold sets mark such
 * long forms with the digit or not at all, so the estimate is no guide (0 of 4 for initials). Read by hand, the
 * pairs whose initials spell the letters are true (`laser merge module (LMM5)`, `diphtheria-tetanus-pertussis
 * (DTP3)`); those are taken as just precise enough, the looser strategies not.
 */
const DIGIT_DROPPED_PRECISION: Record<Strategy, number> = {
  initials: 0.86,
  initialsSkippingStopWords: 0.86,
  lettersOfEveryWord: 0.5,
  anyLetters: 0.3,
};

/** How often a candidate of this kind is a true pair. */
export function precisionOf(candidate: DefinitionCandidate): number {
  const precision = PRECISION[candidate.order][candidate.strategy];
  return candidate.digitsDropped
    ? Math.min(precision, DIGIT_DROPPED_PRECISION[candidate.strategy])
    : precision;
}

const STRATEGIES: readonly Strategy[] = [
  'initials',
  'initialsSkippingStopWords',
  'lettersOfEveryWord',
  'anyLetters',
];

const STOP_WORDS = new Set(
  'a an and as at by for from in into of on or per the to under via with'.split(' '),
);
const GREEK: Record<string, string> = {
  α: 'a',
  β: 'b',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'e',
  θ: 't',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  π: 'p',
  ρ: 'r',
  σ: 's',
  τ: 't',
  υ: 'u',
  φ: 'p',
  χ: 'c',
  ψ: 'p',
  ω: 'o',
};
/** A short form: at most 12 characters and two parts, a letter among them, starting with a letter or digit. */
const SHORT_FORM = /^[\p{L}\p{N}][\p{L}\p{N}\-/.+&'’,]*(?: [\p{L}\p{N}][\p{L}\p{N}\-/.+&'’]*)?$/u;
/** A capitalised word (`Section`, `Table`) or a word in lower case is no short form; `mAb`, `IoT`, `Hb`, `gs` may be. */
const PLAIN_WORD = /^(?:\p{Lu}\p{Ll}{3,}|\p{Ll}{5,})$/u;
const EDITORIAL = /^(?:e\.g|i\.e|cf|vs|etc|al|resp|ibid|viz|approx|ca)\.?$/i;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;
/** What a long form before its bracket never crosses. */
const BARRIER = /[()[\]{};:=!?]|(?<!\p{N}),|,(?!\p{N})|\.(?=\s|$)|\n\s*\n/gu;
const ALNUM = /[\p{L}\p{N}]/u;
/** A short form before its long form is written like one: two capitals, a capital and a digit, or `mAb`. */
const CAPITALS = /\p{Lu}.*\p{Lu}|\p{Lu}.*\p{N}|\p{Ll}\p{Lu}/u;
/** `SF = long form`, `SF: long form`: a short form at a word start, then `=` or `:`, then white space. */
const GLOSSARY_ITEM = /(?<![\p{L}\p{N}\-/.+&])([\p{L}\p{N}][\p{L}\p{N}\-/.+&]*)\s*[:=]\s+/gu;
const DIGIT = /\p{N}/u;
/** `FEV1`: letters, then one digit that the long form may leave out (`forced expiratory volume`). */
const ONE_TRAILING_DIGIT = /^\p{L}{3,}\p{N}$/u;

interface LongWord {
  text: string;
  start: number;
  end: number;
  /** Offsets in `text` where a part starts after a hyphen or a capital inside (`Part-Of-Speech`, `TreeBank`). */
  parts: number[];
  /** `text` and its parts normalised (see `normalised`), kept once computed: every strategy reads them. */
  normal?: string;
  partNormals?: string[];
}

/** Each paragraph's candidates (offsets in the paragraph), so that an edit re-reads only the paragraphs it changed. */
const candidatesByParagraph = new Map<string, readonly DefinitionCandidate[]>();
const CACHED_PARAGRAPHS = 5000;

/**
 * Every definition that some strategy finds in `text`, the most precise strategy for each bracket. A definition
 * never crosses a blank line, so each paragraph is read alone (and only once while its text is unchanged).
 */
export function findDefinitionCandidates(text: string): DefinitionCandidate[] {
  const found: DefinitionCandidate[] = [];
  for (const paragraph of splitParagraphs(text)) {
    const own = text.slice(paragraph.start, paragraph.end);
    let candidates = candidatesByParagraph.get(own);
    if (!candidates) {
      candidates = candidatesIn(own);
      if (candidatesByParagraph.size >= CACHED_PARAGRAPHS) candidatesByParagraph.clear();
      candidatesByParagraph.set(own, candidates);
    }
    const shift = (r: Range): Range => ({ start: r.start + paragraph.start, end: r.end + paragraph.start });
    for (const c of candidates) found.push({ ...c, short: shift(c.short), long: shift(c.long) });
  }
  return found;
}

function candidatesIn(text: string): DefinitionCandidate[] {
  const found: DefinitionCandidate[] = [];
  for (const open of text.matchAll(/[([]/g)) {
    const at = open.index;
    const close = closingBracket(text, at);
    if (close < 0) continue;
    const inside = text.slice(at + 1, close);
    const head = /^\s*((?:[^,;]|,(?=\p{N}))*?)\s*(?:,(?!\p{N})|;|$)/u.exec(inside);
    const shortText = head?.[1] ?? '';
    if (isShortForm(shortText)) {
      const start = at + 1 + inside.indexOf(shortText);
      const short = { start, end: start + shortText.length };
      const candidate = longFormBefore(text, at, shortText);
      if (candidate) found.push({ short, ...candidate, order: 'long-first' });
      continue;
    }
    const before = /([\p{L}\p{N}][\p{L}\p{N}\-/.+&]*)\s*$/u.exec(text.slice(Math.max(0, at - 16), at));
    if (!before || !isShortForm(before[1]) || !CAPITALS.test(before[1])) continue;
    const shortStart = at - before[0].length;
    const long = longFormInside(text, at + 1, close, before[1]);
    if (long) {
      found.push({
        short: { start: shortStart, end: shortStart + before[1].length },
        ...long,
        order: 'short-first',
      });
    }
  }
  for (const item of text.matchAll(GLOSSARY_ITEM)) {
    const shortText = item[1];
    if (!isShortForm(shortText) || !CAPITALS.test(shortText)) continue;
    const from = item.index + item[0].length;
    const end = from + (/^[^;,.()[\]\n]*/.exec(text.slice(from, from + 120))?.[0].length ?? 0);
    const long = longFormInside(text, from, end, shortText);
    if (long) {
      const start = item.index + item[0].indexOf(shortText);
      found.push({ short: { start, end: start + shortText.length }, ...long, order: 'glossary' });
    }
  }
  return found.sort((a, b) => Math.min(a.short.start, a.long.start) - Math.min(b.short.start, b.long.start));
}

function closingBracket(text: string, open: number): number {
  const closer = text[open] === '(' ? ')' : ']';
  for (let i = open + 1; i < Math.min(text.length, open + 160); i++) {
    if (text[i] === closer) return i;
    if (text[i] === '(' || text[i] === '[' || text[i] === '\n') return -1;
  }
  return -1;
}

function isShortForm(short: string): boolean {
  if (short.length < 2 || short.length > 12 || !SHORT_FORM.test(short) || !/\p{L}/u.test(short)) return false;
  if (PLAIN_WORD.test(short) || EDITORIAL.test(short) || /^\p{N}+\p{Ll}?$/u.test(short)) return false;
  return true;
}

/** The letters and digits that a long form must spell: Greek letters by their Latin initial, a plural s dropped. */
function lettersOf(short: string): string {
  const singular = short.replace(/(?<=\p{Lu})['’]?s$/u, '');
  return [...singular.toLowerCase()]
    .map((ch) => GREEK[ch] ?? ch)
    .filter((ch) => ALNUM.test(ch))
    .join('');
}

function longFormBefore(
  text: string,
  open: number,
  short: string,
): Omit<DefinitionCandidate, 'short' | 'order'> | undefined {
  let from = Math.max(0, open - 200);
  for (const barrier of text.slice(from, open).matchAll(BARRIER))
    from = Math.max(from, open - 200 + barrier.index + barrier[0].length);
  if (open - 200 < 0) {
    from = 0;
    for (const barrier of text.slice(0, open).matchAll(BARRIER)) from = barrier.index + barrier[0].length;
  }
  const words = wordsIn(text, from, open);
  const letters = lettersOf(short);
  if (words.length === 0 || letters.length === 0) return undefined;
  const limit = Math.min(letters.length + 5, letters.length * 2);
  for (const strategy of STRATEGIES) {
    for (const digitsDropped of [false, true]) {
      if (digitsDropped && !ONE_TRAILING_DIGIT.test(letters)) continue;
      const wanted = digitsDropped ? letters.slice(0, -1) : letters;
      // The shortest long form that the strategy accepts, ending just before the bracket.
      for (let first = words.length - 1; first >= Math.max(0, words.length - limit); first--) {
        const long = words.slice(first);
        if (STOP_WORDS.has(long[0].text.toLowerCase())) continue;
        if (digitsDropped && long.some((w) => DIGIT.test(w.text))) continue;
        if (spells(wanted, long, strategy)) {
          return { long: { start: long[0].start, end: long[long.length - 1].end }, strategy, digitsDropped };
        }
      }
    }
  }
  return undefined;
}

function longFormInside(
  text: string,
  from: number,
  close: number,
  short: string,
): Omit<DefinitionCandidate, 'short' | 'order'> | undefined {
  const inside = text.slice(from, close);
  const end = from + (/^[^,;]*/.exec(inside)?.[0].trimEnd().length ?? 0);
  const words = wordsIn(text, from, end);
  const letters = lettersOf(short);
  if (words.length < 2 || words.length > Math.min(letters.length + 5, letters.length * 2)) return undefined;
  for (const strategy of STRATEGIES) {
    for (const digitsDropped of [false, true]) {
      if (digitsDropped && !ONE_TRAILING_DIGIT.test(letters)) continue;
      const wanted = digitsDropped ? letters.slice(0, -1) : letters;
      if (spells(wanted, words, strategy)) {
        return { long: { start: words[0].start, end: words[words.length - 1].end }, strategy, digitsDropped };
      }
    }
  }
  return undefined;
}

function wordsIn(text: string, from: number, to: number): LongWord[] {
  const words: LongWord[] = [];
  for (const match of text.slice(from, to).matchAll(WORD)) {
    const start = from + match.index;
    const word = { text: match[0], start, end: start + match[0].length, parts: [0] };
    const last = words[words.length - 1];
    // `Part-Of-Speech` and `2,6-diaminopurine` are one word with parts.
    if (last && /^[-–]$/.test(text.slice(last.end, start))) {
      last.parts.push(start - last.start);
      last.text = text.slice(last.start, word.end);
      last.end = word.end;
      continue;
    }
    for (const capital of match[0].matchAll(/(?<=\p{Ll})\p{Lu}/gu)) word.parts.push(capital.index);
    words.push(word);
  }
  return words;
}

function normalised(word: string): string {
  return [...word.toLowerCase()].map((ch) => GREEK[ch] ?? ch).join('');
}

/** Whether `words` spell `letters` by `strategy`, the first letter at the first word's start. */
function spells(letters: string, words: readonly LongWord[], strategy: Strategy): boolean {
  const texts = words.map((w) => (w.normal ??= normalised(w.text)));
  if (texts[0][0] !== letters[0]) return false;
  // `Part-Of-Speech (POS)`: a word's parts give initials too.
  const parts = words.flatMap((w) => (w.partNormals ??= partsOf(w)));
  switch (strategy) {
    case 'initials':
      return [texts, parts].some(
        (list) => list.length === letters.length && list.every((w, i) => w[0] === letters[i]),
      );
    case 'initialsSkippingStopWords':
      return byInitials(letters, texts, 0, 0) || byInitials(letters, parts, 0, 0);
    case 'lettersOfEveryWord':
      return byWordLetters(letters, words, texts, 0, 0);
    case 'anyLetters':
      return byAnyLetters(letters, texts.join(' '));
  }
}

function partsOf(word: LongWord): string[] {
  return word.parts.map((start, i) =>
    normalised(word.text.slice(start, word.parts[i + 1] ?? word.text.length).replace(/^[-–]/, '')),
  );
}

/** Each word gives its initial to the next letter; a stop word may give nothing. */
function byInitials(letters: string, words: readonly string[], li: number, wi: number): boolean {
  if (wi === words.length) return li === letters.length;
  const stop = STOP_WORDS.has(words[wi]);
  if (li < letters.length && words[wi][0] === letters[li] && byInitials(letters, words, li + 1, wi + 1))
    return true;
  return stop && byInitials(letters, words, li, wi + 1);
}

/**
 * Each word (a stop word aside) gives its initial or a part's initial, and then perhaps more letters from
 * inside it, in order.
 */
function byWordLetters(
  letters: string,
  words: readonly LongWord[],
  texts: readonly string[],
  li: number,
  wi: number,
): boolean {
  if (wi === words.length) return li === letters.length;
  const word = texts[wi];
  if (STOP_WORDS.has(word) && byWordLetters(letters, words, texts, li, wi + 1)) return true;
  if (li >= letters.length || word[0] !== letters[li]) return false;
  // The word gives its initial, then letters from inside it: as few or as many as the rest needs.
  let next = li + 1;
  let at = 1;
  if (byWordLetters(letters, words, texts, next, wi + 1)) return true;
  while (next < letters.length) {
    const found = word.indexOf(letters[next], at);
    if (found < 0) return false;
    next++;
    at = found + 1;
    if (byWordLetters(letters, words, texts, next, wi + 1)) return true;
  }
  return false;
}

/** Schwartz & Hearst, right to left: every letter in order, the first at the start of the first word. */
function byAnyLetters(letters: string, long: string): boolean {
  let at = long.length - 1;
  for (let li = letters.length - 1; li > 0; li--) {
    while (at > 0 && long[at] !== letters[li]) at--;
    if (at <= 0) return false;
    at--;
  }
  return true;
}

/** The least precision at which a found definition is taken over the tagger's spans. */
export const MIN_PRECISION = 0.85;
/**
 * The least precision at which a found definition is taken where the tagger put a long form across it too:
 * two weaker signals that agree (Schwartz & Hearst's match, 0.65, with the tagger's own long form). On the dev
 * sets: SDU-22 legal micro 0.767 -> 0.778, scientific 0.832 -> 0.834, PLOD-CW validation 0.818 -> 0.815.
 */
export const SUPPORTED_MIN_PRECISION = 0.6;

/**
 * The spans with each definition found precise enough (`MIN_PRECISION`, or `SUPPORTED_MIN_PRECISION` where the
 * tagger's long form overlaps it) put in: its long form replaces the
 * long forms and abbreviations that the tagger put across it (a truncated `pump inhibitors`, a `(PPIs)` read
 * as part of it), and its abbreviation is tagged where the tagger missed it (`FEV1`). `isVetoed` names the
 * short forms that the user says are no abbreviations.
 */
export function withFoundDefinitions(
  text: string,
  spans: readonly Span[],
  isVetoed: (short: string) => boolean,
): Span[] {
  // The candidates come in the order of their brackets; each taken one lies after all those taken before it.
  const taken: DefinitionCandidate[] = [];
  let takenEnd = 0;
  const longForms = spans.filter((s) => s.label === 'LF').sort((a, b) => a.start - b.start);
  const supported = (c: DefinitionCandidate) => {
    const lf = lastStartingBefore(longForms, c.long.end);
    return lf !== undefined && lf.end > c.long.start;
  };
  for (const candidate of findDefinitionCandidates(text)) {
    const precision = precisionOf(candidate);
    if (precision < MIN_PRECISION && !(precision >= SUPPORTED_MIN_PRECISION && supported(candidate)))
      continue;
    if (isVetoed(text.slice(candidate.short.start, candidate.short.end))) continue;
    const start = Math.min(candidate.short.start, candidate.long.start);
    if (start < takenEnd) continue;
    taken.push(candidate);
    takenEnd = Math.max(candidate.short.end, candidate.long.end);
  }
  if (taken.length === 0) return [...spans];
  const ranges = taken
    .flatMap((t) => [
      { ...t.short, label: 'AC' as const },
      { ...t.long, label: 'LF' as const },
    ])
    .sort((a, b) => a.start - b.start);
  const present = new Set(spans.map((s) => `${s.label}:${rangeKey(s)}`));
  // A span stays where it meets no found range, or is that range with its label. An abbreviation that the
  // tagger's words run past the bracket (`IFN)-mediated`) is cut to the short form, as readers and SDU-22 cut it.
  const kept = spans.filter((span) => {
    const range = lastStartingBefore(ranges, span.end);
    return (
      !range || range.end <= span.start || (range.label === span.label && rangeKey(range) === rangeKey(span))
    );
  });
  for (const t of taken) {
    const score = precisionOf(t);
    if (!present.has(`AC:${rangeKey(t.short)}`))
      kept.push({ label: 'AC', ...t.short, text: text.slice(t.short.start, t.short.end), score });
    if (!present.has(`LF:${rangeKey(t.long)}`))
      kept.push({ label: 'LF', ...t.long, text: text.slice(t.long.start, t.long.end), score });
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Of ranges sorted by start that do not overlap, the last one that starts before `end`. */
function lastStartingBefore<T extends Range>(ranges: readonly T[], end: number): T | undefined {
  let [low, high] = [0, ranges.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ranges[middle].start < end) low = middle + 1;
    else high = middle;
  }
  return ranges[low - 1];
}
