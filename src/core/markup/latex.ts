import { BLANK_LINE } from '../text/paragraphs';
import type { Range } from '../types';
import {
  AcronymTable,
  DEFINITION_ARGUMENTS,
  DEFINITION_COMMAND,
  MENTION_MACROS,
  PLURAL_DEFINITIONS,
  mentionText,
  plainText,
  readDefinition,
  type AcronymDefinition,
  type RawDefinition,
} from './latexAcronyms';
import { deadConditionals, environmentRegions, Regions } from './latexConditionals';
import { userMacros, type CommandRole } from './latexMacros';
import { ProjectionBuilder, type AcronymMacro, type Projection } from './projection';
import { ForwardSearch } from './search';

export type { AcronymDefinition } from './latexAcronyms';

/** Commands whose arguments are not prose. `D` drops a mandatory argument, `K` keeps it as prose. */
const ARGUMENTS = new Map<string, string>();
const define = (names: string, spec: string): void => {
  for (const name of names.split(' ')) ARGUMENTS.set(name, spec);
};
define('nocite footcite footcitetext label input include includeonly subfile footnotemark', 'D');
define('import subimport inputfrom includefrom subinputfrom subincludefrom', 'DD');
define('acroindefinite acrodefindefinite', 'DDD');
define('includegraphics usepackage RequirePackage documentclass bibliography bibliographystyle', 'D');
define('addbibresource vspace hspace pagestyle thispagestyle pagenumbering graphicspath hypersetup', 'D');
define('color bibitem linespread geometry hyperref doi hyperlink hypertarget', 'D');
define('setlength addtolength setcounter addtocounter fontsize newtheorem', 'DD');
define('newcommand renewcommand providecommand DeclareMathOperator newlength', 'DD');
define('newenvironment renewenvironment definecolor', 'DDD');
define('href textcolor colorbox', 'DK');
define('acused acsetup acresetall acreset glsresetall glsreset setacronymstyle', 'D');

/**
 * Commands that print something the prose needs in its place, but that is not prose: a reference, a citation, a
 * number, inline code. They are replaced, arguments and all, by a placeholder the taggers read as an ordinary
 * word and no span may cover, so that `(Section~\ref{s})` reads `(Section 0)` and not `(Section)`, which
 * looks like the definition of an abbreviation.
 */
/** Each command and the arguments it takes (`D` for each mandatory one). */
const PLACEHOLDERS = new Map<string, string>();
const placeholder = (names: string, spec: string): void => {
  for (const name of names.split(' ')) PLACEHOLDERS.set(name, spec);
};
/**
 * What they read as: a number, as LaTeX prints a reference (a numbered citation, too, without its brackets,
 * which would keep `long form~\cite{x} (AC)` from reading as a definition to the rules).
 */
export const PLACEHOLDER = '0';
placeholder('ref eqref autoref Autoref cref Cref vref Vref pageref cpageref Cpageref', 'D');
placeholder('nameref Nameref autopageref vpageref labelcref labelcpageref subref', 'D');
placeholder('crefrange Crefrange cpagerefrange Cpagerefrange', 'DD');
placeholder('num ang si unit tablenum numlist', 'D');
placeholder('SI qty numrange SIlist qtylist numproduct', 'DD');
placeholder('SIrange qtyrange', 'DDD');
placeholder('cite citep citet citealp citealt citeauthor citeyear citeyearpar citenum parencite', 'D');
placeholder(
  'textcite autocite fullcite supercite smartcite Cite Citep Citet Citealp Citealt Citeauthor',
  'D',
);
placeholder('Textcite Parencite Autocite Smartcite citetitle Citetitle citeurl citedate', 'D');
placeholder('texttt nolinkurl email', 'D');
/** Inline code whose argument is verbatim: in braces, or between two of any other character (`\verb|x|`). */
const VERBATIM_ARGUMENT = new Set('verb Verb lstinline path url'.split(' '));

/** Commands the scanner reads in a way of its own: a document's redefinition of one is not followed. */
function isKnownCommand(name: string): boolean {
  return (
    ARGUMENTS.has(name) ||
    BLOCKS.has(name) ||
    PLACEHOLDERS.has(name) ||
    VERBATIM_ARGUMENT.has(name) ||
    DEFINITION_ARGUMENTS.has(name) ||
    MENTION_MACROS.has(name) ||
    TEXT_REPLACEMENTS.has(name) ||
    ['begin', 'end', 'item', 'mintinline'].includes(name)
  );
}

