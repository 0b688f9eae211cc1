/** One glossary for many files: what the workspace glossary, its exports and `plod-tagger glossary` share. */

import { foldCaseAndSpace } from '../text/space';
import type { FileGlossary, GlossaryEntry, Range } from '../types';

/** One abbreviation in one file of a merged glossary. */
export interface FileMention {
  file: string;
  count: number;
  long: string | null;
  definition: Range | null;
}

/** One abbreviation across files: mentions added up, long forms in order of first appearance. */
export interface MergedGlossaryEntry {
  short: string;
  /** The long form of the first file (in the given order) that defines the abbreviation, or null. */
  long: string | null;
  /** Every distinct long form (compared without case and extra spaces), first spelling kept. */
  longForms: string[];
  /** Mentions in all files. */
  count: number;
  /** The files that mention or define it, in the given order. */
  files: FileMention[];
  /** Where `long` is defined: the first defining file and the range there. */
  definition: { file: string; range: Range } | null;
}

function sameLongForm(a: string, b: string): boolean {
  return foldCaseAndSpace(a) === foldCaseAndSpace(b);
}

/**
 * Merges per-file glossaries into one entry per abbreviation (the short form as each file's glossary spells
 * it, so `CNNs` is already `CNN`), in order of first appearance over the files as given.
 */
export function mergeGlossaries(glossaries: readonly FileGlossary[]): MergedGlossaryEntry[] {
  const merged = new Map<string, MergedGlossaryEntry>();
  for (const { file, entries } of glossaries) {
    for (const entry of entries) {
      let target = merged.get(entry.short);
      if (!target) {
        target = { short: entry.short, long: null, longForms: [], count: 0, files: [], definition: null };
        merged.set(entry.short, target);
      }
      addFile(target, file, entry);
    }
  }
  return [...merged.values()];
}

function addFile(target: MergedGlossaryEntry, file: string, entry: GlossaryEntry): void {
  target.count += entry.count;
  const existing = target.files.find((f) => f.file === file);
  if (existing) {
    existing.count += entry.count;
    existing.long ??= entry.long;
    existing.definition ??= entry.definition;
  } else {
    target.files.push({ file, count: entry.count, long: entry.long, definition: entry.definition });
  }
  if (entry.long === null) return;
  if (!target.longForms.some((l) => sameLongForm(l, entry.long as string))) target.longForms.push(entry.long);
  if (target.long === null) {
    target.long = entry.long;
    target.definition = entry.definition && { file, range: entry.definition };
  }
}

/** A merged glossary as plain glossary entries (first long form and its definition), for the formats. */
export function mergedEntries(glossaries: readonly FileGlossary[]): GlossaryEntry[] {
  return mergeGlossaries(glossaries).map((e) => ({
    short: e.short,
    long: e.long,
    count: e.count,
    definition: e.definition && e.definition.range,
  }));
}
