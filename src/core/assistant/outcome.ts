/**
 * The writing assistant's findings on a whole document, worked out where the analysis is made (the inference
 * process), so that the editor only publishes them.
 */

import { DIAGNOSTIC_CODES, diagnose, type AssistDiagnostic, type DiagnosticCode } from './diagnostics';
import { buildModel, type AssistInput } from './model';
import { glossarySymbols, type GlossarySymbol } from './navigation';
import type { Lang } from '../types';
import { applyMovedPlain, diffMovedPlain, type EditPlace, type ListDelta } from '../delta';

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
    diagnostics: diffMovedPlain(previous.diagnostics, next.diagnostics, edit),
    symbols: diffMovedPlain(previous.symbols, next.symbols, edit),
  };
}

export function applyAssistDelta(previous: AssistOutcome, delta: AssistDelta): AssistOutcome {
  const { edit } = delta;
  return {
    options: delta.options,
    diagnostics: applyMovedPlain(previous.diagnostics, delta.diagnostics, edit),
    symbols: applyMovedPlain(previous.symbols, delta.symbols, edit),
  };
}