/** What a command does with its argument number `argument` (from 0), for the bodies of a document's macros. */
function commandRole(name: string, argument: number): CommandRole {
  if (name === 'href') return argument === 0 ? 'placeholder' : 'prose';
  if (PLACEHOLDERS.has(name) || VERBATIM_ARGUMENT.has(name) || name === 'mintinline') return 'placeholder';
  if (BLOCKS.has(name)) return 'block';
  if (DEFINITION_ARGUMENTS.has(name) || MENTION_MACROS.has(name) || /^[vh]?phantom$/.test(name))
    return 'drop';
  const spec = ARGUMENTS.get(name);
  return spec?.[Math.min(argument, spec.length - 1)] === 'D' ? 'drop' : 'prose';
}

/** Commands that start a block of their own: their argument is prose, set apart as its own paragraph. */
const BLOCKS = new Set(
  'part chapter section subsection subsubsection paragraph subparagraph title author caption footnote abstract'.split(
    ' ',
  ),
);

const TEXT_REPLACEMENTS = new Map<string, string>([
  ['ldots', '…'],
  ['dots', '…'],
  ['textellipsis', '…'],
  ['LaTeX', 'LaTeX'],
  ['TeX', 'TeX'],
  ['textendash', '–'],
  ['textemdash', '—'],
  ['textpercent', '%'],
  ['textasciitilde', '~'],
  ['textunderscore', '_'],
  ['textdegree', '°'],
  ['textmu', 'µ'],
  ['S', '§'],
  ['ss', 'ß'],
  ['ae', 'æ'],
  ['AE', 'Æ'],
  ['o', 'ø'],
  ['O', 'Ø'],
  ['i', 'i'],
]);

const SYMBOLS = new Map<string, string>([
  ['%', '%'],
  ['&', '&'],
  ['#', '#'],
  ['$', '$'],
  ['_', '_'],
  ['{', '{'],
  ['}', '}'],
  [',', ' '],
  [' ', ' '],
  [';', ' '],
  [':', ' '],
  ['>', ' '],
  ['\t', ' '],
  ['\n', ' '],
  ['\r', ' '],
]);

const MATH_ENVIRONMENTS = new Set(
  'equation align gather multline eqnarray math displaymath flalign alignat split subequations dmath'.split(
    ' ',
  ),
);
const HIDDEN_ENVIRONMENTS = new Set(
  'verbatim Verbatim lstlisting minted comment tikzpicture thebibliography filecontents'.split(' '),
);
const TABLE_ENVIRONMENTS = new Set(
  'tabular tabular* tabularx tabulary longtable supertabular xtabular'.split(' '),
);
const ENVIRONMENT_ARGUMENTS = new Map<string, number>([
  ['tabular', 1],
  ['tabular*', 2],
  ['tabularx', 2],
  ['tabulary', 2],
  ['longtable', 1],
  ['supertabular', 1],
  ['xtabular', 1],
  ['minipage', 1],
  ['multicols', 1],
  ['wrapfigure', 2],
  ['subfigure', 1],
]);

/** Where the optional arguments opening at each `[` end (null: nowhere), and see `findOptionalEnd`. */
interface OptionalEnds {
  ends: Map<number, number | null>;
  failedAfterGroup: Map<number, number>;
}

/** A brace group being projected: it ends at `end`, and then `then()` says where to go on. */
interface Group {
  end: number;
  then: () => number;
}

