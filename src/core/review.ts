/**
 * What the tagger's spans are checked against before the user sees them: classes of false positives that no
 * reader takes for an abbreviation, abbreviations cut apart at a hyphen, and long forms with no abbreviation.
 * The annotation rules follow ../shared/real-papers/GUIDE.md (the PLOD convention for real papers).
 */

import { byStart } from './ranges';
import type { Range, Span } from './types';
import { NOT_ABBREVIATIONS } from './lexicon/notAbbreviations';

/**
 * A part that may follow an abbreviation across a hyphen: `ML` of `SED-ML`, `CoV` of `SARS-CoV-2`, `19` of
 * `COVID-19`, a Greek letter (`TNF-α`, `IFN-γ`).
 */
const JOINED_PART =
  /^(?:\p{N}+|\p{Script=Greek}{1,2}\p{N}*|(?=\p{L}*\p{Lu})(?!\p{Lu}\p{Ll}+$)[\p{L}\p{N}]+)$/u;
/** A part that may stand before an abbreviation across a hyphen: `SDS` of `SDS-PAGE`. */
const LEADING_PART = /^(?=[\p{L}\p{N}]*\p{Lu})(?!\p{Lu}\p{Ll}+$)[\p{L}\p{N}]+$/u;
const HYPHEN = /^(?:-|--|–)$/;

/**
 * Abbreviations written with a hyphen inside are one abbreviation: an AC span grows over a hyphen into a
 * neighbouring word that is written like an abbreviation (capitals or digits, not a capitalised word), and
 * two AC spans with only a hyphen between them become one. `IoT-specific` stays `IoT`. A span cut off at an
 * opening bracket (`UUID(s`) ends before it.
 */
export function joinHyphenated(text: string, spans: readonly Span[]): Span[] {
  const others = spans.filter((s) => s.label !== 'AC');
  const acs = spans.filter((s) => s.label === 'AC').sort(byStart);
  const joined: Span[] = [];
  for (const span of acs) {
    let { start, end } = span;
    // `UUID(s)` read as one word: the abbreviation is what stands before the bracket.
    const open = span.text.search(/[([]/);
    if (open > 0 && !/[)\]]/.test(span.text)) end = start + open;
    let score = span.score;
    const last = joined[joined.length - 1];
    if (last && start < last.end) {
      // A part the span before has grown over.
      if (end > last.end) Object.assign(last, { end, text: text.slice(last.start, end) });
      continue;
    }
    if (last && HYPHEN.test(text.slice(last.end, start))) {
      start = last.start;
      score = Math.min(score, last.score);
      joined.pop();
    } else {
      for (;;) {
        // Most abbreviations have no hyphen before them; the end-anchored pattern is tried only where one is.
        if (text[start - 1] !== '-' && text[start - 1] !== '–') break;
        const before = /([\p{L}\p{N}]+)(?:-|--|–)$/u.exec(text.slice(Math.max(0, start - 24), start));
        if (!before || !LEADING_PART.test(before[1]) || isWordChar(text[start - before[0].length - 1])) break;
        start -= before[0].length;
      }
    }
    for (;;) {
      const after = /^(?:-|--|–)([\p{L}\p{N}]+)/u.exec(text.slice(end, end + 24));
      if (!after || !JOINED_PART.test(after[1]) || isWordChar(text[end + after[0].length])) break;
      end += after[0].length;
    }
    joined.push({ ...span, start, end, text: text.slice(start, end), score });
  }
  return [...others, ...joined].sort(byStart);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);
}

/** Units of measure, never abbreviations in prose (GUIDE: "units of measure … are not marked"). */
const UNITS = new Set([
  ...['Hz', 'kHz', 'MHz', 'GHz', 'THz', 'kDa', 'Da', 'kbps', 'Mbps', 'Gbps', 'Tbps', 'bps'],
  ...['KB', 'kB', 'MB', 'GB', 'TB', 'PB', 'KiB', 'MiB', 'GiB', 'TiB', 'Kb', 'Mb', 'Gb', 'kb', 'bp', 'kbp'],
  ...['ms', 'ns', 'µs', 'μs', 'ps', 'mm', 'cm', 'nm', 'µm', 'μm', 'km', 'mg', 'kg', 'µg', 'μg', 'ng'],
  ...['ml', 'mL', 'µl', 'µL', 'μL', 'nM', 'µM', 'μM', 'mM', 'mV', 'kV', 'mA', 'kW', 'MW', 'GW', 'kWh'],
  ...['rpm', 'dB', 'dBm', 'mmHg'],
]);
/** Units that are also abbreviations elsewhere (`TB` is tuberculosis): units only after a number. */
const UNITS_AFTER_NUMBER_ONLY = new Set(['TB', 'PB', 'MB', 'GB', 'KB', 'MW', 'GW', 'ms', 'ps', 'mA', 'ml']);
const NUMBER_BEFORE = /\d(?:[.,]\d+)?\s*(?:[-~]\s*)?$/;

