import { mergedEntries } from './merge';
import { foldSpace } from '../text/space';
import type { FileGlossary, GlossaryEntry } from '../types';

/** `latex`: `\newacronym` (glossaries package); `acronym`: `\acro` (acronym package). */
export type GlossaryFormat = 'json' | 'jsonl' | 'markdown' | 'latex' | 'acronym' | 'csv';
export const GLOSSARY_FORMATS: readonly GlossaryFormat[] = [
  'json',
  'jsonl',
  'markdown',
  'latex',
  'acronym',
  'csv',
];

/** The usual file name extension of each format, for save dialogs. */
export const GLOSSARY_EXTENSIONS: Record<GlossaryFormat, string> = {
  json: 'json',
  jsonl: 'jsonl',
  markdown: 'md',
  latex: 'tex',
  acronym: 'tex',
  csv: 'csv',
};

/**
 * Render glossaries of one or more files. `json`, `jsonl`, `markdown` and `csv` keep the files apart; the LaTeX
 * formats merge them (`mergeGlossaries`), one definition per abbreviation.
 */
export function formatGlossaries(glossaries: readonly FileGlossary[], format: GlossaryFormat): string {
  switch (format) {
    case 'json':
      return JSON.stringify(glossaries.length === 1 ? glossaries[0] : glossaries, null, 2) + '\n';
    case 'jsonl':
      return glossaries.map((g) => JSON.stringify(g) + '\n').join('');
    case 'markdown':
      return glossaries.map((g) => markdownTable(g, glossaries.length > 1)).join('\n');
    case 'latex':
      return latexAcronyms(mergedEntries(glossaries));
    case 'acronym':
      return acroList(mergedEntries(glossaries));
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
  return latexLines(entries, latexKey, (key, short, long) => `\\newacronym{${key}}{${short}}{${long}}`);
}

/** An `acronym` environment of `\acro{KEY}[SHORT]{LONG}` lines for the acronym package (`\ac{KEY}`). */
export function acroList(entries: readonly GlossaryEntry[]): string {
  const lines = latexLines(entries, acroKey, (key, short, long) => {
    const optional = short.includes(']') ? `{${short}}` : short;
    return `\\acro{${key}}[${optional}]{${long}}`;
  });
  return `\\begin{acronym}\n${lines}\\end{acronym}\n`;
}

/** One line per entry with a unique key (`cnn`, `cnn2`…), white space folded; no long form gives a comment. */
function latexLines(
  entries: readonly GlossaryEntry[],
  keyOf: (short: string) => string,
  line: (key: string, short: string, long: string) => string,
): string {
  const seen = new Map<string, number>();
  return entries
    .map((entry) => {
      if (!entry.long) return `% ${escapeLatex(entry.short)}: no long form found in the text\n`;
      const base = keyOf(entry.short);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const key = n === 0 ? base : `${base}${n + 1}`;
      return `${line(key, escapeLatex(entry.short), escapeLatex(foldSpace(entry.long)))}\n`;
    })
    .join('');
}

export function latexKey(short: string): string {
  const key = short.toLowerCase().replace(/[^a-z0-9]/g, '');
  return key || 'acr';
}

/** The acronym package's key: the short form's ASCII letters and digits, case kept (`\ac{CNN}`). */
export function acroKey(short: string): string {
  return short.replace(/[^A-Za-z0-9]/g, '') || 'acr';
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
