/**
 * Macros a document defines for itself, with arguments: `\newcommand{\eat}[1]{}`, `\newcommand{\note}[1]{\footnote{#1}}`,
 * `\newcommand{\footnotelink}[1]{\footnote{\url{#1}}}`. Their bodies are not expanded (their text would map to the
 * preamble); each argument is read as the body uses it: dropped when unused, a placeholder when it goes to a
 * reference or a URL, a paragraph of its own when it goes to a footnote, else prose.
 */

/**
 * How a macro's mandatory argument reads: `D` dropped, `K` prose, `P` a placeholder, `B` prose set apart as a
 * block (a footnote). A placeholder in a footnote (`\footnote{\url{#1}}`) reads nothing, and is dropped.
 */
export type ArgumentUse = 'D' | 'K' | 'P' | 'B';

/** What a command does to the argument that holds a macro's `#k`. */
export type CommandRole = 'placeholder' | 'drop' | 'block' | 'prose';

const NEWCOMMAND =
  /\\(?:newcommand|renewcommand|providecommand|DeclareRobustCommand)\*?\s*(?:\{\s*\\([A-Za-z@]+)\s*\}|\\([A-Za-z@]+))\s*(?:\[\s*(\d)\s*\])?\s*(\[[^\]]*\])?\s*\{/g;
const DEF = /\\(?:def|gdef|edef|long\\def)\s*\\([A-Za-z@]+)((?:#\d)*)\s*\{/g;
/** The longest body read: a macro longer than this is read as prose. */
const MAX_BODY = 2000;

/**
 * Each macro with arguments that the source defines, and how its mandatory arguments read (the first
 * definition of a name; those in comments or dead text, and those of commands the scanner knows, are left out).
 */
export interface UserMacros {
  /** How each macro's mandatory arguments read, one `ArgumentUse` letter each. */
  specs: Map<string, string>;
  /** The macros whose first argument is a URL (`\footnotelink{http://x/a%20b}`), in which `%` is no comment. */
  urls: Set<string>;
}

export function userMacros(
  source: string,
  closingBrace: Int32Array,
  hidden: (at: number) => boolean,
  known: (name: string) => boolean,
  role: (name: string, argument: number) => CommandRole,
  urlCommands: ReadonlySet<string>,
): UserMacros {
  const macros = new Map<string, string>();
  const urls = new Set<string>();
  const add = (at: number, name: string, count: number, optional: boolean, open: number): void => {
    if (count === 0 || macros.has(name) || known(name) || hidden(at)) return;
    const close = closingBrace[open];
    if (close < 0 || close - open > MAX_BODY) return;
    const body = source.slice(open + 1, close);
    let spec = '';
    for (let k = optional ? 2 : 1; k <= count; k++) spec += argumentUse(body, k, role);
    if (spec) macros.set(name, spec);
    const first = parameterAt(body, optional ? 2 : 1);
    if (first >= 0 && enclosingCommands(body, first).some(([command]) => urlCommands.has(command))) {
      urls.add(name);
    }
  };
  for (const match of source.matchAll(NEWCOMMAND)) {
    const open = match.index + match[0].length - 1;
    add(match.index, match[1] ?? match[2], Number(match[3] ?? 0), match[4] !== undefined, open);
  }
  for (const match of source.matchAll(DEF)) {
    add(match.index, match[1], match[2].length / 2, false, match.index + match[0].length - 1);
  }
  return { specs: macros, urls };
}

/** How the body uses `#k`: by the commands whose arguments hold its first use. */
function argumentUse(
  body: string,
  k: number,
  role: (name: string, argument: number) => CommandRole,
): ArgumentUse {
  const at = parameterAt(body, k);
  if (at < 0) return 'D';
  const roles = enclosingCommands(body, at).map(([name, argument]) => role(name, argument));
  if (roles.includes('drop')) return 'D';
  const block = roles.includes('block');
  if (roles.includes('placeholder')) return block ? 'D' : 'P';
  return block ? 'B' : 'K';
}

/** Where `#k` first appears in `body` (not `##k`, a parameter of a macro defined inside), or -1. */
function parameterAt(body: string, k: number): number {
  for (let at = body.indexOf(`#${k}`); at >= 0; at = body.indexOf(`#${k}`, at + 1)) {
    if (body[at - 1] !== '#') return at;
  }
  return -1;
}

/** The commands whose brace arguments hold `at`, outermost first, each with which argument (0, 1, …) it is. */
function enclosingCommands(body: string, at: number): [string, number][] {
  const stack: ([string, number] | null)[] = [];
  /** The command whose arguments the next brace group continues, and how many it has had. */
  let pending: [string, number] | null = null;
  for (let i = 0; i < at; i++) {
    const char = body[i];
    if (char === '\\') {
      const name = /^[A-Za-z@]+/.exec(body.slice(i + 1, i + 41))?.[0];
      if (name) {
        pending = [name, 0];
        i += name.length;
      } else {
        i++;
      }
    } else if (char === '{') {
      stack.push(pending);
    } else if (char === '}') {
      const closed = stack.pop();
      pending = closed ? [closed[0], closed[1] + 1] : null;
    } else if (char === '[') {
      const end = body.indexOf(']', i);
      if (pending && end >= 0 && end < at) i = end;
    } else if (!/\s/.test(char)) {
      pending = null;
    }
  }
  return stack.filter((entry): entry is [string, number] => entry !== null);
}
