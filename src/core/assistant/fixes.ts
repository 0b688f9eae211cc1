/** Quick fixes for the assistant's diagnostics, and LaTeX `\ac{…}` conversion, as plain text edits. */

import type { AnalysedSpan } from '../analyze';
import { escapeLatex } from '../glossary/formats';
import type { Range } from '../types';
import { isPluralOf, plural } from '../text/plural';
import { foldCaseAndSpace } from '../text/space';
import type { AssistDiagnostic } from './diagnostics';
import { acronymCommand, declarationEdit, latexAcronymPackage } from './latex';
import { overlaps, sameRange } from '../ranges';
import type { Abbreviation, AssistModel, DefinitionSite } from './model';

/** Replace `range` of the source with `newText` (an insertion when the range is empty). */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  title: string;
  /** The range the fix is about: its diagnostic's, or the mention it converts. */
  at: Range;
  edits: TextEdit[];
  /** The fix to apply with "Fix" / auto-fix: the one that is almost always right. */
  preferred: boolean;
}

/** The fixes for one of the assistant's diagnostics. */
export function fixesFor(model: AssistModel, diagnostic: AssistDiagnostic): Fix[] {
  const abbreviation = model.abbreviations.find((a) => a.short === diagnostic.short);
  if (!abbreviation) return [];
  switch (diagnostic.code) {
    case 'used-before-definition':
      return defineAtFirstUse(model, abbreviation);
    case 'repeated-long-form':
      return [useAbbreviation(model, abbreviation, diagnostic)];
    case 'redefined':
      return dropRepeatedDefinition(abbreviation, diagnostic);
    case 'unused-definition':
      return dropUnusedAbbreviation(model, abbreviation);
    case 'single-use':
      return writeOutSingleUse(model, abbreviation);
    case 'undefined':
      return [];
  }
}

/** A plain `long form (AC)` definition site and the long form's source text, when the site is that simple. */
function plainSite(model: AssistModel, site: DefinitionSite | null | undefined) {
  if (!site?.bracketed || !site.shortText || site.macro) return null;
  return { site, bracketed: site.bracketed, shortText: site.shortText, long: textAt(model, site.longRange) };
}

/** `long form (AC)` defined again with the same long form: keep just the abbreviation there. */
function dropRepeatedDefinition(a: Abbreviation, diagnostic: AssistDiagnostic): Fix[] {
  const [first, ...later] = a.definitions;
  const site = later.find((d) => d.shortRange && sameRange(d.shortRange, diagnostic.range));
  if (
    !first ||
    !site?.bracketed ||
    !site.shortText ||
    foldCaseAndSpace(site.long) !== foldCaseAndSpace(first.long)
  )
    return [];
  return [
    {
      title: `Remove the repeated definition of ${a.short}`,
      at: diagnostic.range,
      edits: [{ range: site.bracketed, newText: site.shortText }],
      preferred: true,
    },
  ];
}

/** `long form (AC)` never used again: keep just the long form. */
function dropUnusedAbbreviation(model: AssistModel, a: Abbreviation): Fix[] {
  const plain = plainSite(model, a.primary);
  if (!plain) return [];
  return [
    {
      title: `Remove the unused abbreviation ${a.short}`,
      at: plain.site.shortRange ?? plain.bracketed,
      edits: [{ range: plain.bracketed, newText: plain.long }],
      preferred: true,
    },
  ];
}

/** The acro package's `single` rule by hand: the long form at the definition and at the one use. */
function writeOutSingleUse(model: AssistModel, a: Abbreviation): Fix[] {
  const plain = plainSite(model, a.primary);
  const [only] = a.mentions;
  if (!plain || !only || only.source === 'macro') return [];
  return [
    {
      title: `Write out ${plain.long} instead of ${a.short}`,
      at: plain.site.shortRange ?? plain.bracketed,
      edits: [
        { range: plain.bracketed, newText: plain.long },
        { range: rangeOf(only), newText: pluralLong(plain.long, only.text, a.short) },
      ],
      preferred: false,
    },
  ];
}

/**
 * Writes the long form at the first mention (`CNN` → `convolutional neural network (CNN)`), and turns the
 * first definition, when it is a plain `long form (AC)`, into the abbreviation alone.
 */