/** Editorial and Latin abbreviations, never marked (GUIDE: "e.g., i.e., et al., etc., Fig., Eq., Sec., vs., cf., No."). */
const EDITORIAL = new Set([
  ...[
    'Fig',
    'Figs',
    'Eq',
    'Eqs',
    'Eqn',
    'Eqns',
    'Sec',
    'Secs',
    'Sect',
    'Tab',
    'Tbl',
    'Ref',
    'Refs',
    'Ch',
    'Chap',
  ],
  ...['No', 'Nos', 'Vol', 'Vols', 'pp', 'vs', 'cf', 'al', 'etc', 'ie', 'eg', 'viz', 'approx', 'resp', 'ca'],
  ...['Dr', 'Prof', 'Mr', 'Mrs', 'Ms', 'St', 'Jr', 'Sr', 'Inc', 'Ltd', 'Co', 'Corp'],
  ...['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'],
]);

const ROMAN = /^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$/;
/** Words before which a roman numeral counts something (`Phase II`, `Type IV`, `World War II`). */
const ROMAN_CONTEXT =
  /\b(?:phase|type|class|stage|grade|part|chapter|section|table|figure|fig\.|appendix|volume|vol\.|level|group|category|study|trial|war|step|experiment|case|complex|era|model|round)\s*$/i;

/** Function words, which a passage in capitals has and a list of abbreviations has not (`AS IS … OF ANY KIND`). */
const FUNCTION_WORDS = new Set(
  'A AN AND ANY ARE AS AT BE BUT BY FOR FROM IF IN IS IT NO NOT OF ON OR SO THAT THE TO WITH'.split(' '),
);
const CAPITAL_WORD = /^\p{Lu}+$/u;
const CAPITALS_RUN = 4;

/** Why `span` (an AC) is no abbreviation, or undefined when it may be one. */
export function noiseReason(text: string, span: Span): string | undefined {
  let before: string | undefined;
  for (const check of wordChecks(span.text)) {
    if (check.needs === undefined) return check.reason;
    before ??= text.slice(Math.max(0, span.start - 24), span.start);
    if (check.needs.test(before)) return check.reason;
  }
  if (inCapitals(text, span)) return 'a word of a sentence in capitals';
  return undefined;
}

/** A reason a word is no abbreviation: always, or only where the text before it matches `needs`. */
interface WordCheck {
  reason: string;
  needs?: RegExp;
}

/**
 * The checks of `noiseReason` that the written word decides, in their order, up to the first that needs no
 * context: worked out once per word (a paper repeats its abbreviations hundreds of times, and every re-tag
 * asks again).
 */
const checksByWord = new Map<string, readonly WordCheck[]>();
const CACHED_WORDS = 20_000;

function wordChecks(written: string): readonly WordCheck[] {
  const cached = checksByWord.get(written);
  if (cached) return cached;
  const checks = wordChecksNow(written);
  if (checksByWord.size >= CACHED_WORDS) checksByWord.clear();
  checksByWord.set(written, checks);
  return checks;
}

