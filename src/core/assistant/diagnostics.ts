/** The writing assistant's checks on abbreviations, as plain data in source offsets. */

import type { Range } from '../types';
import { findLongForm, firstWordOf, WordIndex } from './longForms';
import { lineCounter } from '../text/lines';
import { singularPhrase } from '../text/plural';
import { byStart, SortedRanges } from '../ranges';
import type { Abbreviation, AssistModel, DefinitionSite } from './model';
import { printsUnusedDeclarations } from './latex';
import { isWellKnown } from './wellKnown';
import { inCapitals, isNameShaped } from '../review';

export type DiagnosticCode =
  | 'used-before-definition'
  | 'undefined'
  | 'redefined'
  | 'unused-definition'
  | 'single-use'
  | 'repeated-long-form';

export const DIAGNOSTIC_CODES: readonly DiagnosticCode[] = [
  'used-before-definition',
  'undefined',
  'redefined',
  'unused-definition',
  'single-use',
  'repeated-long-form',
];

export interface RelatedPlace {
  range: Range;
  message: string;
}

export interface AssistDiagnostic {
  code: DiagnosticCode;
  /** The abbreviation it is about. */
  short: string;
  range: Range;
  message: string;
  related: RelatedPlace[];
  /** For `repeated-long-form`: whether the long form was written in the plural (`…networks`). */
  plural?: boolean;
}

export interface DiagnoseOptions {
  /** Abbreviations that need no definition besides the shipped list (`plodTagger.diagnostics.wellKnown`). */
  wellKnown?: readonly string[];
}

/** Every check on every abbreviation, sorted by position; `enabled` filters by code. */
export function diagnose(
  model: AssistModel,
  enabled: (code: DiagnosticCode) => boolean = () => true,
  options: DiagnoseOptions = {},
): AssistDiagnostic[] {
  const found: AssistDiagnostic[] = [];
  for (const step of diagnosisSteps(model, enabled, options)) found.push(...step);
  return sortDiagnostics(found);
}

/** In the order `diagnose` gives them: by position, ties in the order they were found. */
export function sortDiagnostics(found: AssistDiagnostic[]): AssistDiagnostic[] {
  return found.sort((a, b) => byStart(a.range, b.range));
}

/**
 * The checks of `diagnose`, one rule on one abbreviation at a time, so that a caller on a busy thread can yield
 * between steps. The steps' diagnostics, in order and sorted by `sortDiagnostics`, are what `diagnose` gives.
 */
export function* diagnosisSteps(
  model: AssistModel,
  enabled: (code: DiagnosticCode) => boolean = () => true,
  options: DiagnoseOptions = {},
): Generator<AssistDiagnostic[]> {
  const lineAt = lineCounter(model.source);
  const line = (range: Range) => lineAt(range.start);
  const wellKnown = options.wellKnown ?? [];
  const printsUnused = printsUnusedDeclarations(model);
  const rules: [DiagnosticCode, (a: Abbreviation) => AssistDiagnostic[]][] = [
    ['used-before-definition', (a) => usedBeforeDefinition(a, line)],
    ['undefined', (a) => undefinedAbbreviation(model, a, line, wellKnown)],
    ['redefined', (a) => redefinitions(a, line)],
    ['unused-definition', (a) => rarelyUsed(a, line, printsUnused)],
    ['single-use', (a) => rarelyUsed(a, line, printsUnused)],
  ];
  for (const [code, rule] of rules) {
    if (enabled(code)) for (const a of model.abbreviations) yield rule(a).filter((d) => d.code === code);
  }
  if (enabled('repeated-long-form')) yield* repeatedLongForms(model, line);
}

type LineOf = (range: Range) => number;

const here = (site: DefinitionSite): Range => site.shortRange ?? site.range;

/** Plain mentions before the first definition; LaTeX macros (`\ac{…}`) place the long form themselves. */
function usedBeforeDefinition(a: Abbreviation, line: LineOf): AssistDiagnostic[] {
  const first = a.definitions[0];
  if (!first) return [];
  return a.mentions
    .filter((m) => m.start < first.range.start && m.source !== 'macro')
    .map((m) => ({
      code: 'used-before-definition',
      short: a.short,
      range: { start: m.start, end: m.end },
      message: `${a.short} is used before its definition on line ${line(first.range)}`,
      related: [{ range: here(first), message: `${a.short} is defined here` }],
    }));
}

/**
 * Used but never defined. Not said of what needs no definition (the style guides' well-known abbreviations,
 * and the user's), nor of what is no abbreviation to define whatever the tagger says: a single character, a
 * code identifier (`LD_PRELOAD`), a camel-case name (`AlphaFold`, `MGnify`, `libSBML`), or words in a passage
 * set in capitals (`AS IS … OF ANY KIND`): the review's rules (core/review.ts), one copy for the tags and the
 * diagnostics, which also read remote results.
 */
