import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDictionary, type LongFormDictionary, type WordFrequencies } from './dictionary';
import type { Candidate } from './guess';

/**
 * The dictionaries of a folder (the shipped `models/long-forms`), by file name: those that `names` lists, or
 * every one that is not opt-in.
 */
export function readDictionaries(folder: string, names?: readonly string[]): LongFormDictionary[] {
  const files = fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.json') && (!names || names.includes(f.slice(0, -5))))
    .sort();
  return files
    .map((f) => parseDictionary(fs.readFileSync(path.join(folder, f), 'utf8'), path.join(folder, f)))
    .filter((d) => names !== undefined || !d.optIn);
}

export function dictionaryCandidates(dictionaries: readonly LongFormDictionary[]): Candidate[] {
  return dictionaries.flatMap((d) =>
    d.entries.map((e) => ({ ...e, source: { kind: 'dictionary' as const, name: d.title } })),
  );
}

/** The dictionaries' word frequencies added up, for the guesser's idf. */
export function dictionaryFrequencies(dictionaries: readonly LongFormDictionary[]): WordFrequencies {
  const documentFrequency = new Map<string, number>();
  let contexts = 0;
  for (const d of dictionaries) {
    contexts += d.frequencies.contexts;
    for (const [word, n] of d.frequencies.documentFrequency)
      documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + n);
  }
  return { contexts, documentFrequency };
}
