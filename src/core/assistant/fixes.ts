/** Quick fixes for the assistant's diagnostics, and LaTeX `\ac{…}` conversion, as plain text edits. */

import type { AnalysedSpan } from '../analyze';
import { escapeLatex } from '../glossary/formats';
import type { Range } from '../types';
import { isPluralOf, isPluralPhrase, plural, pluralPhrase, singularPhrase } from '../text/plural';
import { foldLongForm, type AssistDiagnostic } from './diagnostics';
import {
  declarationEdit,
  latexAcronymPackage,
  mentionCommand,
  mentionMacros,
  type AcronymPackage,
  type MentionMacros,
} from './latex';
import { overlaps, sameRange } from '../ranges';
import type { Abbreviation, AssistModel, DefinitionSite } from './model';
import { inRegion } from './regions';

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

/**
 * The fixes for one of the assistant's diagnostics. None rewrites a definition macro or a heading: a fix
 * that would is not offered.
 */
export function fixesFor(
  model: AssistModel,
  diagnostic: AssistDiagnostic,
  guesses: readonly GuessedLongForm[] = [],
): Fix[] {
  const abbreviation = model.abbreviations.find((a) => a.short === diagnostic.short);
  if (!abbreviation) return [];
  return fixesOf(model, abbreviation, diagnostic, guesses).filter((fix) => leavesRegionsAlone(model, fix));
}

/** A likely long form of an abbreviation that the document never defines, and where the guess comes from. */
export interface GuessedLongForm {
  long: string;
  source: string;
}

function fixesOf(
  model: AssistModel,
  abbreviation: Abbreviation,
  diagnostic: AssistDiagnostic,
  guesses: readonly GuessedLongForm[],
): Fix[] {
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
      return guesses.flatMap((guess) => defineWithGuess(model, abbreviation, guess));
  }
}

/** `long form (AC)` at the first plain mention, with a guessed long form; never the preferred fix. */
function defineWithGuess(model: AssistModel, a: Abbreviation, guess: GuessedLongForm): Fix[] {
  const first = a.mentions.find((m) => m.source !== 'macro' && !inRegion(model.regions.headings, m));
  if (!first) return [];
  const many = isPluralOf(first.text, a.short) && !isPluralPhrase(guess.long);
  const long = many ? pluralPhrase(guess.long) : guess.long;
  const written = model.lang === 'latex' ? escapeLatex(long) : long;
  const [open, close] = insideBrackets(model.source, first.start) ? ['[', ']'] : ['(', ')'];
  return [
    {
      title: `Define ${a.short} at its first use as “${long}” (a guess from ${guess.source})`,
      at: rangeOf(first),
      edits: [{ range: rangeOf(first), newText: `${written} ${open}${first.text}${close}` }],
      preferred: false,
    },
  ];
}

/** Whether no edit of `fix` touches a definition macro or a heading (an insertion at their edge is fine). */
function leavesRegionsAlone(model: AssistModel, fix: Fix): boolean {
  const regions = [...model.regions.definitions, ...model.regions.headings];
  return fix.edits.every((edit) =>
    edit.range.start === edit.range.end
      ? !regions.some((r) => r.start < edit.range.start && edit.range.start < r.end)
      : !inRegion(regions, edit.range),
  );
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
  if (!first || !site?.bracketed || !site.shortText || foldLongForm(site.long) !== foldLongForm(first.long))
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
        { range: rangeOf(only), newText: longFormFor(plain.long, plain.site, only.text, a.short) },
      ],
      preferred: false,
    },
  ];
}

/**
 * Writes the long form at the first mention (`CNN` → `convolutional neural network (CNN)`), and turns the
 * first definition, when it is a plain `long form (AC)`, into the abbreviation alone. The long form takes
 * the mention's number (`MSA` → `multiple sequence alignment (MSA)` where `MSAs (multiple sequence
 * alignments)` was the definition); inside brackets the abbreviation goes in square ones (`(by predicted
 * LDDT [pLDDT])`). A mention in a heading is left as it is: the definition goes in the text after it.
 */
function defineAtFirstUse(model: AssistModel, a: Abbreviation): Fix[] {
  const first = a.mentions.find((m) => m.source !== 'macro' && !inRegion(model.regions.headings, m));
  const site = a.definitions[0];
  if (!first || !site || site.macro || first.start > site.range.start) return [];
  const long = longFormFor(textAt(model, site.longRange), site, first.text, a.short);
  const [open, close] = insideBrackets(model.source, first.start) ? ['[', ']'] : ['(', ')'];
  const edits: TextEdit[] = [{ range: rangeOf(first), newText: `${long} ${open}${first.text}${close}` }];
  if (site.bracketed && site.shortText) edits.push({ range: site.bracketed, newText: site.shortText });
  return [{ title: `Define ${a.short} at its first use`, at: rangeOf(first), edits, preferred: true }];
}

/**
 * The long form written out again, replaced by the abbreviation: in a LaTeX document whose package
 * declares it, by the document's own macro (`\gls{DOS}`, `\acp{os}`), else by the abbreviation as text.
 */
