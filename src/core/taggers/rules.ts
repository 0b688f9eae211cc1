/**
 * A rule-based baseline that needs no model file. It tags abbreviations by their casing, finds definitions
 * (`long form ( AC )`, `AC ( long form )`, and glossary lists `AC : long form ;`) by Schwartz–Hearst letter
 * matching, and tags every mention of an abbreviation defined anywhere in the batch.
 */

import type { Tag, Tagger, WordTag } from '../types';
import { schwartzHearstStart } from '../pairing';
import { findDefinitionCandidates, MIN_PRECISION, precisionOf } from '../definitions';

const OPENERS = new Set(['(', '[']);
const CLOSERS = new Set([')', ']']);
/** What may follow a short form inside brackets: `( AC )`, `( AC , units )`, `( AC ; ... )`. */
const SHORT_FORM_ENDS = new Set([')', ']', ',', ';']);
/** What ends a long form inside brackets. */
const LONG_FORM_ENDS = new Set([')', ']', ',', ';', '.']);
/** What ends a long form in a glossary list. */
const GLOSSARY_LONG_FORM_ENDS = new Set([...LONG_FORM_ENDS, '(', '[', ':', '=']);
/** Tokens a long form before a bracket never crosses. */
const LONG_FORM_BARRIERS = new Set(['(', ')', '[', ']', ';', ':', '.', '=', ',']);
/** Separators of glossary lists: `AC : long form ;`, `AC , long form ;`, `AC = long form .` */
const GLOSSARY_SEPARATORS = new Set([':', ',', '=']);
/** What may come before a glossary item: the sentence start or the end of the previous item. */
const GLOSSARY_ITEM_STARTS = new Set([';', ',', '.', ':']);
/** Words that may be skipped when a long form's initials spell its short form (`mammalian target of rapamycin`). */
const STOP_WORDS = new Set([
  'of',
  'and',
  'the',
  'in',
  'for',
  'to',
  'on',
  'with',
  'by',
  'a',
  'an',
  'at',
  'from',
]);

const ROMAN_NUMERAL = /^(?=[IVXLCDM]+$)M*(C[MD]|D?C{0,3})(X[CL]|L?X{0,3})(I[XV]|V?I{0,3})$/;
/** Figure and supplement labels such as `1B`, `S2`, `S1A`. */
const FIGURE_LABEL = /^S?\d+[A-Z]?$/;
const MAX_SHORT_FORM_CHARS = 10;

const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/gu;
const ALNUM = /[\p{L}\p{N}]/u;
const NOT_ALNUM = /[^\p{L}\p{N}]+/gu;

/** Casing rule: two or more capitals, and not a Roman numeral or a figure label. */
export function looksLikeAbbreviation(token: string): boolean {
  if (!LETTER.test(token) || ROMAN_NUMERAL.test(token) || FIGURE_LABEL.test(token)) return false;
  return (token.match(UPPER)?.length ?? 0) >= 2;
}

/** Lower-case Latin abbreviations such as `i.e.` and `e.g.`, which PLOD does not tag. */
const DOTTED_LOWER_CASE = /^[a-z]+\.([a-z]+\.?)*$/;

/**
 * A plausible short form: at most 10 characters with a letter, starting alphanumeric, not `i.e.`-like; a
 * single letter only if it is a capital.
 */
function isShortForm(short: string): boolean {
  if (short.length === 0 || short.length > MAX_SHORT_FORM_CHARS || DOTTED_LOWER_CASE.test(short))
    return false;
  if (!ALNUM.test(short[0]) || !LETTER.test(short)) return false;
  return short.length > 1 || /\p{Lu}/u.test(short);
}

function letters(s: string): string {
  return s.replace(NOT_ALNUM, '').toLowerCase();
}

function isWord(token: string): boolean {
  return ALNUM.test(token);
}

/**
 * The last start, from `first` down, at which the first letters of the words from there on spell the short form,
 * with or without the stop words, and that `accept` takes; -1 if none. The initials grow by one letter a word, so
 * the search stops once even those without stop words are longer than the short form.
 */
function initialsStart(
  short: string,
  words: readonly string[],
  first: number,
  accept: (start: number) => boolean,
): number {
  const target = letters(short);
  let all = '';
  let withoutStopWords = '';
  for (let start = words.length - 1; start >= 0; start--) {
    const word = words[start];
    if (!isWord(word)) continue;
    const initial = letters(word)[0];
    all = initial + all;
    if (!STOP_WORDS.has(word)) withoutStopWords = initial + withoutStopWords;
    if (withoutStopWords.length > target.length) return -1;
    if (start <= first && (all === target || withoutStopWords === target) && accept(start)) return start;
  }
  return -1;
}

