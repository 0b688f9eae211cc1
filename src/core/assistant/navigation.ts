/** Go to Definition, Find All References and the Outline's glossary, as plain source ranges. */

import type { Range } from '../types';
import { byStart, sameRange } from '../ranges';
import { abbreviationAt, type AssistModel } from './model';

export interface DefinitionTarget {
  /** The whole definition: `long form (AC)`, or the LaTeX macro. */
  range: Range;
  /** What to select inside it: the abbreviation of `long form (AC)`, or the macro. */
  selection: Range;
}

/** Where the abbreviation at `offset` is defined (its first-listed definition), or undefined. */
export function definitionAt(model: AssistModel, offset: number): DefinitionTarget | undefined {
  const site = abbreviationAt(model, offset)?.primary;
  if (!site) return undefined;
  return { range: site.range, selection: site.shortRange ?? site.range };
}

/**
 * Every mention of the abbreviation at `offset`, in source order; with `includeDeclaration`, also each
 * definition (the abbreviation inside `long form (AC)`, or the macro).
 */
export function referencesAt(model: AssistModel, offset: number, includeDeclaration: boolean): Range[] {
  const abbreviation = abbreviationAt(model, offset);
  if (!abbreviation) return [];
  const ranges: Range[] = abbreviation.mentions.map((m) => ({ start: m.start, end: m.end }));
  if (includeDeclaration) {
    for (const site of abbreviation.definitions) ranges.push(site.shortRange ?? site.range);
  }
  return ranges.sort(byStart).filter((range, i, all) => i === 0 || !sameRange(range, all[i - 1]));
}

export interface GlossarySymbol {
  name: string;
  /** The long form, or a note that the document never defines it. */
  detail: string;
  /** The definition site, or the first mention. */
  range: Range;
  selection: Range;
}

/** One symbol per abbreviation that the document defines or mentions, in source order. */
export function glossarySymbols(model: AssistModel): GlossarySymbol[] {
  return model.abbreviations
    .flatMap((a): GlossarySymbol[] => {
      const site = a.primary;
      const first = a.mentions[0];
      if (site) {
        return [
          { name: a.short, detail: site.long, range: site.range, selection: site.shortRange ?? site.range },
        ];
      }
      if (!first) return [];
      const range = { start: first.start, end: first.end };
      return [{ name: a.short, detail: 'not defined', range, selection: range }];
    })
    .sort((a, b) => byStart(a.range, b.range));
}
