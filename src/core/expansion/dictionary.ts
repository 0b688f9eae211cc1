/**
 * A shipped long-form dictionary: pairs of abbreviation and long form mined from one licence-clean source by
 * `scripts/build-long-forms.ts`, each file with its licence and provenance. An entry's `context` is the
 * vocabulary that the pair was met with (the sentence around it, or the dictionary's gloss), which ranks its
 * long forms by field.
 */

/** One file as stored: entries are `[short, long, count, context]` rows, the context as `word:count` items. */
export interface DictionaryFile {
  name: string;
  title: string;
  licence: string;
  provenance: string;
  /** Read only when the user names it (a licence that the default must not carry). */
  optIn?: boolean;
  /** How many entries have a context, and in how many contexts each word is (`word:count` items). */
  contexts: number;
  frequencies: string;
  entries: [string, string, number, string][];
}

export interface DictionaryEntry {
  short: string;
  long: string;
  /** How often the source has the pair (papers or sentences for a corpus, 1 for a dictionary). */
  count: number;
  /** As stored (`word:count` items): it is read into counts only for the abbreviations asked about. */
  context: string;
}

export interface LongFormDictionary {
  name: string;
  title: string;
  licence: string;
  provenance: string;
  optIn: boolean;
  frequencies: WordFrequencies;
  entries: DictionaryEntry[];
}

/** For idf: how many contexts there are, and how many of them hold each word. */
export interface WordFrequencies {
  contexts: number;
  documentFrequency: ReadonlyMap<string, number>;
}

/** The frequencies of the words of some contexts: how many there are, and how many hold each word. */
export function countFrequencies(contexts: Iterable<ReadonlyMap<string, number>>): WordFrequencies {
  const documentFrequency = new Map<string, number>();
  let count = 0;
  for (const context of contexts) {
    if (context.size) count++;
    for (const word of context.keys()) documentFrequency.set(word, (documentFrequency.get(word) ?? 0) + 1);
  }
  return { contexts: count, documentFrequency };
}

/** Read a dictionary file; a file that is not one gives an error that names it. */
export function parseDictionary(json: string, file: string): LongFormDictionary {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`${file} is not a long-form dictionary: ${(error as Error).message}`, { cause: error });
  }
  const data = parsed as Partial<DictionaryFile>;
  const text = (value: unknown) => typeof value === 'string' && value.length > 0;
  const row = (r: unknown) =>
    Array.isArray(r) &&
    r.length === 4 &&
    text(r[0]) &&
    text(r[1]) &&
    Number.isInteger(r[2]) &&
    typeof r[3] === 'string';
  if (
    !data ||
    !text(data.name) ||
    !text(data.title) ||
    !text(data.licence) ||
    !text(data.provenance) ||
    !Number.isInteger(data.contexts) ||
    typeof data.frequencies !== 'string' ||
    !Array.isArray(data.entries) ||
    !data.entries.every(row)
  )
    throw new Error(
      `${file} is not a long-form dictionary (name, title, licence, provenance, contexts, frequencies, entries)`,
    );
  return {
    name: data.name as string,
    title: data.title as string,
    licence: data.licence as string,
    provenance: data.provenance as string,
    optIn: data.optIn === true,
    frequencies: {
      contexts: data.contexts as number,
      documentFrequency: readContext(data.frequencies as string),
    },
    entries: data.entries.map(([short, long, count, context]) => ({ short, long, count, context })),
  };
}

export function readContext(items: string): Map<string, number> {
  const context = new Map<string, number>();
  for (const item of items.split(' ')) {
    if (!item) continue;
    const at = item.lastIndexOf(':');
    const count = at > 0 ? Number(item.slice(at + 1)) : NaN;
    if (Number.isInteger(count) && count > 0) context.set(item.slice(0, at), count);
    else context.set(item, 1);
  }
  return context;
}

export function writeContext(context: ReadonlyMap<string, number>, limit: number): string {
  return [...context]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([word, count]) => (count === 1 ? word : `${word}:${count}`))
    .join(' ');
}
