/** The writing assistant's checks on abbreviations, as plain data in source offsets. */

import type { Range } from '../types';
import { findLongForm, WordIndex } from './longForms';
import { lineCounter } from '../text/lines';
import { foldCaseAndSpace } from '../text/space';
import { byStart, overlaps } from '../ranges';
import type { Abbreviation, AssistModel, DefinitionSite } from './model';

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

/** Every check on every abbreviation, sorted by position; `enabled` filters by code. */
export function diagnose(
  model: AssistModel,
  enabled: (code: DiagnosticCode) => boolean = () => true,
): AssistDiagnostic[] {
  const lineAt = lineCounter(model.source);
  const line = (range: Range) => lineAt(range.start);
  const rules: [DiagnosticCode, (a: Abbreviation) => AssistDiagnostic[]][] = [
    ['used-before-definition', (a) => usedBeforeDefinition(a, line)],
    ['undefined', (a) => undefinedAbbreviation(a, line)],
    ['redefined', (a) => redefinitions(a, line)],
    ['unused-definition', (a) => rarelyUsed(a, line)],
    ['single-use', (a) => rarelyUsed(a, line)],
  ];
  const found: AssistDiagnostic[] = [];
  for (const [code, rule] of rules) {
    if (enabled(code))
      for (const a of model.abbreviations) found.push(...rule(a).filter((d) => d.code === code));
  }
  if (enabled('repeated-long-form')) found.push(...repeatedLongForms(model, line));
  return found.sort((a, b) => byStart(a.range, b.range));
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

function undefinedAbbreviation(a: Abbreviation, line: LineOf): AssistDiagnostic[] {
  const [first, ...others] = a.mentions;
  if (a.definitions.length > 0 || !first) return [];
  const uses = a.mentions.length === 1 ? 'once' : `${a.mentions.length} times`;
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

function redefinitions(a: Abbreviation, line: LineOf): AssistDiagnostic[] {
  const [first, ...later] = a.definitions;
  if (!first) return [];
  return later.map((site): AssistDiagnostic => {
    const same = foldCaseAndSpace(site.long) === foldCaseAndSpace(first.long);
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

/** Defined but never used, or used once only (the acro package's `single` rule). */
function rarelyUsed(a: Abbreviation, line: LineOf): AssistDiagnostic[] {
  const site = a.primary;
  if (!site || a.mentions.length > 1) return [];
  const [only] = a.mentions;
  if (!only) {
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
function repeatedLongForms(model: AssistModel, line: LineOf): AssistDiagnostic[] {
  const index = new WordIndex(model.projection.text);
  const sites = model.abbreviations.flatMap((other) => other.definitions.map((d) => d.range));
  const found: AssistDiagnostic[] = [];
  for (const a of model.abbreviations) {
    const first = a.definitions[0];
    if (!first) continue;
    for (const match of findLongForm(index, first.long)) {
      const range = model.projection.toSource(match);
      if (range.start < first.range.end || sites.some((s) => overlaps(s, range))) continue;
      found.push({
        code: 'repeated-long-form',
        short: a.short,
        range,
        message: `“${match.text}” is written out again; ${a.short} is defined on line ${line(first.range)}`,
        related: [{ range: here(first), message: `${a.short} is defined here` }],
        plural: match.plural,
      });
    }
  }
  return found;
}
