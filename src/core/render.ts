import type { Analysis } from './analyze';
import type { Span } from './types';

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
    glossary: analysis.glossary.map(({ short, long, count, definition }) => ({
      short,
      long,
      count,
      definition,
    })),
  };
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
