/**
 * The user's own glossary file, for guessing long forms: any of the glossary exports (`json`, `jsonl`, `csv`,
 * `markdown`, `latex`, `acronym`), or plain lines `AC<tab>long form`, `AC = long form` or `AC: long form`.
 */
import { parse as parseCsv } from './csv';
import { declaredKeys } from '../assistant/keys';

export interface UserEntry {
  short: string;
  long: string;
}

/** The entries of a glossary file; a file that looks like JSON but is not, or holds no entry, gives an error. */
export function readUserGlossary(text: string, file: string): UserEntry[] {
  const extension = /\.([A-Za-z]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  const entries = entriesOf(text.replace(/^\uFEFF/, ''), extension, file);
  const usable = entries
    .map((e) => ({ short: e.short.trim(), long: e.long.replace(/\s+/g, ' ').trim() }))
    .filter((e) => e.short && e.long && e.short !== e.long);
  if (!usable.length)
    throw new Error(
      `${file} holds no abbreviation with a long form (see "Guesses" in the README for the formats)`,
    );
  return usable;
}

function entriesOf(text: string, extension: string, file: string): UserEntry[] {
  if (extension === 'json' || extension === 'jsonl') return jsonEntries(text, extension, file);
  if (extension === 'tex' || extension === 'sty') return latexEntries(text);
  if (extension === 'csv') return csvEntries(text);
  if (extension === 'md' || extension === 'markdown') return markdownEntries(text);
  return lineEntries(text);
}

function jsonEntries(text: string, extension: string, file: string): UserEntry[] {
  const values: unknown[] = [];
  try {
    if (extension === 'jsonl') {
      for (const line of text.split(/\r?\n/)) if (line.trim()) values.push(JSON.parse(line));
    } else values.push(JSON.parse(text));
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const out: UserEntry[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.entries)) return visit(record.entries);
    if ('short' in record) {
      if (typeof record.short === 'string' && typeof record.long === 'string')
        out.push({ short: record.short, long: record.long });
    } else
      for (const [short, long] of Object.entries(record))
        if (typeof long === 'string') out.push({ short, long });
  };
  values.forEach(visit);
  return out;
}

function latexEntries(text: string): UserEntry[] {
  return declaredKeys(text).flatMap((k) => (k.long ? [{ short: k.short, long: k.long }] : []));
}

/** The export's columns (`file,short,long,count,…`) by their header, else the first two columns. */
function csvEntries(text: string): UserEntry[] {
  const [header = [], ...rows] = parseCsv(text);
  const named = header.map((h) => h.trim().toLowerCase());
  const shortAt = named.indexOf('short');
  const longAt = named.indexOf('long');
  if (shortAt >= 0 && longAt >= 0)
    return rows.map((r) => ({ short: r[shortAt] ?? '', long: r[longAt] ?? '' }));
  return [header, ...rows].map((r) => ({ short: r[0] ?? '', long: r[1] ?? '' }));
}

/** `| AC | long form | … |` rows; the header and its rule are skipped. */
function markdownEntries(text: string): UserEntry[] {
  const out: UserEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!/^\s*\|/.test(line) || /^\s*\|[\s|:-]+\|\s*$/.test(line)) continue;
    const cells = line
      .trim()
      .replace(/^\||\|$/g, '')
      .split(/(?<!\\)\|/)
      .map((c) => c.replace(/\\([|\\])/g, '$1').trim());
    if (/^abbreviation$/i.test(cells[0] ?? '')) continue;
    out.push({ short: cells[0] ?? '', long: cells[1] ?? '' });
  }
  return out.length ? out : lineEntries(text);
}

const LINE = /^\s*([^\s=:\t]+)\s*(?:\t|=|:)\s*(.+?)\s*$/;

function lineEntries(text: string): UserEntry[] {
  return text
    .split(/\r?\n/)
    .filter((line) => !/^\s*(?:#|%|\/\/)/.test(line))
    .flatMap((line) => {
      const match = LINE.exec(line);
      return match ? [{ short: match[1], long: match[2] }] : [];
    });
}