function useAbbreviation(model: AssistModel, a: Abbreviation, diagnostic: AssistDiagnostic): Fix {
  const first = a.definitions[0];
  const definedPlural = !!first?.shortText && isPluralOf(first.shortText, a.short);
  const many =
    diagnostic.plural === true || (definedPlural && isPluralPhrase(textAt(model, diagnostic.range)));
  const short = many ? plural(a.short) : a.short;
  const latex = latexMacros(model);
  const declared = a.definitions.find((d) => d.macro)?.macro;
  if (latex && declared) {
    const capital = atSentenceStart(model.source, diagnostic.range.start);
    const command = mentionCommand(latex.macros, declared.key, many, capital);
    return {
      title: `Use the abbreviation ${short} (${command})`,
      at: diagnostic.range,
      edits: [{ range: diagnostic.range, newText: command }],
      preferred: true,
    };
  }
  const newText = model.lang === 'latex' ? escapeLatex(short) : short;
  return {
    title: `Use the abbreviation ${short}`,
    at: diagnostic.range,
    edits: [{ range: diagnostic.range, newText }],
    preferred: true,
  };
}

/** The acronym package a LaTeX document loads, and the macros it writes mentions with; null otherwise. */
function latexMacros(model: AssistModel): { pkg: AcronymPackage; macros: MentionMacros } | null {
  if (model.lang !== 'latex') return null;
  const pkg = latexAcronymPackage(model.source);
  return pkg ? { pkg, macros: mentionMacros(model.source, pkg) } : null;
}

/**
 * In a LaTeX document that loads glossaries, acro or acronym: for each plain mention overlapping `range`,
 * "Convert to \ac{key}" (this mention) and "Convert every AC to \ac{key}" (every plain mention, and a plain
 * `long form (AC)` definition), with the document's own macros (`\gls` for glossaries) and its keys as
 * declared. Both add the package's definition macro to the preamble when the document has none for this
 * abbreviation. Mentions in headings and definition macros are left as they are.
 */
export function latexConversions(model: AssistModel, range: Range): Fix[] {
  const latex = latexMacros(model);
  if (!latex) return [];
  const { pkg, macros } = latex;
  const regions = [...model.regions.definitions, ...model.regions.headings];
  const fixes: Fix[] = [];
  for (const a of model.abbreviations) {
    const plain = a.mentions.filter((m) => m.source !== 'macro' && !inRegion(regions, m));
    const here = plain.filter((m) => m.start <= range.end && range.start <= m.end);
    if (here.length === 0) continue;
    const existing = a.definitions.find((d) => d.macro)?.macro ?? null;
    const declaration = existing ? null : declarationEdit(model, pkg, a, declaredLong(a));
    if (!existing && !declaration) continue;
    const key = existing?.key ?? declaration?.key ?? '';
    const extra = declaration ? [declaration.edit] : [];
    const command = (written: string, at: number) =>
      mentionCommand(macros, key, isPluralOf(written, a.short), atSentenceStart(model.source, at));
    const convert = (m: AnalysedSpan): TextEdit => ({ range: rangeOf(m), newText: command(m.text, m.start) });
    for (const mention of here) {
      fixes.push({
        title: `Convert to ${command(mention.text, mention.start)}`,
        at: rangeOf(mention),
        edits: [convert(mention), ...extra],
        preferred: false,
      });
    }
    const long = foldLongForm(existing?.long ?? a.long ?? '');
    const sites = a.definitions.filter(
      (d) =>
        d.bracketed &&
        d.shortText !== null &&
        foldLongForm(d.long) === long &&
        !inRegion(regions, d.bracketed),
    );
    if (plain.length + sites.length > 1) {
      const edits = [
        ...extra,
        ...sites.map((d) => ({
          range: d.bracketed as Range,
          newText: command(d.shortText ?? a.short, d.bracketed?.start ?? 0),
        })),
        ...plain.map(convert),
      ];
      fixes.push({
        title: `Convert every ${a.short} to ${mentionCommand(macros, key, false)}`,
        at: rangeOf(here[0]),
        edits: withoutOverlaps(edits),
        preferred: false,
      });
    }
  }
  return fixes;
}

/** The long form a new declaration gets: in the singular, as a declaration's long form is. */
function declaredLong(a: Abbreviation): string | null {
  const long = a.long ?? a.primary?.long ?? null;
  const site = a.primary;
  if (!long || !site?.shortText || !isPluralOf(site.shortText, a.short)) return long;
  return singularPhrase(long);
}

/**
 * The long form of a definition site, in the number of a mention written `written`: the plural for a plural
 * mention (`CNNs`), the singular for a singular one where the site defined the plural (`MSAs (multiple
 * sequence alignments)`).
 */
function longFormFor(long: string, site: DefinitionSite, written: string, short: string): string {
  const mentionPlural = isPluralOf(written, short);
  const sitePlural = site.shortText !== null && isPluralOf(site.shortText, short);
  if (mentionPlural && !sitePlural && !isPluralPhrase(long)) return pluralPhrase(long);
  if (!mentionPlural && sitePlural) return singularPhrase(long);
  return long;
}

/** Whether `offset` lies inside round brackets opened earlier in its paragraph. */
function insideBrackets(source: string, offset: number): boolean {
  const from = Math.max(0, offset - 400);
  const before = source.slice(from, offset);
  const paragraph = before.slice(before.search(/\n\s*\n(?![\s\S]*\n\s*\n)/) + 1);
  let depth = 0;
  for (const ch of paragraph) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
  }
  return depth > 0;
}

/** Whether `offset` starts a sentence: at a paragraph's start, or after `.`, `!` or `?` (not `e.g.`). */
function atSentenceStart(source: string, offset: number): boolean {
  const before = source.slice(Math.max(0, offset - 200), offset);
  if (/^\s*$/.test(before) && offset === before.length) return true;
  if (/\n[ \t]*\n[ \t]*$/.test(before)) return true;
  if (/\b(?:e\.g|i\.e|cf|vs|etc|al|Fig|Eq|Sec|No)\.\s+$/.test(before)) return false;
  return /[.!?]["')\]]?\s+$/.test(before);
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
