import type { Analysis } from './analyze';
import type { GlossaryEntry, Span } from './types';

/** The JSON document of one tagged file, as documented in the README. */
export type TagDocument = ReturnType<typeof toJson>;

export function toJson(file: string, analysis: Analysis) {
  return {
    file,
    model: analysis.model,
    spans: analysis.spans.map(({ label, start, end, text, score }): Span => ({
      label,
      start,
      end,
      text,
      score: round(score),
    })),
    glossary: analysis.glossary.flatMap(definitionsOf),
  };
}

/** The JSON glossary lists every definition: an entry, then the plural forms it declares apart, marked `pluralOf`. */
export interface JsonGlossaryEntry extends Omit<GlossaryEntry, 'plural'> {
  pluralOf?: string;
}

function definitionsOf({ short, long, count, definition, plural }: GlossaryEntry): JsonGlossaryEntry[] {
  const entry = { short, long, count, definition };
  if (!plural) return [entry];
  return [
    entry,
    { short: plural.short, long: plural.long, count: 0, definition: plural.definition, pluralOf: short },
  ];
}

/** The glossary of a JSON document, each `pluralOf` entry folded back into its singular's (see `definitionsOf`). */
export function fromJsonGlossary(entries: readonly JsonGlossaryEntry[]): GlossaryEntry[] {
  const glossary: GlossaryEntry[] = [];
  const byShort = new Map<string, GlossaryEntry>();
  for (const { pluralOf, ...entry } of entries) {
    const singular = pluralOf === undefined ? undefined : byShort.get(pluralOf);
    if (pluralOf === undefined) {
      glossary.push(entry);
      if (!byShort.has(entry.short)) byShort.set(entry.short, entry);
    } else if (singular && !singular.plural && entry.definition) {
      singular.plural = { short: entry.short, long: entry.long, definition: entry.definition };
    }
  }
  return glossary;
}

/** The source with each span wrapped as `[text]AC` or `[text]LF`, for reading in a terminal. */
export function toInlineText(source: string, analysis: Analysis): string {
  let out = '';
  let at = 0;
  for (const span of analysis.spans) {
    if (span.start < at) continue;
    out += source.slice(at, span.start) + `[${span.text}]${span.label}`;
    at = span.end;
  }
  return out + source.slice(at);
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}
