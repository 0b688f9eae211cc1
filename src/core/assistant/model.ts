/**
 * The writing assistant's view of one analysed document: every abbreviation with its definition sites and its
 * mentions, in source offsets. Navigation, diagnostics and quick fixes are all read from it.
 */

import type { AnalysedSpan } from '../analyze';
import { project, type AcronymMacro, type Projection } from '../markup';
import { byStart, rangeKey, sameRange } from '../ranges';
import { knownSingular } from '../text/plural';
import type { GlossaryEntry, Lang, Range } from '../types';
import { findRegions, inRegion, type Regions } from './regions';

/** What the assistant needs of an `Analysis` (or of the extension's per-document result). */
export interface AssistInput {
  readonly spans: readonly AnalysedSpan[];
  readonly glossary: readonly GlossaryEntry[];
}

/** Where an abbreviation is defined: `long form (AC)` / `AC (long form)` in the text, or a LaTeX macro. */
export interface DefinitionSite {
  /** The long form as written. */
  long: string;
  /** The whole site: from the long form to the abbreviation (either order, with a closing bracket), or the macro. */
  range: Range;
  /** The long form's range; the macro's range for a macro. */
  longRange: Range;
  /** The abbreviation inside the site; null for a macro, or when no abbreviation span sits next to it. */
  shortRange: Range | null;
  /** The abbreviation as written inside the site (`CNNs`); null with `shortRange`. */
  shortText: string | null;
  /**
   * For `long form (AC)` / `AC (long form)` with only a bracket between: the site with its closing bracket;
   * for `(AC) long form`, from the opening bracket to the long form's end.
   */
  bracketed: Range | null;
  /** The LaTeX definition macro (`\newacronym`, `\acro`, `\DeclareAcronym`…), or null in the text. */
  macro: AcronymMacro | null;
}

export interface Abbreviation {
  short: string;
  /** The glossary's long form (the first definition's), or null when never defined. */
  long: string | null;
  /** Every definition site, in source order. */
  definitions: DefinitionSite[];
  /** The site the glossary names, else the first one; null when never defined. */
  primary: DefinitionSite | null;
  /** AC spans of this abbreviation outside its definition sites, in source order. */
  mentions: AnalysedSpan[];
  /** Defined in another file of the LaTeX project: the long form is known, no site of it is here. */
  definedElsewhere: boolean;
}

export interface AssistModel {
  source: string;
  lang: Lang;
  projection: Projection;
  abbreviations: Abbreviation[];
  /** Definition macros and headings: read, never rewritten. */
  regions: Regions;
}

