/**
 * The places of a source that the assistant reads but never rewrites: the definitions of a LaTeX acronym
 * package (`\newacronym`, `\acro`, `\acroplural`, `\DeclareAcronym`, `\newglossaryentry`…, and the
 * `acronym` environment) and headings (`\section{…}`, `# …`). A quick fix leaves them alone, and an
 * abbreviation or long form inside a definition is part of it, not a use.
 */

import type { Projection } from '../markup';
import { joinOverlapping } from '../ranges';
import type { Lang, Range } from '../types';

export interface Regions {
  /** Definition macros and the `acronym` environment, in source order. */
  definitions: Range[];
  /** Headings: a sectioning command with its argument, or a Markdown heading line. */
  headings: Range[];
}

const DEFINITION_COMMAND =
  /\\(?:newacronym|newabbreviation|glsxtrnewabbreviation|newglossaryentry|newdualentry|longnewglossaryentry|acrodef|acrodefplural|acroplural|acro|newacro|DeclareAcronym)(?![A-Za-z@])\*?/g;
const HEADING_COMMAND =
  /\\(?:part|chapter|section|subsection|subsubsection|paragraph|subparagraph|title|subtitle)(?![A-Za-z@])\*?/g;
const ACRONYM_ENVIRONMENT = /\\begin\s*\{acronym\}[\s\S]*?(?:\\end\s*\{acronym\}|$)/g;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t].*)?$/gm;
const SETEXT_HEADING = /^ {0,3}\S.*\r?\n {0,3}(?:=+|-+)[ \t]*$/gm;

export function findRegions(source: string, lang: Lang, projection: Projection): Regions {
  if (lang === 'latex') {
    const definitions = projection.acronyms.filter((m) => m.kind === 'definition').map((m) => m.source);
    for (const match of source.matchAll(DEFINITION_COMMAND)) {
      if (!commented(source, match.index)) definitions.push(commandRange(source, match.index, match[0]));
    }
    for (const match of source.matchAll(ACRONYM_ENVIRONMENT)) {
      if (!commented(source, match.index))
        definitions.push({ start: match.index, end: match.index + match[0].length });
    }
    const headings: Range[] = [];
    for (const match of source.matchAll(HEADING_COMMAND)) {
      if (!commented(source, match.index)) headings.push(commandRange(source, match.index, match[0]));
    }
    return { definitions: joinOverlapping(definitions), headings: joinOverlapping(headings) };
  }
  if (lang === 'markdown') {
    const headings = [...source.matchAll(ATX_HEADING), ...source.matchAll(SETEXT_HEADING)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
    }));
    return { definitions: [], headings: joinOverlapping(headings) };
  }
  return { definitions: [], headings: [] };
}

/** Whether `range` lies inside (or overlaps) one of `regions`. */
export function inRegion(regions: readonly Range[], range: Range): boolean {
  return regions.some((r) => r.start < Math.max(range.end, range.start + 1) && range.start < r.end);
}

/** Whether a `%` comments out the line before `offset`. */
function commented(source: string, offset: number): boolean {
  const lineStart = source.lastIndexOf('\n', offset - 1) + 1;
  return /(?<!\\)%/.test(source.slice(lineStart, offset));
}

/** A command with the brace and bracket groups right after it (`\acroplural{OS}[OSes]{Operating Systems}`). */
function commandRange(source: string, start: number, name: string): Range {
  let at = start + name.length;
  for (;;) {
    let next = at;
    while (next < source.length && /[ \t]/.test(source[next])) next++;
    if (source[next] === '\n' && source[next + 1] !== '\n') {
      next++;
      while (next < source.length && /[ \t]/.test(source[next])) next++;
    }
    const open = source[next];
    if (open !== '{' && open !== '[') break;
    const close = groupEnd(source, next);
    if (close < 0) break;
    at = close + 1;
  }
  return { start, end: at };
}

/** The offset of the bracket that closes the group opening at `open`, or -1. */
function groupEnd(source: string, open: number): number {
  const closer = source[open] === '{' ? '}' : ']';
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    const ch = source[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (closer === '}' && depth === 0) return i;
      if (depth < 0) return -1;
    } else if (ch === ']' && closer === ']' && depth === 0) return i;
  }
  return -1;
}