function undefinedAbbreviation(
  model: AssistModel,
  a: Abbreviation,
  line: LineOf,
  wellKnown: readonly string[],
): AssistDiagnostic[] {
  if (
    a.definitions.length > 0 ||
    a.definedElsewhere ||
    isWellKnown(a.short, wellKnown) ||
    isNameShaped(a.short)
  )
    return [];
  const mentions = a.mentions.filter((m) => !inCapitals(model.source, m));
  const [first, ...others] = mentions;
  if (!first) return [];
  const uses = mentions.length === 1 ? 'once' : `${mentions.length} times`;
  return [
    {
      code: 'undefined',
      short: a.short,
      range: { start: first.start, end: first.end },
      message: `${a.short} is used ${uses} but never defined (first use on line ${line(first)})`,
      related: others.map((m) => ({
        range: { start: m.start, end: m.end },
        message: `${a.short} is used here`,
      })),
    },
  ];
}

/** A long form as two definitions compare it: case, hyphens and white space, and a plural do not count. */
export function foldLongForm(long: string): string {
  return singularPhrase(
    long
      .toLowerCase()
      .replace(/[\s\u2010-\u2015-]+/g, ' ')
      .trim(),
  );
}

function redefinitions(a: Abbreviation, line: LineOf): AssistDiagnostic[] {
  const [first, ...later] = a.definitions;
  if (!first) return [];
  return later.map((site): AssistDiagnostic => {
    const same = foldLongForm(site.long) === foldLongForm(first.long);
    const message = same
      ? `${a.short} is defined again; it is already defined on line ${line(first.range)}`
      : `${a.short} is defined again as “${site.long}”, but on line ${line(first.range)} as “${first.long}”`;
    return {
      code: 'redefined',
      short: a.short,
      range: here(site),
      message,
      related: [{ range: here(first), message: `${a.short} is first defined here` }],
    };
  });
}

/**
 * Defined but never used, or used once only (the acro package's `single` rule). An unused declaration
 * (`\newacronym`, `\acro`…) is said only where the document prints it: a list of acronyms of the acronym
 * package; glossaries and acro list only what is used, so the declaration costs the reader nothing.
 */
function rarelyUsed(
  a: Abbreviation,
  line: LineOf,
  printsUnused: (site: DefinitionSite) => boolean,
): AssistDiagnostic[] {
  const site = a.primary;
  if (!site || a.mentions.length > 1) return [];
  const [only] = a.mentions;
  if (!only) {
    if (site.macro && !printsUnused(site)) return [];
    return [
      {
        code: 'unused-definition',
        short: a.short,
        range: here(site),
        message: `${a.short} is defined on line ${line(site.range)} but never used`,
        related: [],
      },
    ];
  }
  return [
    {
      code: 'single-use',
      short: a.short,
      range: here(site),
      message: `${a.short} is used only once, on line ${line(only)}; the long form alone may read better`,
      related: [{ range: { start: only.start, end: only.end }, message: `the only use of ${a.short}` }],
    },
  ];
}

/** The long form written out again, after the first definition, in prose (the projected text). */
/** Each model's word index, built once: diagnostics are asked for again when only the settings changed. */
const wordIndexes = new WeakMap<AssistModel, WordIndex>();

function* repeatedLongForms(model: AssistModel, line: LineOf): Generator<AssistDiagnostic[]> {
  let index = wordIndexes.get(model);
  if (!index) {
    const firstWords = model.abbreviations.flatMap((a) => {
      const word = a.definitions[0] && firstWordOf(a.definitions[0].long);
      return word ? [word] : [];
    });
    const building = WordIndex.built(model.projection.text, 2000, new Set(firstWords));
    for (let step = building.next(); ; step = building.next()) {
      if (step.done) {
        wordIndexes.set(model, (index = step.value));
        break;
      }
      yield [];
    }
  }
  const sites = new SortedRanges([
    ...model.abbreviations.flatMap((other) => other.definitions.map((d) => d.range)),
    ...model.regions.definitions,
    ...model.regions.headings,
    // `\acf{SDR}` writes its long form out because the author asked the package to, not by hand.
    ...model.projection.acronyms.filter((m) => m.kind === 'mention').map((m) => m.source),
  ]);
  for (const a of model.abbreviations) {
    const first = a.definitions[0];
    if (!first) continue;
    const found: AssistDiagnostic[] = [];
    for (const match of findLongForm(index, first.long)) {
      const range = model.projection.toSource(match);
      if (range.start < first.range.end || sites.overlaps(range)) continue;
      found.push({
        code: 'repeated-long-form',
        short: a.short,
        range,
        message: `“${match.text}” is written out again; ${a.short} is defined on line ${line(first.range)}`,
        related: [{ range: here(first), message: `${a.short} is defined here` }],
        plural: match.plural,
      });
    }
    yield found;
  }
}
