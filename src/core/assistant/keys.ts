/**
 * The keys of LaTeX acronym packages: the one being written in a mention macro (`\ac{cn|}`, `\gls{…}`), and
 * those a document or its project declares, for completion and Go to Definition.
 */

import { project } from '../markup';
import { MENTION_MACROS } from '../markup/latexAcronyms';
import { placeInFile, type FlatProject } from '../markup/latexProject';
import type { Range } from '../types';

export interface DeclaredKey {
  key: string;
  short: string;
  /** Null for a glossary term that is no abbreviation (`\newglossaryentry` with a description only). */
  long: string | null;
  /** The declaration (`\newacronym{…}{…}{…}`), in `file`'s own offsets. */
  range: Range;
  /** The file of the project that declares it; null for the document itself. */
  file: string | null;
}

/** A mention macro's opening, `\gls{`, `\Acp*[opt]{`, up to the key written so far (`[^{}\s,]*`). */
const OPENING = /\\([A-Za-z]+)\*?\s*(?:\[[^\]{}\n]*\]\s*)?\{([^{}\s,%]*)$/;
const KEY_REST = /^[^{}\s,%]*/;

/** The key a mention macro holds around `offset`, and which macro; undefined outside one. */
export function keyAt(
  source: string,
  offset: number,
): { macro: string; key: string; range: Range } | undefined {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  const before = source.slice(lineStart, offset);
  const opening = OPENING.exec(before);
  if (!opening || !MENTION_MACROS.has(opening[1])) return undefined;
  if (/(?<!\\)%/.test(before.slice(0, opening.index))) return undefined;
  const rest = KEY_REST.exec(source.slice(offset))?.[0] ?? '';
  const start = offset - opening[2].length;
  return { macro: opening[1], key: opening[2] + rest, range: { start, end: offset + rest.length } };
}

/** The keys a LaTeX document declares, the first declaration of each, in source order. */
export function declaredKeys(source: string): DeclaredKey[] {
  return declarationsIn(source, (range) => ({ file: null, range }));
}

/** The keys a LaTeX project declares, in whichever of its files, each with its file and place there. */
export function projectKeys(flat: FlatProject): DeclaredKey[] {
  return declarationsIn(flat.text, (range) => placeInFile(flat, range));
}

function declarationsIn(
  text: string,
  place: (range: Range) => { file: string | null; range: Range } | undefined,
): DeclaredKey[] {
  const seen = new Set<string>();
  const keys: DeclaredKey[] = [];
  for (const macro of project(text, 'latex').acronyms) {
    if (macro.kind !== 'definition' || macro.plural || seen.has(macro.key)) continue;
    const where = place(macro.source);
    if (!where) continue;
    seen.add(macro.key);
    keys.push({ key: macro.key, short: macro.short, long: macro.long, ...where });
  }
  return keys;
}
