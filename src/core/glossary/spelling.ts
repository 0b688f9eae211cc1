/**
 * The abbreviations of a glossary as words for spell checkers: a word file for Code Spell Checker's
 * `cSpell.customDictionaries`, and entries of LTeX+'s `ltex.dictionary`, added to what a settings file holds.
 */

import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import type { FileGlossary } from '../types';

/** Every abbreviation as written, its declared plural, and its plural in `s` (`CNNs`), sorted, once each. */
export function spellingWords(glossaries: readonly FileGlossary[]): string[] {
  const words = new Set<string>();
  for (const { entries } of glossaries) {
    for (const entry of entries) {
      words.add(entry.short);
      if (entry.plural) words.add(entry.plural.short);
      if (/[A-Z0-9]$/.test(entry.short)) words.add(`${entry.short}s`);
    }
  }
  return [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** A cspell word list: one word a line, after comments that say where it came from. */
export function wordFile(words: readonly string[]): string {
  return [
    '# Abbreviations found by PLOD Tagger ("PLOD: Share Abbreviations with Spell Checkers").',
    '# Written again each time the command runs; add your own words elsewhere.',
    ...words,
    '',
  ].join('\n');
}

export const CSPELL_DICTIONARY = 'plod-abbreviations';

/**
 * A settings file (JSON with comments, as VS Code writes it) with `cSpell.customDictionaries` naming the word
 * file and `cSpell` told to use it; comments and every other setting kept.
 */
export function withCspellDictionary(settings: string, wordFilePath: string): string {
  const current = readSettings(settings);
  const dictionaries = asObject(current['cSpell.customDictionaries']);
  let text = settings.trim() ? settings : '{}\n';
  text = edit(text, ['cSpell.customDictionaries'], {
    ...dictionaries,
    [CSPELL_DICTIONARY]: { name: CSPELL_DICTIONARY, path: wordFilePath, addWords: false, scope: 'workspace' },
  });
  return text;
}

/** A settings file with the words added to `ltex.dictionary` for `language`, once each, the rest kept. */
export function withLtexWords(settings: string, language: string, words: readonly string[]): string {
  const current = readSettings(settings);
  const dictionary = asObject(current['ltex.dictionary']);
  const had = Array.isArray(dictionary[language])
    ? (dictionary[language] as unknown[]).filter((w): w is string => typeof w === 'string')
    : [];
  const merged = [...had, ...words.filter((w) => !had.includes(w))];
  return edit(settings.trim() ? settings : '{}\n', ['ltex.dictionary'], {
    ...dictionary,
    [language]: merged,
  });
}

/** The settings a file holds; it must be an object, else the user's file is left alone. */
function readSettings(settings: string): Record<string, unknown> {
  if (!settings.trim()) return {};
  const errors: ParseError[] = [];
  const value = parse(settings, errors, { allowTrailingComma: true }) as unknown;
  if (errors.length || typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('the settings file is not a JSON object; fix it first, nothing was written');
  }
  return value as Record<string, unknown>;
}

function asObject(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function edit(text: string, path: string[], value: unknown): string {
  return applyEdits(
    text,
    modify(text, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }),
  );
}