/** Schwartz–Hearst's limit on a long form's length in words, from the short form's length in characters. */
function maxLongFormWords(short: string): number {
  return Math.min(short.length + 5, short.length * 2);
}

/**
 * Where the long form for `short` starts in `words` (it always runs to the end of `words`), or -1. A window
 * whose initials spell the short form wins; otherwise the Schwartz–Hearst match. With `wholeOnly`, the long
 * form must be all of `words`.
 */
function longFormStart(short: string, words: readonly string[], wholeOnly: boolean): number {
  if (words.length === 0) return -1;
  const limit = maxLongFormWords(short);
  const fits = (start: number): boolean => {
    const long = words.slice(start);
    const wordCount = long.filter(isWord).length;
    return wordCount > 0 && wordCount <= limit && letters(long.join('')).length > letters(short).length;
  };
  const contains = (start: number): boolean => words.slice(start).includes(short);
  const first = wholeOnly ? 0 : words.length - 1;
  const byInitials = initialsStart(short, words, first, (start) => fits(start) && !contains(start));
  if (byInitials >= 0) return byInitials;
  const joined = words.join(' ');
  const at = schwartzHearstStart(short, joined);
  if (at < 0) return -1;
  let start = 0;
  for (let offset = words[0].length + 1; offset <= at; offset += words[++start].length + 1);
  if (wholeOnly && start !== 0) return -1;
  return fits(start) && !contains(start) ? start : -1;
}

/** A definition in one sentence, as half-open token ranges. */
interface SentenceDefinition {
  short: string;
  shortTokens: [number, number];
  longTokens: [number, number];
}

/**
 * The short form right after an opening bracket: one or two tokens before `)`, `]`, `,` or `;`. PLOD's
 * tokeniser glues a closing bracket to what follows (`( IL)-6`); such a token ends the short form too.
 */
function shortFormInBrackets(tokens: readonly string[], open: number): { short: string; end: number } | null {
  for (let end = open + 1; end < tokens.length && end <= open + 3; end++) {
    const glued = /^([^)\]]+)[)\]]./u.exec(tokens[end]);
    if (glued) {
      const short = tokens.slice(open + 1, end).join('') + glued[1];
      return isShortForm(short) ? { short, end: end + 1 } : null;
    }
    if (!isWord(tokens[end]) && !SHORT_FORM_ENDS.has(tokens[end])) return null;
    if (SHORT_FORM_ENDS.has(tokens[end])) {
      const short = tokens.slice(open + 1, end).join('');
      return end > open + 1 && isShortForm(short) ? { short, end } : null;
    }
  }
  return null;
}

/** `long form ( AC )` at the bracket `open`. */
function definitionBeforeBracket(tokens: readonly string[], open: number): SentenceDefinition | null {
  const inner = shortFormInBrackets(tokens, open);
  if (!inner) return null;
  let from = open;
  while (from > 0 && !LONG_FORM_BARRIERS.has(tokens[from - 1])) from--;
  if (from === open) return null;
  const start = longFormStart(inner.short, tokens.slice(from, open), false);
  if (start < 0) return null;
  return { short: inner.short, shortTokens: [open + 1, inner.end], longTokens: [from + start, open] };
}

/** The long form's tokens from `from` up to the first token in `ends` (exclusive), or null if none. */
function segmentEnd(tokens: readonly string[], from: number, ends: ReadonlySet<string>): number {
  let end = from;
  while (end < tokens.length && !ends.has(tokens[end])) end++;
  return end;
}

/** `AC ( long form )` at the bracket `open`. */
function definitionInBracket(tokens: readonly string[], open: number): SentenceDefinition | null {
  const short = tokens[open - 1];
  if (open === 0 || !looksLikeAbbreviation(short) || !isShortForm(short)) return null;
  const end = segmentEnd(tokens, open + 1, LONG_FORM_ENDS);
  if (end >= tokens.length || !CLOSERS.has(tokens[end]) || end === open + 1) return null;
  const start = longFormStart(short, tokens.slice(open + 1, end), false);
  if (start < 0) return null;
  return { short, shortTokens: [open - 1, open], longTokens: [open + 1 + start, end] };
}