function wordChecksNow(written: string): WordCheck[] {
  const bare = written.replace(/['’]s$/u, '');
  const checks: WordCheck[] = [];
  const always = (reason: string) => [...checks, { reason }];
  if (isSingleCharacter(bare)) return always('a single letter or digit');
  if (isIdentifier(bare)) return always('an identifier');
  if (NOT_ABBREVIATIONS.has(bare)) return always('a name written in capitals');
  if (EDITORIAL.has(bare.replace(/\.$/, ''))) return always('an editorial abbreviation');
  if (UNITS.has(bare)) {
    if (!UNITS_AFTER_NUMBER_ONLY.has(bare)) return always('a unit');
    checks.push({ reason: 'a unit', needs: NUMBER_BEFORE });
  }
  if (ROMAN.test(bare)) {
    if (bare !== 'IV') return always('a roman numeral');
    checks.push({ reason: 'a roman numeral', needs: ROMAN_CONTEXT });
  }
  if (isCamelName(bare)) return always('a name written in camel case');
  if (/^\p{Lu}\p{Ll}{2,}$/u.test(bare)) return always('a capitalised word');
  return checks;
}

/**
 * A product or code name in camel case (`AlphaFold`, `NumPy`, `libSBML`, `iBioSim`, `CompressionAffix`): a
 * run of two lower-case letters or more after a capital, or of three or more at the start. Abbreviations have
 * lower-case letters alone or in a short prefix: `IoT`, `PhD`, `MSc`, `mRNA`, `siRNA`, `mAbs`, `CoV`.
 */
function isCamelName(word: string): boolean {
  const stem = word.length >= 3 ? word.replace(/(?<=\p{Lu})es$|(?<=\p{L})s$/u, '') : word;
  return stem.split(/[-–]/).some((part) => {
    if (/^\p{Ll}{3,}\p{Lu}/u.test(part)) return true;
    return /\p{Lu}\p{Ll}{2,}/u.test(part) && (part.match(/\p{Lu}/gu) ?? []).length >= 2;
  });
}

/**
 * A word that names something rather than abbreviating a phrase, by its shape alone: a single character, a
 * code identifier (`LD_PRELOAD`, `LD\\_PRELOAD` in LaTeX), or a camel-case name (`AlphaFold`, `MGnify`).
 */
export function isNameShaped(word: string): boolean {
  const bare = word.replace(/\\_/g, '_');
  return isSingleCharacter(bare) || isIdentifier(bare) || isCamelName(bare);
}

function isSingleCharacter(word: string): boolean {
  return [...word].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length <= 1;
}

function isIdentifier(word: string): boolean {
  return /_/.test(word) || /^[./]|\/$/.test(word);
}

/**
 * Whether `range` holds a word of a passage set in capitals, as a licence shouts (`AS IS … OF ANY KIND`): four
 * capital words or more in a row (across line breaks, not across a blank line), one of them a function word.
 * A list of abbreviations (`CNN, RNN, LSTM, GRU`) has no function word.
 */
const BETWEEN_WORDS = /[\s"'“”‘’,.;:()]/;
const LETTER = /\p{L}/u;

/**
 * What `/(\p{L}+)[\s"'“”‘’,.;:()]+$/u` finds in the 40 characters before `at`, found by walking back: that
 * pattern, anchored at the end, was tried from every position of the slice.
 */
function wordBefore(text: string, at: number): [string, string] | null {
  const floor = Math.max(0, at - 40);
  let start = at;
  while (start > floor && BETWEEN_WORDS.test(text[start - 1])) start--;
  const wordEnd = start;
  if (wordEnd === at) return null;
  for (;;) {
    const letter = codePointBefore(text, start, floor);
    if (!letter || !LETTER.test(letter)) break;
    start -= letter.length;
  }
  if (start === wordEnd) return null;
  return [text.slice(start, at), text.slice(start, wordEnd)];
}

/** The code point that ends at `at`, not reaching before `floor`; '' at the floor. */
function codePointBefore(text: string, at: number, floor: number): string {
  if (at <= floor) return '';
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at - 2 >= floor) {
    const high = text.charCodeAt(at - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.slice(at - 2, at);
  }
  return text[at - 1];
}

export function inCapitals(text: string, range: Range): boolean {
  const word = text.slice(range.start, range.end);
  if (!CAPITAL_WORD.test(word)) return false;
  const run = [word];
  const walk = (direction: -1 | 1): void => {
    let at = direction < 0 ? range.start : range.end;
    for (;;) {
      const match =
        direction < 0 ? wordBefore(text, at) : /^[\s"'“”‘’,.;:()]+(\p{L}+)/u.exec(text.slice(at, at + 40));
      if (!match || !CAPITAL_WORD.test(match[1]) || /\n\s*\n/.test(match[0])) return;
      run.push(match[1]);
      at += direction * match[0].length;
    }
  };
  walk(-1);
  walk(1);
  return run.length >= CAPITALS_RUN && run.some((w) => FUNCTION_WORDS.has(w));
}
