/**
 * The writing assistant's findings on a whole document, worked out where the analysis is made (the inference
 * process), so that the editor only publishes them.
 */

import { DIAGNOSTIC_CODES, diagnose, type AssistDiagnostic, type DiagnosticCode } from './diagnostics';
import { buildModel, type AssistInput } from './model';
import { glossarySymbols, type GlossarySymbol } from './navigation';
import type { Lang } from '../types';
import { applyList, diffList, moveRange, samePlain, type EditPlace, type ListDelta } from '../delta';

/** What the checks depend on besides the text: `plodTagger.diagnostics.disabledRules` and `.wellKnown`. */
export interface AssistOptions {
  disabledRules: readonly DiagnosticCode[];
  wellKnown: readonly string[];
}

export interface AssistOutcome {
  /** The options they were found with: findings for other options are no answer to the current settings. */
  options: AssistOptions;
  diagnostics: AssistDiagnostic[];
  symbols: GlossarySymbol[];
}

export function assistOutcome(
  input: AssistInput,
  source: string,
  lang: Lang,
  options: AssistOptions,
): AssistOutcome {
  const model = buildModel(input, source, lang);
  const diagnostics = diagnose(model, (code) => !options.disabledRules.includes(code), {
    wellKnown: options.wellKnown,
  });
  return { options: normalOptions(options), diagnostics, symbols: glossarySymbols(model) };
}

/** Whether findings made with `found` answer settings `wanted`: the same rules off and the same words known. */
export function sameAssistOptions(found: AssistOptions, wanted: AssistOptions): boolean {
  const a = normalOptions(found);
  const b = normalOptions(wanted);
  return sameList(a.disabledRules, b.disabledRules) && sameList(a.wellKnown, b.wellKnown);
}

function normalOptions(options: AssistOptions): AssistOptions {
  return {
    disabledRules: DIAGNOSTIC_CODES.filter((code) => options.disabledRules.includes(code)),
    wellKnown: [...new Set(options.wellKnown)].sort(),
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** The findings after an edit, as a change to the findings before it (see core/delta.ts). */
export interface AssistDelta {
  options: AssistOptions;
  edit: EditPlace;
  diagnostics: ListDelta<AssistDiagnostic>;
  symbols: ListDelta<GlossarySymbol>;
}

export function diffAssist(previous: AssistOutcome, next: AssistOutcome, edit: EditPlace): AssistDelta {
  return {
    options: next.options,
    edit,
    diagnostics: diffMoved(previous.diagnostics, next.diagnostics, (d) => moveDiagnostic(d, edit)),
    symbols: diffMoved(previous.symbols, next.symbols, (s) => moveSymbol(s, edit)),
  };
}

export function applyAssistDelta(previous: AssistOutcome, delta: AssistDelta): AssistOutcome {
  const { edit } = delta;
  return {
    options: delta.options,
    diagnostics: applyList(previous.diagnostics, delta.diagnostics, (d) => moveDiagnostic(d, edit)),
    symbols: applyList(previous.symbols, delta.symbols, (s) => moveSymbol(s, edit)),
  };
}

/**
 * A finding anywhere in the list may have a place after the edit (a diagnostic's related definition, say), so
 * each previous one is moved before it is compared.
 */
function diffMoved<T>(before: readonly T[], after: readonly T[], move: (item: T) => T): ListDelta<T> {
  return diffList(before.map(move), after, samePlain);
}

function moveDiagnostic(d: AssistDiagnostic, edit: EditPlace): AssistDiagnostic {
  const related = d.related.map((r) => ({ ...r, range: moveRange(r.range, edit) }));
  return { ...d, range: moveRange(d.range, edit), related };
}

function moveSymbol(s: GlossarySymbol, edit: EditPlace): GlossarySymbol {
  return { ...s, range: moveRange(s.range, edit), selection: moveRange(s.selection, edit) };
}
