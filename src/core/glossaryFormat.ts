import type { GlossaryEntry } from './types';

export type GlossaryFormat = 'json' | 'jsonl' | 'markdown' | 'latex' | 'csv';
export const GLOSSARY_FORMATS: readonly GlossaryFormat[] = ['json', 'jsonl', 'markdown', 'latex', 'csv'];

export interface FileGlossary {
  file: string;
  entries: GlossaryEntry[];
}

/** Render glossaries of one or more files. Every format but `json` and `jsonl` skips undefined abbreviations' empty cells gracefully. */
export function formatGlossaries(glossaries: readonly FileGlossary[], format: GlossaryFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(glossaries.length === 1 ? glossaries[0] : glossaries, null, 2) + '\n';
    case 'jsonl':
      return glossaries.map((g) => JSON.stringify(g) + '\n').join('');
    case 'markdown':
      return glossaries.map((g) => markdownTable(g, glossaries.length > 1)).join('\n');
    case 'latex':
      return latexAcronyms(glossaries.flatMap((g) => g.entries));
    case 'csv':
      return csv(glossaries);
  }
}

function markdownTable(glossary: FileGlossary, withHeading: boolean): string {
  const cell = (value: string) => value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const rows = glossary.entries.map((e) => `| ${cell(e.short)} | ${cell(e.long ?? '')} | ${e.count} |`);
  const heading = withHeading ? `## ${glossary.file}\n\n` : '';
  return `${heading}| Abbreviation | Long form | Mentions |\n| --- | --- | ---: |\n${rows.join('\n')}${rows.length ? '\n' : ''}`;
}

/** `\newacronym` lines for the glossaries package; entries with no known long form are left as comments. */
export function latexAcronyms(entries: readonly GlossaryEntry[]): string {
  const seen = new Map<string, number>();
  return entries
    .map((entry) => {
      if (!entry.long) return `% ${escapeLatex(entry.short)}: no long form found in the text\n`;
      const base = latexKey(entry.short);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const key = n === 0 ? base : `${base}${n + 1}`;
      return `\\newacronym{${key}}{${escapeLatex(entry.short)}}{${escapeLatex(entry.long)}}\n`;
    })
    .join('');
}

export function latexKey(short: string): string {
  const key = short.toLowerCase().replace(/[^a-z0-9]/g, '');
  return key || 'acr';
}

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '{': '\\{',
  '}': '\\}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
};

export function escapeLatex(text: string): string {
  return text.replace(/[\\&%$#_{}~^]/g, (c) => LATEX_SPECIALS[c]);
}

function csv(glossaries: readonly FileGlossary[]): string {
  const field = (value: string | number | null) => {
    const text = value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = glossaries.flatMap((g) =>
    g.entries.map((e) =>
      [g.file, e.short, e.long, e.count, e.definition?.start ?? null, e.definition?.end ?? null]
        .map(field)
        .join(','),
    ),
  );
  return ['file,short,long,count,definition_start,definition_end', ...rows].join('\r\n') + '\r\n';
}