/** How far (in source characters) a definition's abbreviation may sit from its long form. */
const DEFINITION_GAP = 24;
const OPENING = /^\s*[([]\s*$/;
const CLOSING = /^\s*[)\]]/;
const CLOSING_GAP = /^\s*[)\]]\s*$/;
const OPENING_BEFORE = /[([]\s*$/;

export function buildModel(input: AssistInput, source: string, lang: Lang): AssistModel {
  const projection = project(source, lang);
  const regions = findRegions(source, lang, projection);
  const keys = new Set(input.glossary.map((entry) => entry.short));
  /** The glossary entry a span's short form belongs to: itself, or the one it is the plural of. */
  const keyOf = (short: string): string | undefined => knownSingular(short, (s) => keys.has(s));
  // What a definition macro holds is part of it: `\acroplural{OS}[OSes]{Operating Systems}` is no use of OS.
  const spans = input.spans.filter((s) => s.source === 'macro' || !inRegion(regions.definitions, s));
  const allAcs = spans.filter((s) => s.label === 'AC').sort(byStart);
  const acs = groupBy(allAcs, (s) => keyOf(s.short ?? s.text));
  // A long form's abbreviation: the one the analysis names. A result that names none for any span (a
  // remote one) leaves it to the abbreviation beside the long form across a bracket; an analysis that
  // names some has paired the others with nothing on purpose.
  const named = spans.some((s) => s.short !== undefined);
  const lfs = groupBy(
    spans.filter((s) => s.label === 'LF'),
    (s) => {
      if (s.short !== undefined) return keyOf(s.short);
      const ac = named ? undefined : besideLongForm(source, s, allAcs);
      return ac && keyOf(ac.short ?? ac.text);
    },
  );
  const macros = groupBy(
    projection.acronyms.filter((m) => m.kind === 'definition' && m.long && !m.plural),
    (m) => m.short,
  );
  const abbreviations = input.glossary.map((entry): Abbreviation => {
    const own = acs.get(entry.short) ?? [];
    const textSites = (lfs.get(entry.short) ?? []).map((lf) => textSite(source, lf, own));
    const macroSites = (macros.get(entry.short) ?? []).map((macro): DefinitionSite => ({
      long: macro.long ?? '',
      range: macro.source,
      longRange: macro.source,
      shortRange: null,
      shortText: null,
      bracketed: null,
      macro,
    }));
    const definitions = [...textSites, ...macroSites];
    // The glossary's definition is a definition here too, so that the assistant never says "never
    // defined" of what the hover shows defined (both read the same result).
    const given = entry.definition;
    if (given && entry.long && !definitions.some((d) => overlapsRange(d.longRange, given))) {
      const lf = spans.find((s) => s.label === 'LF' && sameRange(s, given));
      definitions.push(lf ? textSite(source, lf, own) : bareSite(entry.long, given));
    }
    definitions.sort((a, b) => byStart(a.range, b.range));
    const primary =
      definitions.find((d) => entry.definition && sameRange(d.longRange, entry.definition)) ??
      definitions[0] ??
      null;
    const atSites = new Set(definitions.flatMap((d) => (d.shortRange ? [rangeKey(d.shortRange)] : [])));
    return {
      short: entry.short,
      long: entry.long ?? primary?.long ?? null,
      definitions,
      primary,
      mentions: own.filter((span) => !atSites.has(rangeKey(span))),
      definedElsewhere: definitions.length === 0 && entry.long !== null && entry.definition === null,
    };
  });
  return { source, lang, projection, abbreviations, regions };
}

function overlapsRange(a: Range, b: Range): boolean {
  return a.start < b.end && b.start < a.end;
}

function bareSite(long: string, range: Range): DefinitionSite {
  const longRange = { start: range.start, end: range.end };
  return {
    long,
    range: longRange,
    longRange,
    shortRange: null,
    shortText: null,
    bracketed: null,
    macro: null,
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

const gapBetween = (lf: Range, ac: Range): number =>
  ac.start >= lf.end ? ac.start - lf.end : lf.start - ac.end;

/** Whether `ac` and `lf` make `long form (AC)`, `AC (long form)` or `(AC) long form`. */
function layout(source: string, lf: Range, ac: Range): 'bracket' | 'reversed' | null {
  if ((ac.start < lf.end && lf.start < ac.end) || gapBetween(lf, ac) > DEFINITION_GAP) return null;
  const between = ac.start >= lf.end ? source.slice(lf.end, ac.start) : source.slice(ac.end, lf.start);
  if (/[([]/.test(between)) return 'bracket';
  if (
    ac.end <= lf.start &&
    CLOSING_GAP.test(between) &&
    OPENING_BEFORE.test(source.slice(Math.max(0, ac.start - 8), ac.start))
  )
    return 'reversed';
  return null;
}

/** The nearest abbreviation span beside a long-form span, across a bracket, or undefined. */
function besideLongForm<T extends Range>(source: string, lf: Range, acs: readonly T[]): T | undefined {
  return acs
    .filter((ac) => layout(source, lf, ac) !== null)
    .sort((a, b) => gapBetween(lf, a) - gapBetween(lf, b))[0];
}

/** The definition site of a long-form span: the nearest abbreviation span beside it, across a bracket. */
function textSite(source: string, lf: AnalysedSpan, own: readonly AnalysedSpan[]): DefinitionSite {
  const ac = besideLongForm(source, lf, own);
  const longRange = { start: lf.start, end: lf.end };
  if (!ac) return bareSite(lf.text, longRange);
  const site = {
    long: lf.text,
    longRange,
    shortRange: { start: ac.start, end: ac.end },
    shortText: ac.text,
    macro: null,
  };
  if (layout(source, lf, ac) === 'reversed') {
    const from = Math.max(0, ac.start - 8);
    const open = from + source.slice(from, ac.start).search(OPENING_BEFORE);
    const bracketed = { start: open, end: lf.end };
    return { ...site, range: bracketed, bracketed };
  }
  const [outer, inner] = ac.start >= lf.end ? [lf, ac] : [ac, lf];
  const range = { start: outer.start, end: inner.end };
  const closing = CLOSING.exec(source.slice(inner.end, inner.end + DEFINITION_GAP))?.[0];
  const bracketed =
    OPENING.test(source.slice(outer.end, inner.start)) && closing !== undefined
      ? { start: outer.start, end: inner.end + closing.length }
      : null;
  return { ...site, range: bracketed ?? range, bracketed };
}

/** The abbreviation whose mention, definition site or LaTeX macro covers `offset`. */
export function abbreviationAt(model: AssistModel, offset: number): Abbreviation | undefined {
  const covers = (r: Range) => r.start <= offset && offset < r.end;
  return (
    model.abbreviations.find((a) => a.mentions.some(covers)) ??
    model.abbreviations.find((a) => a.definitions.some((d) => covers(d.range)))
  );
}
