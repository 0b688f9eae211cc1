/** Where each glossary entry is shown in its document: the definition, or else the first mention. */

import { lineCounter } from '../text/lines';
import type { GlossaryEntry, Range, Span } from '../types';

export interface EntryLocation {
  range: Range;
  /** 1-based. */
  line: number;
  isDefinition: boolean;
}

/** Each entry's definition, or its first AC span (by `short`, else by text), keyed by short form. */
export function entryLocations(
  text: string,
  glossary: readonly GlossaryEntry[],
  spans: readonly (Pick<Span, 'label' | 'start' | 'end'> & { short?: string; text?: string })[],
): Record<string, EntryLocation> {
  const locations: Record<string, EntryLocation> = {};
  const lineAt = lineCounter(text);
  const mentions = spans.filter((s) => s.label === 'AC').sort((a, b) => a.start - b.start);
  for (const entry of glossary) {
    const first = mentions.find((s) => (s.short ?? s.text) === entry.short);
    const range = entry.definition ?? (first && { start: first.start, end: first.end });
    if (!range) continue;
    locations[entry.short] = {
      range: { start: range.start, end: range.end },
      line: lineAt(range.start),
      isDefinition: entry.definition !== null,
    };
  }
  return locations;
}