const ORDINARY_RUN = /[^\\%$&~{}\-\s`']+/y;
const WHITESPACE_RUN = /\s+/y;
const BLANK_LINE_HERE = new RegExp(BLANK_LINE.source, 'y');
const LETTERS = /[A-Za-z@]+/y;

export interface LatexOptions {
  /**
   * Abbreviations defined outside the document, in the other files of its project: mentions of them print their
   * forms. The document's own definitions come first.
   */
  definitions?: readonly AcronymDefinition[];
}

export function projectLatex(source: string, options: LatexOptions = {}): Projection {
  const scanner = new LatexScanner(source, options);
  scanner.collectDefinitions();
  scanner.run();
  return scanner.builder.build(scanner.acronyms, scanner.mentionRanges);
}

/** Every acronym definition of a LaTeX file, resolved, in source order (for a project's other files). */
export function latexDefinitions(source: string, options: LatexOptions = {}): AcronymDefinition[] {
  const scanner = new LatexScanner(source, options);
  scanner.collectDefinitions();
  return scanner.definitionsInOrder();
}

/** The keys the mention macros of a LaTeX file name, each with how many mentions name it. */
export function latexMentionKeys(source: string): Map<string, number> {
  const scanner = new LatexScanner(source, {});
  scanner.collectDefinitions();
  scanner.run();
  const counts = new Map<string, number>();
  for (const macro of scanner.acronyms) {
    if (macro.kind === 'mention') counts.set(macro.key, (counts.get(macro.key) ?? 0) + 1);
  }
  return counts;
}

class LatexScanner {
  readonly builder: ProjectionBuilder;
  readonly acronyms: AcronymMacro[] = [];
  readonly mentionRanges: Range[] = [];
  private closingBrace: Int32Array;
  private readonly table: AcronymTable;
  /** Each definition macro's own text, by where it starts (read before the document is scanned). */
  private readonly rawDefinitions = new Map<number, { raw: RawDefinition; end: number; name: string }>();
  /** What `\iffalse … \fi` and the `\else` of `\iftrue` leave out. */
  private conditionals: Regions | null = null;
  /** The document's own macros with arguments, and how each argument reads (see `userMacros`). */
  private macros = new Map<string, string>();
  private tableDepth = 0;
  /** The groups `scan` is inside, innermost last: a stack of its own, as 10,000 nested groups overflow the call stack. */
  private readonly groups: Group[] = [];
  /**
   * What the scanner looks for again and again, each found once and remembered: closers of `\(` and `\[` and
   * `\end{…}`, blank lines, comments, `\verb` delimiters and the ends of optional arguments. Looked for afresh
   * at every place that wanted them, they made `\(`×50,000 or `\item[`×16,000 take seconds.
   */
  private readonly searches = new Map<string, ForwardSearch>();
  private readonly blankLines: ForwardSearch;
  private comments: Comments | null = null;
  private verbLine: VerbLine | null = null;
  /** What scans for optional arguments have learnt, for each end `to` they were bounded by. */
  private readonly optionalEnds = new Map<number, OptionalEnds>();

  constructor(
    private readonly source: string,
    options: LatexOptions,
  ) {
    this.builder = new ProjectionBuilder(source);
    this.closingBrace = matchBraces(source);
    this.blankLines = ForwardSearch.matching(source, BLANK_LINE);
    this.table = new AcronymTable(new Map((options.definitions ?? []).map((d) => [d.key, d])));
  }

  /**
   * Read every acronym definition first: a mention may come before its definition, and a definition may use
   * another one (`\acro{VMM}{\acl{VM} Monitor}`). Definitions in comments and dead text do not count.
   */
  collectDefinitions(): void {
    const hide = (at: number): boolean => this.isCommentedOut(at);
    const dead = new Regions([
      ...this.deadText().regions(),
      ...environmentRegions(this.source, HIDDEN_ENVIRONMENTS, hide),
    ]);
    for (const match of this.source.matchAll(DEFINITION_COMMAND)) {
      const at = match.index;
      if (hide(at) || dead.holding(at)) continue;
      const read = this.readDefinition(match[1], at + match[0].length, this.source.length);
      if (!read) continue;
      this.rawDefinitions.set(at, { ...read, name: match[1] });
      this.table.add(read.raw);
    }
    const macros = userMacros(
      this.source,
      this.closingBrace,
      (at) => hide(at) || dead.holding(at) !== undefined,
      isKnownCommand,
      commandRole,
      URL_COMMANDS,
    );
    this.macros = macros.specs;
    if (macros.urls.size > 0) this.closingBrace = matchBraces(this.source, macros.urls);
  }

  /** The definitions collected, each key's first, resolved. */
  definitionsInOrder(): AcronymDefinition[] {
    const keys = new Set([...this.rawDefinitions.values()].map((d) => d.raw.key));
    return [...keys].flatMap((key) => this.table.get(key) ?? []);
  }

  private deadText(): Regions {
    this.conditionals ??= new Regions(deadConditionals(this.source, (at) => this.isCommentedOut(at)));
    return this.conditionals;
  }

  run(): void {
    const begin = this.findCommand('\\begin{document}', 0);
    if (begin < 0) {
      this.scan(0, this.source.length);
      return;
    }
    this.builder.muted = true;
    this.scan(0, begin);
    this.builder.muted = false;
    const bodyStart = begin + '\\begin{document}'.length;
    const end = this.findCommand('\\end{document}', bodyStart);
    this.scan(bodyStart, end < 0 ? this.source.length : end);
  }

  /** Project source `[from, to)`. */
  private scan(from: number, to: number): void {
    const outside = this.groups.length;
    this.groups.push({ end: to, then: () => to });
    let i = from;
    while (this.groups.length > outside) {
      const group = this.groups[this.groups.length - 1];
      if (i < group.end) {
        i = this.step(i, group.end);
      } else {
        this.groups.pop();
        i = group.then();
      }
    }
  }

  /**
   * Project the brace group `[from, end)` next, and go on at `then()` after it; returns `from`. The group is
   * scanned by the loop in `scan`, not by a call, so that nesting depth costs no stack.
   */
  private enter(from: number, end: number, then: () => number): number {
    this.groups.push({ end, then });
    return from;
  }

  /** Project what starts at `i`, up to `to` at most; returns where to go on. */
  private step(i: number, to: number): number {
    const { source, builder } = this;
    ORDINARY_RUN.lastIndex = i;
    if (ORDINARY_RUN.test(source)) {
      const end = Math.min(ORDINARY_RUN.lastIndex, to);
      builder.copy(i, end);
      return end;
    }
    const char = source[i];
    if (isSpace(char)) return this.whitespace(i, to);
    if (char === '\\') return this.command(i, to);
    if (char === '%') return lineEnd(source, i, to);
    if (char === '$') return this.dollarMath(i, to);
    if (char === '{') {
      const close = this.closingBrace[i];
      return close >= 0 && close < to ? this.enter(i + 1, close, () => close + 1) : i + 1;
    }
    if (char === '}') return i + 1;
    if (char === '~') {
      builder.replace(' ', i, i + 1);
      return i + 1;
    }
    if (char === '&') {
      builder.separate(i);
      return i + 1;
    }
    if (char === '-') return this.dash(i, to);
    return this.quote(i);
  }

  /** TeX writes “ and ” as two backquotes and two single quotes. */
  private quote(i: number): number {
    const char = this.source[i];
    if (this.source[i + 1] !== char) {
      this.builder.copy(i, i + 1);
      return i + 1;
    }
    this.builder.replace(char === '`' ? '“' : '”', i, i + 2);
    return i + 2;
  }

  private whitespace(i: number, to: number): number {
    WHITESPACE_RUN.lastIndex = i;
    WHITESPACE_RUN.test(this.source);
    const end = Math.min(WHITESPACE_RUN.lastIndex, to);
    const run = this.source.slice(i, end);
    if (/[\r\n]/.test(run) && !BLANK_LINE.test(run) && this.builder.endsWithLineBreak()) {
      this.builder.copyAsSpaces(i, end);
    } else {
      this.builder.copy(i, end);
    }
    return end;
  }

  private dash(i: number, to: number): number {
    let end = i;
    while (end < to && end - i < 3 && this.source[end] === '-') end++;
    const length = end - i;
    if (length === 1) this.builder.copy(i, end);
    else this.builder.replace(length === 2 ? '–' : '—', i, end);
    return end;
  }

  private dollarMath(i: number, to: number): number {
    const display = this.source[i + 1] === '$';
    const delimiter = display ? '$$' : '$';
    const close = findUnescaped(this.source, delimiter, i + delimiter.length, to);
    if (close < 0 || BLANK_LINE.test(this.source.slice(i, close))) return i + delimiter.length;
    if (display) this.builder.separate(i);
    return close + delimiter.length;
  }

  private command(i: number, to: number): number {
    const { source, builder } = this;
    if (i + 1 >= to) return to;
    LETTERS.lastIndex = i + 1;
    if (!LETTERS.test(source)) return this.controlSymbol(i, to);
    const nameEnd = Math.min(LETTERS.lastIndex, to);
    const name = source.slice(i + 1, nameEnd);
    let next = nameEnd;
    if (source[next] === '*') next++;

    if (name === 'begin' || name === 'end') return this.environment(i, next, to, name === 'begin');
    if (name.startsWith('if') || name === 'else') {
      const dead = this.deadText().startingAt(i);
      if (dead) return Math.min(dead.end, to);
    }
    if (DEFINITION_ARGUMENTS.has(name)) return this.definition(i, name, next, to);
    const mention = MENTION_MACROS.get(name);
    if (mention) return this.mention(i, name, next, to);
    if (name === 'item') return this.item(next, to);
    if (VERBATIM_ARGUMENT.has(name)) return this.verbatim(i, next, to);
    if (name === 'mintinline') return this.verbatim(i, this.dropArgument(next, to), to);
    if (BLOCKS.has(name)) return this.block(next, to);
    const stands = PLACEHOLDERS.get(name);
    if (stands) {
      const end = this.arguments(next, to, stands);
      builder.placeholder(PLACEHOLDER, i, end);
      return end;
    }
    const spec = ARGUMENTS.get(name) ?? this.macros.get(name);
    if (spec) return this.arguments(next, to, spec);
    const replacement = TEXT_REPLACEMENTS.get(name);
    if (replacement) builder.replace(replacement, i, nameEnd);
    return next;
  }

  private controlSymbol(i: number, to: number): number {
    const { source, builder } = this;
    const symbol = source[i + 1];
    if (symbol === '\\') {
      if (this.tableDepth > 0) builder.breakParagraph(i);
      else builder.separate(i);
      const after = this.skipSpaces(i + 2, to);
      return source[after] === '[' ? (this.optional(after, to) ?? i + 2) : i + 2;
    }
    if (symbol === '(' || symbol === '[') {
      const close = this.search(symbol === '(' ? '\\)' : '\\]').next(i + 2);
      if (close < 0 || close + 2 > to || this.hasBlankLine(i, close)) return i + 2;
      if (symbol === '[') builder.separate(i);
      return close + 2;
    }
    const replacement = SYMBOLS.get(symbol);
    if (replacement) builder.replace(replacement, i, i + 2);
    const codePoint = source.codePointAt(i + 1) ?? 0;
    return i + 1 + (codePoint > 0xffff ? 2 : 1);
  }

  private environment(i: number, next: number, to: number, begins: boolean): number {
    const { source, builder } = this;
    const open = this.skipSpaces(next, to);
    const close = source[open] === '{' ? this.closingBrace[open] : -1;
    if (close < 0 || close >= to) return next;
    const name = source.slice(open + 1, close).trim();
    let after = close + 1;
    const bareName = name.replace(/\*$/, '');
    if (MATH_ENVIRONMENTS.has(bareName)) builder.separate(i);
    else builder.breakParagraph(i);
    if (!begins) {
      if (TABLE_ENVIRONMENTS.has(name)) this.tableDepth = Math.max(0, this.tableDepth - 1);
      return after;
    }
    if (MATH_ENVIRONMENTS.has(bareName) || HIDDEN_ENVIRONMENTS.has(bareName)) {
      const end = this.search(`\\end{${name}}`).next(after);
      if (end < 0 || end >= to) return after;
      return end + `\\end{${name}}`.length;
    }
    if (TABLE_ENVIRONMENTS.has(name)) this.tableDepth++;
    after = this.skipOptionals(after, to);
    for (let n = ENVIRONMENT_ARGUMENTS.get(name) ?? 0; n > 0; n--)
      after = this.skipOptionals(this.dropArgument(after, to), to);
    return after;
  }

  private block(next: number, to: number): number {
    const open = this.skipSpaces(this.skipOptionals(next, to), to);
    const close = this.source[open] === '{' ? this.closingBrace[open] : -1;
    if (close < 0 || close >= to) return next;
    this.builder.breakParagraph(open);
    return this.enter(open + 1, close, () => {
      this.builder.breakParagraph(close);
      return close + 1;
    });
  }

  private item(next: number, to: number): number {
    this.builder.breakParagraph(next);
    const open = this.skipSpaces(next, to);
    if (this.source[open] !== '[') return next;
    const end = this.optional(open, to);
    if (end === null) return next;
    return this.enter(open + 1, end - 1, () => {
      this.builder.separate(end);
      return end;
    });
  }

  /**
   * Inline code, a URL or a path, its argument verbatim: `\verb|x|`, `\lstinline[opts]{x}`, `\url{x}`.
   * It reads as a placeholder; an argument that does not close is dropped to the end of its line.
   */
  private verbatim(i: number, next: number, to: number): number {
    const open = this.skipOptionals(next, to);
    const delimiter = this.source[open];
    let end: number;
    if (delimiter === '{') {
      const close = this.closingBrace[open];
      end = close >= 0 && close < to ? close + 1 : lineEnd(this.source, open, to);
    } else {
      if (!delimiter || /[\sA-Za-z]/.test(delimiter)) return next;
      if (!this.verbLine?.holds(open)) this.verbLine = new VerbLine(this.source, open);
      const close = this.verbLine.closer(open);
      if (close < 0 || close >= to) return open + 1;
      end = close + 1;
    }
    this.builder.placeholder(PLACEHOLDER, i, end);
    return end;
  }

  private arguments(next: number, to: number, spec: string): number {
    let i = next;
    for (let k = 0; k < spec.length; k++) {
      i = this.skipSpaces(this.skipOptionals(i, to), to);
      if (spec[k] === 'D') {
        i = this.dropArgument(i, to);
        continue;
      }
      const close = this.source[i] === '{' ? this.closingBrace[i] : -1;
      if (close < 0 || close >= to) return i;
      const rest = spec.slice(k + 1);
      if (spec[k] === 'P') {
        this.builder.placeholder(PLACEHOLDER, i, close + 1);
        i = close + 1;
        continue;
      }
      if (spec[k] === 'B') {
        this.builder.breakParagraph(i);
        return this.enter(i + 1, close, () => {
          this.builder.breakParagraph(close);
          return this.arguments(close + 1, to, rest);
        });
      }
      return this.enter(i + 1, close, () => this.arguments(close + 1, to, rest));
    }
    return i;
  }

  /** The definition macro at `i`, its arguments read from `next`; null if they do not close. */
  private readDefinition(name: string, next: number, to: number): { raw: RawDefinition; end: number } | null {
    const args: string[] = [];
    const optionals: (string | null)[] = [];
    const want = DEFINITION_ARGUMENTS.get(name) ?? 2;
    let at = next;
    while (args.length < want) {
      const before = this.skipSpaces(at, to);
      const optionalEnd = this.source[before] === '[' ? this.optional(before, to) : null;
      optionals.push(optionalEnd === null ? null : this.source.slice(before + 1, optionalEnd - 1));
      const open = this.skipSpaces(optionalEnd ?? before, to);
      const close = this.source[open] === '{' ? this.closingBrace[open] : -1;
      if (close < 0 || close >= to) return null;
      args.push(this.source.slice(open + 1, close));
      at = close + 1;
    }
    const raw = readDefinition(name, args, optionals);
    return raw && { raw, end: at };
  }

  /** A definition macro in the text: nothing to read, but noted with the forms it declares. */
  private definition(i: number, name: string, next: number, to: number): number {
    const read = this.rawDefinitions.get(i) ?? this.readDefinition(name, next, to);
    if (!read || read.end > to) return this.dropArgument(next, to);
    const { raw } = read;
    const source = { start: i, end: read.end };
    const text = (latex: string | null | undefined): string | null =>
      latex === null || latex === undefined ? null : this.table.expand(latex);
    if (PLURAL_DEFINITIONS.has(name)) {
      const short = text(raw.shortPlural) || raw.key;
      this.acronyms.push({
        kind: 'definition',
        key: raw.key,
        short,
        long: text(raw.longPlural),
        source,
        plural: true,
      });
    } else {
      const short = text(raw.short) || raw.key;
      this.acronyms.push({
        kind: 'definition',
        key: raw.key || short,
        short,
        long: text(raw.long) || null,
        source,
      });
    }
    return read.end;
  }

  /**
   * A mention macro: what it prints, from the definition of its key. The abbreviation it writes is a mention
   * (a span whatever the model says); the long form that `\acf` writes before it is silent, as the macro
   * already declares the pair; the long form that `\acl` writes is prose, which may be part of a longer one
   * (`\acl{VM} Monitor (VMM)`).
   */
  private mention(i: number, name: string, next: number, to: number): number {
    const open = this.skipSpaces(this.skipOptionals(next, to), to);
    const close = this.source[open] === '{' ? this.closingBrace[open] : -1;
    if (close < 0 || close >= to) return next;
    if (this.builder.muted) return close + 1;
    const { builder } = this;
    const key = plainText(this.source.slice(open + 1, close));
    const definition = this.table.get(key);
    const macro = MENTION_MACROS.get(name);
    const printed = macro ? mentionText(macro, key, definition) : { long: null, short: key };
    const end = close + 1;
    const short = definition?.short || key;
    this.acronyms.push({
      kind: 'mention',
      key,
      short,
      long: definition?.long ?? null,
      source: { start: i, end },
    });
    if (printed.long !== null && printed.short !== null) {
      builder.silence(builder.textLength, builder.textLength + printed.long.length);
      builder.replace(`${printed.long} (`, i, end);
    } else if (printed.long !== null) {
      builder.replace(printed.long, i, end);
    }
    if (printed.short !== null) {
      const start = builder.textLength;
      builder.replace(printed.short, i, end);
      this.mentionRanges.push({ start, end: builder.textLength });
      if (printed.long !== null) builder.replace(')', i, end);
    }
    return end;
  }

  /** Skip one mandatory argument: a brace group, a control word, or a single character. */
  private dropArgument(i: number, to: number): number {
    const { source } = this;
    const at = this.skipSpaces(i, to);
    if (at >= to) return at;
    if (source[at] === '{') {
      const close = this.closingBrace[at];
      return close >= 0 && close < to ? close + 1 : lineEnd(source, at, to);
    }
    if (source[at] === '\\') {
      LETTERS.lastIndex = at + 1;
      return LETTERS.test(source) ? Math.min(LETTERS.lastIndex, to) : Math.min(at + 2, to);
    }
    return i;
  }

  private skipOptionals(i: number, to: number): number {
    let at = i;
    for (;;) {
      const open = this.skipSpaces(at, to);
      if (this.source[open] !== '[') return at;
      const end = this.optional(open, to);
      if (end === null) return at;
      at = end;
    }
  }

  /** The end of the `[...]` optional argument opening at `open`, or null if it does not close in the paragraph. */
  private optional(open: number, to: number): number | null {
    let memo = this.optionalEnds.get(to);
    if (!memo) this.optionalEnds.set(to, (memo = { ends: new Map(), failedAfterGroup: new Map() }));
    const end = memo.ends.get(open);
    return end === undefined ? this.findOptionalEnd(open, to, memo) : end;
  }

  /**
   * Scan for the end of the optional argument at `open`, and note what the scan learnt. Every `[` met on the
   * way ends where this scan says: a later scan from it would go the same way. And a scan that fails notes how
   * many `[` were open just after each brace group it passed: a later scan that comes out of a group to the
   * same place with at least as many open fails the same way, so it can stop there (a `[` opened since, with
   * fewer open after it, may still close, and is left to be scanned when asked about).
   */
  private findOptionalEnd(open: number, to: number, memo: OptionalEnds): number | null {
    const openers: number[] = [];
    const afterGroups: [number, number][] = [];
    /** The scan from `open` fails; so do those from the `[` still open with at least `depth` open after them. */
    const fail = (depth = 1): null => {
      openers.forEach((opener, k) => {
        if (openers.length - k >= depth) memo.ends.set(opener, null);
      });
      for (const [at, depth] of afterGroups) {
        memo.failedAfterGroup.set(at, Math.min(depth, memo.failedAfterGroup.get(at) ?? depth));
      }
      return null;
    };
    /** How many `[` were open in a failed scan just after the group ending before `at`, or 0. */
    const failedAfterGroup = (at: number): number => {
      afterGroups.push([at, openers.length]);
      const failed = memo.failedAfterGroup.get(at) ?? 0;
      return failed > 0 && openers.length >= failed ? failed : 0;
    };
    for (let i = open; i < to; i++) {
      const char = this.source[i];
      if (char === '\\') i++;
      else if (char === '{') {
        const close = this.closingBrace[i];
        if (close < 0 || close >= to) return fail();
        i = close;
        const failed = failedAfterGroup(close + 1);
        if (failed) return fail(failed);
      } else if (char === '}') {
        const failed = failedAfterGroup(i + 1);
        if (failed) return fail(failed);
      } else if (char === '[') openers.push(i);
      else if (char === ']') {
        memo.ends.set(openers.pop() ?? open, i + 1);
        if (openers.length === 0) return i + 1;
      } else if (startsBlankLine(this.source, i)) return fail();
    }
    return fail();
  }

  private search(needle: string): ForwardSearch {
    let search = this.searches.get(needle);
    if (!search) this.searches.set(needle, (search = ForwardSearch.of(this.source, needle)));
    return search;
  }

  /** Whether a blank line lies wholly inside `[from, to)`. */
  private hasBlankLine(from: number, to: number): boolean {
    const at = this.blankLines.next(from);
    if (at < 0 || at >= to) return false;
    BLANK_LINE_HERE.lastIndex = at;
    BLANK_LINE_HERE.test(this.source);
    return BLANK_LINE_HERE.lastIndex <= to;
  }

  private isCommentedOut(at: number): boolean {
    this.comments ??= new Comments(this.source);
    return this.comments.hide(at);
  }

  /** Find `command` outside comments. */
  private findCommand(command: string, from: number): number {
    const { source } = this;
    for (let at = source.indexOf(command, from); at >= 0; at = source.indexOf(command, at + 1)) {
      if (!this.isCommentedOut(at)) return at;
    }
    return -1;
  }

  /** Skip spaces and at most one line break, as TeX does between a command and its arguments. */
  private skipSpaces(i: number, to: number): number {
    let at = i;
    let lineBreaks = 0;
    while (at < to) {
      const char = this.source[at];
      if (char === '\n' || char === '\r') {
        if (lineBreaks++ > 0) return i;
        if (char === '\r' && this.source[at + 1] === '\n') at++;
      } else if (char !== ' ' && char !== '\t') {
        break;
      }
      at++;
    }
    return at;
  }
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\n' || char === '\r' || char === '\t' || /\s/.test(char);
}

/** Commands whose braced argument is a URL or a path, in which `%` and `#` are characters, not a comment. */
const URL_COMMANDS: ReadonlySet<string> = new Set(['url', 'href', 'path', 'nolinkurl']);
const URL_ARGUMENT = /\\([A-Za-z@]+)\s*\{/y;

/**
 * For every `{` the index of its `}`, or -1; escaped braces and comments are ignored. The argument of `\url`
 * (and kin) ends at its first `}` on the line, whatever `%` it holds: `\url{http://x.org/a%20b}`.
 */
function matchBraces(source: string, urlMacros: ReadonlySet<string> = new Set()): Int32Array {
  const closing = new Int32Array(source.length).fill(-1);
  const open: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\\') {
      URL_ARGUMENT.lastIndex = i;
      const url = URL_ARGUMENT.exec(source)?.[1];
      if (url && (URL_COMMANDS.has(url) || urlMacros.has(url))) {
        const brace = URL_ARGUMENT.lastIndex - 1;
        const close = urlEnd(source, brace + 1);
        if (close >= 0) {
          closing[brace] = close;
          i = close;
          continue;
        }
      }
      i++;
    } else if (char === '%') i = lineEnd(source, i, source.length) - 1;
    else if (char === '{') open.push(i);
    else if (char === '}' && open.length > 0) closing[open.pop() ?? 0] = i;
  }
  return closing;
}

/** The `}` that closes a URL argument starting at `from`: the first one on the line, or -1. */
function urlEnd(source: string, from: number): number {
  for (let at = from; at < source.length; at++) {
    const char = source[at];
    if (char === '}') return at;
    if (char === '\n' || char === '\r' || char === '{') return -1;
  }
  return -1;
}

function startsBlankLine(source: string, i: number): boolean {
  const char = source[i];
  if (char !== '\n' && char !== '\r') return false;
  let at = char === '\r' && source[i + 1] === '\n' ? i + 2 : i + 1;
  while (source[at] === ' ' || source[at] === '\t') at++;
  return source[at] === '\n' || source[at] === '\r';
}

/** The index of the line break ending the line that `i` is on (or `to`). */
function lineEnd(source: string, i: number, to: number): number {
  for (let at = i; at < to; at++) if (source[at] === '\n' || source[at] === '\r') return at;
  return to;
}

function findUnescaped(source: string, needle: string, from: number, to: number): number {
  for (let at = source.indexOf(needle, from); at >= 0 && at < to; at = source.indexOf(needle, at + 1)) {
    let backslashes = 0;
    while (source[at - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return -1;
}

/** The comments of a source: on each line, from its first `%` not escaped by a backslash to the line's end. */
class Comments {
  /** Where each comment starts, in order. */
  private readonly starts: number[] = [];
  /** Where the line of each comment ends. */
  private readonly ends: number[] = [];

  constructor(source: string) {
    let backslashes = 0;
    for (let i = 0; i < source.length; i++) {
      const char = source[i];
      if (char === '%' && backslashes % 2 === 0) {
        this.starts.push(i);
        i = lineEnd(source, i, source.length);
        this.ends.push(i);
      }
      backslashes = char === '\\' ? backslashes + 1 : 0;
    }
  }

  /** Whether a comment hides the character at `at` (a `%` itself only if an earlier one hides it). */
  hide(at: number): boolean {
    let [low, high] = [0, this.starts.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.starts[middle] < at) low = middle + 1;
      else high = middle;
    }
    return low > 0 && this.ends[low - 1] > at;
  }
}

/**
 * For the rest of one line, from `from`: where each character next appears again on the line, which is where a
 * `\verb` delimited by it closes. Made for the line of the `\verb` met first, and kept for the others on it.
 */
class VerbLine {
  private readonly end: number;
  private readonly next: Int32Array;

  constructor(
    source: string,
    private readonly from: number,
  ) {
    this.end = lineEnd(source, from, source.length);
    this.next = new Int32Array(this.end - from);
    const seen = new Map<number, number>();
    for (let i = this.end - 1; i >= from; i--) {
      const code = source.charCodeAt(i);
      this.next[i - from] = seen.get(code) ?? -1;
      seen.set(code, i);
    }
  }

  holds(at: number): boolean {
    return at >= this.from && at < this.end;
  }

  /** Where the character at `at` next appears on the line, or -1. */
  closer(at: number): number {
    return this.next[at - this.from];
  }
}
