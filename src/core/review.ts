/**
 * What the tagger's spans are checked against before the user sees them: classes of false positives that no
 * reader takes for an abbreviation, abbreviations cut apart at a hyphen, and long forms with no abbreviation.
 * The annotation rules follow ../shared/real-papers/GUIDE.md (the PLOD convention for real papers).
 */

import { byStart } from './ranges';
import type { Span } from './types';
import { NOT_ABBREVIATIONS } from './lexicon/notAbbreviations';

/** A part that may follow an abbreviation across a hyphen: `ML` of `SED-ML`, `CoV` of `SARS-CoV-2`, `19` of `COVID-19`. */
const JOINED_PART = /^(?:\p{N}+|(?=\p{L}*\p{Lu})(?!\p{Lu}\p{Ll}+$)[\p{L}\p{N}]+)$/u;
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
  ...['rpm', 'dB', 'dBm', 'FLOPS', 'GFLOPS', 'TFLOPS', 'mmHg'],
]);
/** Units that are also abbreviations elsewhere (`TB` is tuberculosis): units only after a number. */
const UNITS_AFTER_NUMBER_ONLY = new Set(['TB', 'PB', 'MB', 'GB', 'KB', 'MW', 'GW', 'ms', 'ps', 'mA', 'ml']);
const NUMBER_BEFORE = /\d(?:[.,]\d+)?\s*(?:[-~]\s*)?$/;

const ROMAN = /^(?=[IVX])X{0,3}(?:IX|IV|V?I{0,3})$/;
/** Words before which a roman numeral counts something (`Phase II`, `Type IV`, `World War II`). */
const ROMAN_CONTEXT =
  /\b(?:phase|type|class|stage|grade|part|chapter|section|table|figure|fig\.|appendix|volume|vol\.|level|group|category|study|trial|war|step|experiment|case|complex|era|model|round)\s*$/i;

/** The capital words around an AC span, for telling a shouted sentence (`AS IS … OF ANY KIND`) from an acronym. */
const SHOUTED_WORD = /^\p{Lu}{2,}$/u;
const SHOUTED_RUN = 4;

/** Why `span` (an AC) is no abbreviation, or undefined when it may be one. */
export function noiseReason(text: string, span: Span): string | undefined {
  const written = span.text;
  const bare = written.replace(/['’]s$/u, '');
  if ([...bare].filter((ch) => /[\p{L}\p{N}]/u.test(ch)).length <= 1) return 'a single letter or digit';
  if (/_/.test(bare) || /^[./]|\/$/.test(bare)) return 'an identifier';
  if (NOT_ABBREVIATIONS.has(bare)) return 'a name written in capitals';
  const before = text.slice(Math.max(0, span.start - 24), span.start);
  if (UNITS.has(bare) && (!UNITS_AFTER_NUMBER_ONLY.has(bare) || NUMBER_BEFORE.test(before))) return 'a unit';
  if (ROMAN.test(bare) && (bare !== 'IV' || ROMAN_CONTEXT.test(before))) return 'a roman numeral';
  if (isCamelName(bare)) return 'a name written in camel case';
  if (inShoutedRun(text, span)) return 'a word of a sentence in capitals';
  return undefined;
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

function inShoutedRun(text: string, span: Span): boolean {
  if (!SHOUTED_WORD.test(span.text)) return false;
  const around = (direction: -1 | 1): number => {
    let count = 0;
    let at = direction < 0 ? span.start : span.end;
    for (;;) {
      const slice = direction < 0 ? text.slice(Math.max(0, at - 40), at) : text.slice(at, at + 40);
      const match =
        direction < 0 ? /(\p{L}+)[\s"'“”‘’,.;:()]+$/u.exec(slice) : /^[\s"'“”‘’,.;:()]+(\p{L}+)/u.exec(slice);
      if (!match || !SHOUTED_WORD.test(match[1]) || /\n\s*\n/.test(match[0])) return count;
      count++;
      at += direction * match[0].length;
    }
  };
  return 1 + around(-1) + around(1) >= SHOUTED_RUN;
}
