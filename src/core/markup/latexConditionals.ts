/**
 * Dead text in LaTeX: what `\iffalse … \fi` (and the `\else` of `\iftrue`) leaves out, and what sits inside
 * environments whose contents are not prose (`comment`, `verbatim`…). Found in one pass over the source.
 */

import { joinOverlapping } from '../ranges';
import type { Range } from '../types';

/**
 * TeX's conditionals, `\else` and `\fi`. Not `\iff` (a math arrow) nor `\ifthenelse`; an `\if…` followed by
 * a brace is taken for an etoolbox test (`\ifdef{…}{…}{…}`), which takes arguments and has no `\fi`.
 */
const CONDITIONAL = /\\(if[A-Za-z@]*|else|fi)(?![A-Za-z@])/g;
const NOT_CONDITIONALS = new Set(['iff', 'ifthenelse', 'ifboolexpr', 'ifboolexpe']);
/** What makes the `\if…` after it a name being defined, not a test: `\newif\ifdraft`, `\let\ifdraft\iftrue`. */
const DEFINING_BEFORE = /\\(?:newif|let|def|gdef|edef|xdef|newcommand|renewcommand|providecommand)\s*\{?\s*$/;
const LET_BEFORE = /\\let\s*\\if[A-Za-z@]*\s*=?\s*$/;

interface Open {
  name: string;
  at: number;
  /** Where its `\else` starts, if one was met. */
  otherwise: number | null;
  otherwiseEnd: number;
}

/**
 * The ranges, in order and not overlapping, that `\iffalse … (\else|\fi)` and `\iftrue … \else … \fi` leave
 * out. An `\iffalse` with no `\fi` is left alone (while typing, the rest of the file should not vanish).
 */
export function deadConditionals(source: string, hidden: (at: number) => boolean): Range[] {
  const dead: Range[] = [];
  const stack: Open[] = [];
  for (const match of source.matchAll(CONDITIONAL)) {
    const at = match.index;
    const name = match[1];
    if (hidden(at)) continue;
    const end = at + match[0].length;
    if (name.startsWith('if')) {
      if (NOT_CONDITIONALS.has(name) || /^\s*\{/.test(source.slice(end, end + 8))) continue;
      const before = source.slice(Math.max(0, at - 40), at);
      if (DEFINING_BEFORE.test(before) || LET_BEFORE.test(before)) continue;
      stack.push({ name, at, otherwise: null, otherwiseEnd: end });
    } else if (name === 'else') {
      const top = stack[stack.length - 1];
      if (top && top.otherwise === null) {
        top.otherwise = at;
        top.otherwiseEnd = end;
      }
    } else {
      const top = stack.pop();
      if (!top) continue;
      if (top.name === 'iffalse')
        dead.push({ start: top.at, end: top.otherwise === null ? end : top.otherwiseEnd });
      else if (top.name === 'iftrue' && top.otherwise !== null) dead.push({ start: top.otherwise, end });
    }
  }
  return joinOverlapping(dead);
}

/** Where each environment named in `names` runs, `\begin{…}` to `\end{…}` included; unclosed ones are left out. */
export function environmentRegions(
  source: string,
  names: ReadonlySet<string>,
  hidden: (at: number) => boolean,
): Range[] {
  const found: Range[] = [];
  const begin = /\\begin\s*\{([^{}\s]+)\}/g;
  /** Names with no `\end{…}` after some `\begin`: none after a later one either. */
  const unclosed = new Set<string>();
  let from = 0;
  for (;;) {
    begin.lastIndex = from;
    const match = begin.exec(source);
    if (!match) break;
    from = match.index + match[0].length;
    const name = match[1];
    if (!names.has(name.replace(/\*$/, '')) || unclosed.has(name) || hidden(match.index)) continue;
    const end = source.indexOf(`\\end{${name}}`, from);
    if (end < 0) {
      unclosed.add(name);
      continue;
    }
    found.push({ start: match.index, end: end + `\\end{${name}}`.length });
    from = end;
  }
  return found;
}

/** Sorted, non-overlapping ranges, asked whether they hold an offset in O(log n). */
export class Regions {
  private readonly ranges: Range[];

  constructor(ranges: readonly Range[]) {
    this.ranges = joinOverlapping(ranges);
  }

  regions(): readonly Range[] {
    return this.ranges;
  }

  /** The range that holds `at`, if any. */
  holding(at: number): Range | undefined {
    let [low, high] = [0, this.ranges.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.ranges[middle].start <= at) low = middle + 1;
      else high = middle;
    }
    const range = this.ranges[low - 1];
    return range && at < range.end ? range : undefined;
  }

  /** The range that starts at `at`, if any. */
  startingAt(at: number): Range | undefined {
    const range = this.holding(at);
    return range?.start === at ? range : undefined;
  }
}