/** A glossary item `AC : long form ;` (or `,` / `=` after the AC) starting at token `at`. */
function glossaryItem(tokens: readonly string[], at: number): SentenceDefinition | null {
  const short = tokens[at];
  if (at > 0 && !GLOSSARY_ITEM_STARTS.has(tokens[at - 1])) return null;
  if (!GLOSSARY_SEPARATORS.has(tokens[at + 1]) || !isShortForm(short) || !/\p{Lu}/u.test(short)) return null;
  const end = segmentEnd(tokens, at + 2, GLOSSARY_LONG_FORM_ENDS);
  if (end === at + 2) return null;
  const start = longFormStart(short, tokens.slice(at + 2, end), true);
  if (start < 0) return null;
  return { short, shortTokens: [at, at + 1], longTokens: [at + 2, end] };
}

function findSentenceDefinitions(tokens: readonly string[]): SentenceDefinition[] {
  const found: SentenceDefinition[] = [];
  tokens.forEach((token, i) => {
    const definition = OPENERS.has(token)
      ? (definitionBeforeBracket(tokens, i) ?? definitionInBracket(tokens, i))
      : glossaryItem(tokens, i);
    if (definition) found.push(definition);
  });
  return found;
}

/** The definitions of `definitions.ts` precise enough to take, in the tokens of one sentence. */
function foundDefinitions(tokens: readonly string[]): SentenceDefinition[] {
  const starts: number[] = [];
  let text = '';
  for (const token of tokens) {
    if (text) text += ' ';
    starts.push(text.length);
    text += token;
  }
  const tokenAt = new Map(starts.map((start, i) => [start, i]));
  const tokenEnding = new Map(starts.map((start, i) => [start + tokens[i].length, i + 1]));
  const found: SentenceDefinition[] = [];
  for (const candidate of findDefinitionCandidates(text)) {
    if (precisionOf(candidate) < MIN_PRECISION) continue;
    const [shortStart, shortEnd] = [tokenAt.get(candidate.short.start), tokenEnding.get(candidate.short.end)];
    const [longStart, longEnd] = [tokenAt.get(candidate.long.start), tokenEnding.get(candidate.long.end)];
    if (
      shortStart === undefined ||
      shortEnd === undefined ||
      longStart === undefined ||
      longEnd === undefined
    )
      continue;
    found.push({
      short: text.slice(candidate.short.start, candidate.short.end),
      shortTokens: [shortStart, shortEnd],
      longTokens: [longStart, longEnd],
    });
  }
  return found;
}

/** Tags one sentence: definitions first, then casing, then short forms known from the batch or the sentence. */
function tagSentence(tokens: readonly string[], known: ReadonlySet<string>): Tag[] {
  const tags: Tag[] = tokens.map(() => 'O');
  const definitions = [...foundDefinitions(tokens), ...findSentenceDefinitions(tokens)];
  for (const { shortTokens, longTokens } of definitions) {
    if (tags.slice(longTokens[0], longTokens[1]).some((tag) => tag !== 'O')) continue;
    for (let i = longTokens[0]; i < longTokens[1]; i++) tags[i] = i === longTokens[0] ? 'B-LF' : 'I-LF';
    for (let i = shortTokens[0]; i < shortTokens[1]; i++) tags[i] = 'B-AC';
  }
  const local = new Set(definitions.map((d) => d.short));
  tokens.forEach((token, i) => {
    if (tags[i] === 'O' && (looksLikeAbbreviation(token) || known.has(token) || local.has(token))) {
      tags[i] = 'B-AC';
    }
  });
  return tags;
}

/** Short forms defined anywhere in the batch. Single letters are left out: they count only where defined. */
function collectShortForms(sentences: readonly (readonly string[])[]): Set<string> {
  const shorts = new Set<string>();
  for (const tokens of sentences) {
    for (const { short } of findSentenceDefinitions(tokens)) {
      if (short.length > 1) shorts.add(short);
    }
  }
  return shorts;
}

/**
 * The rules' tags for one sentence taken alone, with no knowledge of the rest of the document. Models trained
 * with rule features see exactly these, in training and at run time.
 */
export function ruleFeatureTags(tokens: readonly string[]): Tag[] {
  return tagSentence(tokens, new Set());
}

export class RulesTagger implements Tagger {
  readonly name = 'rules';
  readonly sentencesIndependent = false;

  async tagSentences(sentences: readonly (readonly string[])[]): Promise<WordTag[][]> {
    const known = collectShortForms(sentences);
    // Rules make decisions, not probability estimates: every tag, O included, gets score 1.
    return sentences.map((tokens) => tagSentence(tokens, known).map((tag) => ({ tag, score: 1 })));
  }

  async dispose(): Promise<void> {}
}