function defineAtFirstUse(model: AssistModel, a: Abbreviation): Fix[] {
  const first = a.mentions.find((m) => m.source !== 'macro');
  const site = a.definitions[0];
  if (!first || !site || site.macro || first.start > site.range.start) return [];
  const long = pluralLong(textAt(model, site.longRange), first.text, a.short);
  const edits: TextEdit[] = [{ range: rangeOf(first), newText: `${long} (${first.text})` }];
  if (site.bracketed && site.shortText) edits.push({ range: site.bracketed, newText: site.shortText });
  return [{ title: `Define ${a.short} at its first use`, at: rangeOf(first), edits, preferred: true }];
}

function useAbbreviation(model: AssistModel, a: Abbreviation, diagnostic: AssistDiagnostic): Fix {
  const short = diagnostic.plural ? plural(a.short) : a.short;
  const newText = model.lang === 'latex' ? escapeLatex(short) : short;
  return {
    title: `Use the abbreviation ${short}`,
    at: diagnostic.range,
    edits: [{ range: diagnostic.range, newText }],
    preferred: true,
  };
}

/**
 * In a LaTeX document that loads glossaries, acro or acronym: for each plain mention overlapping `range`,
 * "Convert to \ac{key}" (this mention) and "Convert every AC to \ac{key}" (every plain mention, and a plain
 * `long form (AC)` definition). Both add the package's definition macro to the preamble when the document
 * has none for this abbreviation.
 */
export function latexConversions(model: AssistModel, range: Range): Fix[] {
  if (model.lang !== 'latex') return [];
  const pkg = latexAcronymPackage(model.source);
  if (!pkg) return [];
  const fixes: Fix[] = [];
  for (const a of model.abbreviations) {
    const plain = a.mentions.filter((m) => m.source !== 'macro');
    const here = plain.filter((m) => m.start <= range.end && range.start <= m.end);
    if (here.length === 0) continue;
    const existing = a.definitions.find((d) => d.macro)?.macro ?? null;
    const declaration = existing ? null : declarationEdit(model, pkg, a);
    if (!existing && !declaration) continue;
    const key = existing?.key ?? declaration?.key ?? '';
    const extra = declaration ? [declaration.edit] : [];
    const convert = (m: AnalysedSpan): TextEdit => ({
      range: rangeOf(m),
      newText: acronymCommand(key, m.text, a.short),
    });
    for (const mention of here) {
      fixes.push({
        title: `Convert to ${acronymCommand(key, mention.text, a.short)}`,
        at: rangeOf(mention),
        edits: [convert(mention), ...extra],
        preferred: false,
      });
    }
    const long = foldCaseAndSpace(existing?.long ?? a.long ?? '');
    const sites = a.definitions.filter(
      (d) => d.bracketed && d.shortText !== null && foldCaseAndSpace(d.long) === long,
    );
    if (plain.length + sites.length > 1) {
      const edits = [
        ...extra,
        ...sites.map((d) => ({
          range: d.bracketed as Range,
          newText: acronymCommand(key, d.shortText ?? a.short, a.short),
        })),
        ...plain.map(convert),
      ];
      fixes.push({
        title: `Convert every ${a.short} to \\ac{${key}}`,
        at: rangeOf(here[0]),
        edits: withoutOverlaps(edits),
        preferred: false,
      });
    }
  }
  return fixes;
}

/** The long form in the plural (`…networks`) for a plural mention (`CNNs`), unless it already ends in `s`. */
function pluralLong(long: string, written: string, short: string): string {
  return isPluralOf(written, short) && !long.endsWith('s') ? `${long}s` : long;
}

function textAt(model: AssistModel, range: Range): string {
  return model.source.slice(range.start, range.end);
}

function rangeOf(span: Range): Range {
  return { start: span.start, end: span.end };
}

/** Drops edits that overlap an earlier one (a workspace edit must not overlap itself). */
function withoutOverlaps(edits: TextEdit[]): TextEdit[] {
  const kept: TextEdit[] = [];
  for (const edit of edits) {
    const clash = kept.some((k) => sameRange(k.range, edit.range) || overlaps(k.range, edit.range));
    if (!clash) kept.push(edit);
  }
  return kept;
}

/** Applies non-overlapping edits to `source` (for tests and previews). */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  let result = source;
  for (const edit of [...edits].sort((a, b) => b.range.start - a.range.start)) {
    result = result.slice(0, edit.range.start) + edit.newText + result.slice(edit.range.end);
  }
  return result;
}
