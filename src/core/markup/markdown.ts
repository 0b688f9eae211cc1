import { ProjectionBuilder, type Projection } from './projection';
import { ForwardSearch } from './search';

interface Line {
  start: number;
  /** Where the line's content ends, before its line break. */
  end: number;
  /** Where the next line starts. */
  next: number;
}

const FENCE = /^(`{3,}|~{3,})/;
const HEADING = /^#{1,6}(?=[ \t]|$)/;
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT_UNDERLINE = /^=+[ \t]*$/;
const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)/;
const TASK_BOX = /^\[[ xX]\][ \t]+/;
const REFERENCE_DEFINITION = /^\[[^\]^][^\]]*\]:/;
const FOOTNOTE_DEFINITION = /^\[\^[^\]]+\]:[ \t]*/;
const RAW_HTML_BLOCK = /^<(script|pre|style|textarea)(?=[\s>]|$)/i;
const TABLE_DELIMITER_ROW = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const ORDINARY_RUN = /[^\\`<[\]!*_~$&|\r\n]+/y;
const BARE_URL = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>]*/gi;
const URL_TRAILER = /[.,;:!?'"*_)\]]$/;
const AUTOLINK = /<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>/y;
const HTML_TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?\/?>/y;
const BLOCK_TAGS =
  /^(?:br|p|div|li|ul|ol|tr|td|th|table|h[1-6]|blockquote|hr|section|article|details|summary)$/i;
const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/y;
const NAMED_ENTITIES = new Map(
  Object.entries({
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: ' ',
    ndash: '–',
    mdash: '—',
    hellip: '…',
  }),
);
const ASCII_PUNCTUATION = /^[!-/:-@[-`{-~]$/;
const WORD_CHAR = /[\p{L}\p{N}]/u;

export function projectMarkdown(source: string): Projection {
  const scanner = new MarkdownScanner(source);
  scanner.run();
  return scanner.builder.build();
}

class MarkdownScanner {
  readonly builder: ProjectionBuilder;
  private readonly lines: Line[];
  private inHtmlComment = false;
  private inList = false;
  private previousBlank = true;
  private inTable = false;
  private tableRow = false;
  /** What the inline content being projected knows about itself. */
  private region: InlineRegion;
  private readonly commentClose: ForwardSearch;
  private readonly footnoteClose: ForwardSearch;

  constructor(private readonly source: string) {
    this.builder = new ProjectionBuilder(source);
    this.lines = splitLines(source);
    this.region = new InlineRegion(source, 0, 0);
    this.commentClose = ForwardSearch.of(source, '-->');
    this.footnoteClose = ForwardSearch.of(source, ']');
  }

  run(): void {
    let index = this.skipFrontMatter();
    while (index < this.lines.length) index = this.block(index);
  }

  private skipFrontMatter(): number {
    const first = this.lines[0];
    const marker = this.text(first).trimEnd();
    if (marker !== '---' && marker !== '+++') return 0;
    for (let index = 1; index < this.lines.length; index++) {
      const line = this.text(this.lines[index]).trimEnd();
      if (line === marker || (marker === '---' && line === '...')) return index + 1;
    }
    return 0;
  }

  /** Project the block starting at line `index`; returns the index of the next line to look at. */
  private block(index: number): number {
    const { builder } = this;
    const line = this.lines[index];
    if (this.inHtmlComment) {
      this.inline(line.start, line.end);
      if (!this.inHtmlComment) builder.copy(line.end, line.next);
      return index + 1;
    }
    const contentStart = this.skipBlockQuoteMarkers(line.start, line.end);
    const content = this.source.slice(contentStart, line.end);
    const trimmed = content.trimStart();
    const start = line.end - trimmed.length;
    if (this.inTable && !trimmed.includes('|')) this.inTable = false;
    if (trimmed.trim() === '') {
      this.previousBlank = true;
      builder.breakParagraph(line.start);
      return index + 1;
    }
    const indent = indentWidth(content);
    const wasBlank = this.previousBlank;
    this.previousBlank = false;
    if (indent >= 4 && wasBlank && !this.inList) {
      this.previousBlank = true;
      builder.breakParagraph(line.start);
      return index + 1;
    }
    if (indent === 0 && !LIST_MARKER.test(trimmed) && wasBlank) this.inList = false;

    const fence = FENCE.exec(trimmed);
    if (fence) return this.skipFence(index, fence[1]);
    if (trimmed.startsWith('$$')) return this.skipMathBlock(index, start);
    const rawHtml = RAW_HTML_BLOCK.exec(trimmed);
    if (rawHtml) return this.skipUntil(index, new RegExp(`</${rawHtml[1]}\\s*>`, 'i'));
    if (THEMATIC_BREAK.test(trimmed) || (!wasBlank && SETEXT_UNDERLINE.test(trimmed))) {
      builder.breakParagraph(line.start);
      return index + 1;
    }
    if (REFERENCE_DEFINITION.test(trimmed)) return index + 1;

    const heading = HEADING.exec(trimmed);
    if (heading) {
      const body = start + heading[0].length;
      builder.breakParagraph(line.start);
      this.inline(body, closingHashes(this.source, body, line.end));
      builder.breakParagraph(line.end);
      return index + 1;
    }
    if (this.isTableRow(index, trimmed)) {
      builder.breakParagraph(line.start);
      if (!isDelimiterRow(trimmed)) {
        this.tableRow = true;
        this.inline(start, line.end);
        this.tableRow = false;
      }
      builder.breakParagraph(line.end);
      return index + 1;
    }
    let textStart = start;
    const footnote = FOOTNOTE_DEFINITION.exec(trimmed);
    const listMarker = this.listMarker(trimmed, wasBlank);
    if (footnote || listMarker) {
      builder.breakParagraph(line.start);
      textStart += (footnote ?? listMarker ?? [''])[0].length;
      this.inList = this.inList || listMarker !== null;
      const task = TASK_BOX.exec(this.source.slice(textStart, line.end));
      if (task) textStart += task[0].length;
    }
    this.inline(textStart, line.end);
    builder.copy(line.end, line.next);
    return index + 1;
  }

  /** A list marker starting `line`; an ordered list other than `1.` cannot interrupt a paragraph. */
  private listMarker(line: string, afterBlank: boolean): RegExpExecArray | null {
    const marker = LIST_MARKER.exec(line);
    if (!marker || afterBlank || this.inList || !/^\d/.test(marker[0]) || /^0*1[.)]/.test(marker[0]))
      return marker;
    return null;
  }

  private skipBlockQuoteMarkers(start: number, end: number): number {
    let at = start;
    for (;;) {
      let marker = at;
      while (marker < end && marker - at < 3 && this.source[marker] === ' ') marker++;
      if (this.source[marker] !== '>' || marker >= end) return at;
      at = marker + 1;
      if (this.source[at] === ' ') at++;
    }
  }

  private skipFence(index: number, fence: string): number {
    this.builder.breakParagraph(this.lines[index].start);
    for (let next = index + 1; next < this.lines.length; next++) {
      const line = this.text(this.lines[next]).trim();
      if (line.startsWith(fence) && line.replace(new RegExp(`^\\${fence[0]}+`), '') === '') return next + 1;
    }
    return this.lines.length;
  }

  private skipMathBlock(index: number, start: number): number {
    const line = this.lines[index];
    this.builder.separate(start);
    if (this.source.slice(start + 2, line.end).includes('$$')) return index + 1;
    for (let next = index + 1; next < this.lines.length; next++) {
      if (this.text(this.lines[next]).includes('$$')) return next + 1;
    }
    return this.lines.length;
  }

  private skipUntil(index: number, closing: RegExp): number {
    this.builder.breakParagraph(this.lines[index].start);
    for (let next = index; next < this.lines.length; next++) {
      if (closing.test(this.text(this.lines[next]))) return next + 1;
    }
    return this.lines.length;
  }

  private isTableRow(index: number, trimmed: string): boolean {
    if (!trimmed.includes('|')) return false;
    const following = this.lines[index + 1];
    const header = following !== undefined && isDelimiterRow(this.text(following).trim());
    this.inTable = this.inTable || header;
    return this.inTable;
  }

  /** Project inline content `[from, to)`. */
  private inline(from: number, to: number): void {
    const { source, builder } = this;
    const urls = findUrls(source, from, to);
    const linkEnds: { close: number; after: number }[] = [];
    this.region = new InlineRegion(source, from, to);
    let url = 0;
    let i = from;
    while (i < to) {
      if (this.inHtmlComment) {
        const close = this.commentClose.next(i);
        if (close < 0 || close + 3 > to) return;
        this.inHtmlComment = false;
        i = close + 3;
        continue;
      }
      while (url < urls.length && urls[url].start < i) url++;
      const nextUrl = url < urls.length ? urls[url].start : to;
      if (i === nextUrl) {
        i = urls[url].end;
        continue;
      }
      ORDINARY_RUN.lastIndex = i;
      const runEnd = Math.min(ORDINARY_RUN.test(source) ? ORDINARY_RUN.lastIndex : i, nextUrl, to);
      if (runEnd > i) {
        builder.copy(i, runEnd);
        i = runEnd;
        continue;
      }
      const link = linkEnds[linkEnds.length - 1];
      if (source[i] === ']' && link && link.close === i) {
        linkEnds.pop();
        i = link.after;
        continue;
      }
      i = this.special(i, to, linkEnds);
    }
  }

  /** Project the markup character at `i`; returns where to go on. */
  private special(i: number, to: number, linkEnds: { close: number; after: number }[]): number {
    const { source, builder } = this;
    const char = source[i];
    switch (char) {
      case '\\': {
        const next = source[i + 1];
        if (i + 1 >= to) return to;
        if (next && ASCII_PUNCTUATION.test(next)) builder.replace(next, i, i + 2);
        else builder.copy(i, i + 1);
        return i + (next && ASCII_PUNCTUATION.test(next) ? 2 : 1);
      }
      case '`': {
        const run = runLength(source, i, to, '`');
        const close = this.region.backtickRun(i + run, run);
        if (close < 0) builder.copy(i, i + run);
        return close < 0 ? i + run : close + run;
      }
      case '<':
        return this.angleBracket(i, to);
      case '!':
        if (source[i + 1] === '[' && this.region.linkEnd(i + 1) !== null) return i + 1;
        builder.copy(i, i + 1);
        return i + 1;
      case '[': {
        if (source[i + 1] === '^') {
          const close = this.footnoteClose.next(i);
          if (close > 0 && close < to) return close + 1;
        }
        const link = this.region.linkEnd(i);
        if (link) {
          linkEnds.push(link);
          return i + 1;
        }
        builder.copy(i, i + 1);
        return i + 1;
      }
      case '*':
      case '_':
      case '~':
        return this.emphasis(i, to);
      case '$':
        return this.inlineMath(i, to);
      case '&':
        return this.entity(i);
      case '|':
        if (this.tableRow) builder.separate(i);
        else builder.copy(i, i + 1);
        return i + 1;
      default:
        builder.copy(i, i + 1);
        return i + 1;
    }
  }

  private angleBracket(i: number, to: number): number {
    const { source, builder } = this;
    if (source.startsWith('<!--', i)) {
      const close = this.commentClose.next(i + 4);
      if (close >= 0 && close + 3 <= to) return close + 3;
      this.inHtmlComment = true;
      return to;
    }
    for (const pattern of [AUTOLINK, HTML_TAG]) {
      pattern.lastIndex = i;
      const match = pattern.exec(source);
      if (match && pattern.lastIndex <= to) {
        if (match[1] && BLOCK_TAGS.test(match[1])) builder.separate(i);
        return pattern.lastIndex;
      }
    }
    builder.copy(i, i + 1);
    return i + 1;
  }

  private emphasis(i: number, to: number): number {
    const { source, builder } = this;
    const char = source[i];
    const run = runLength(source, i, to, char);
    const before = i > 0 ? source[i - 1] : ' ';
    const after = i + run < to ? source[i + run] : ' ';
    const opens = !/\s/.test(after);
    const closes = !/\s/.test(before);
    const intraword = WORD_CHAR.test(before) && WORD_CHAR.test(after);
    const isMarkup = (opens || closes) && !(char === '_' && intraword) && !(char === '~' && run !== 2);
    if (!isMarkup) builder.copy(i, i + run);
    return i + run;
  }

  private inlineMath(i: number, to: number): number {
    const { source, builder } = this;
    if (source[i + 1] === '$') {
      const close = source.indexOf('$$', i + 2);
      if (close >= 0 && close + 2 <= to) return close + 2;
    } else if (i + 1 < to && !/\s/.test(source[i + 1])) {
      const close = this.region.mathClose(i + 1);
      if (close >= 0) return close + 1;
    }
    builder.copy(i, i + 1);
    return i + 1;
  }

  private entity(i: number): number {
    ENTITY.lastIndex = i;
    const match = ENTITY.exec(this.source);
    const decoded = match ? decodeEntity(match[1]) : null;
    if (match && decoded !== null) {
      this.builder.replace(decoded, i, ENTITY.lastIndex);
      return ENTITY.lastIndex;
    }
    this.builder.copy(i, i + 1);
    return i + 1;
  }

  private text(line: Line): string {
    return this.source.slice(line.start, line.end);
  }
}

function isDelimiterRow(line: string): boolean {
  return line.includes('|') && TABLE_DELIMITER_ROW.test(line);
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const lineBreak of source.matchAll(/\r\n|\n|\r/g)) {
    lines.push({ start, end: lineBreak.index, next: lineBreak.index + lineBreak[0].length });
    start = lineBreak.index + lineBreak[0].length;
  }
  lines.push({ start, end: source.length, next: source.length });
  return lines;
}

function indentWidth(line: string): number {
  let width = 0;
  for (const char of line) {
    if (char === ' ') width++;
    else if (char === '\t') width += 4 - (width % 4);
    else break;
  }
  return width;
}

function runLength(source: string, i: number, to: number, char: string): number {
  let end = i;
  while (end < to && source[end] === char) end++;
  return end - i;
}

/** Where the heading text `[body, end)` stops: before its closing `#`s, as in `## Title ##`. */
function closingHashes(source: string, body: number, end: number): number {
  const isBlank = (at: number): boolean => source[at] === ' ' || source[at] === '\t';
  let last = end;
  while (last > body && isBlank(last - 1)) last--;
  let hashes = last;
  while (hashes > body && source[hashes - 1] === '#') hashes--;
  if (hashes === last) return end;
  if (hashes === body) return body;
  let blanks = hashes;
  while (blanks > body && isBlank(blanks - 1)) blanks--;
  return blanks < hashes ? blanks : end;
}

/**
 * The inline content `[from, to)` of one block, with what is asked of it again and again worked out once, the
 * first time: which bracket closes which, where the code-span backtick runs and the math closers are. Asked
 * afresh at every `[`, `$` or backtick, these made one line of 100,000 `[` take 30 s.
 */
class InlineRegion {
  private brackets: Int32Array | null = null;
  private parens: Int32Array | null = null;
  private runsByLength: Map<number, number[]> | null = null;
  private readonly mathCloser: ForwardSearch;

  constructor(
    private readonly source: string,
    private readonly from: number,
    private readonly to: number,
  ) {
    this.mathCloser = new ForwardSearch((at) => this.findMathClose(at));
  }

  /** For a `[` that opens a link, where its `]` is and where the whole link ends; else null. */
  linkEnd(open: number): { close: number; after: number } | null {
    const close = this.closing(open, '[', ']');
    if (close < 0) return null;
    const next = this.source[close + 1];
    if (next !== '(' && next !== '[') return null;
    const end = next === '(' ? this.closing(close + 1, '(', ')') : this.closing(close + 1, '[', ']');
    return end < 0 ? null : { close, after: end + 1 };
  }

  /** Where the first backtick run of `length` at or after `from` starts, or -1; `from` is not inside a run. */
  backtickRun(from: number, length: number): number {
    this.runsByLength ??= backtickRuns(this.source, this.from, this.to);
    const starts = this.runsByLength.get(length) ?? [];
    let [low, high] = [0, starts.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle] < from) low = middle + 1;
      else high = middle;
    }
    return low < starts.length ? starts[low] : -1;
  }

  /** The `$` at or after `from` that can close inline math, or -1. */
  mathClose(from: number): number {
    return this.mathCloser.next(from);
  }

  private findMathClose(from: number): number {
    const { source } = this;
    for (
      let close = source.indexOf('$', from);
      close >= 0 && close < this.to;
      close = source.indexOf('$', close + 1)
    ) {
      const before = source[close - 1];
      const after = source[close + 1] ?? '';
      if (before === '\\' || before === '$' || after === '$' || /\s/.test(before)) continue;
      if (!/[0-9]/.test(after)) return close;
    }
    return -1;
  }

  /** The `closer` that matches the `opener` at `open`, or -1; backslash-escaped brackets do not count. */
  private closing(open: number, opener: '[' | '(', closer: ']' | ')'): number {
    if (opener === '[') this.brackets ??= matchBrackets(this.source, this.from, this.to, '[', ']');
    else this.parens ??= matchBrackets(this.source, this.from, this.to, '(', ')');
    const table = opener === '[' ? this.brackets : this.parens;
    const close = table?.[open - this.from] ?? -1;
    if (close !== NOT_AN_OPENER) return close;
    return matching(this.source, open, this.to, opener, closer);
  }
}

/** In a bracket table, a place the one pass over the content did not take for an opener (an escaped one). */
const NOT_AN_OPENER = -2;

/**
 * For every offset of `[from, to)` that holds an `opener`, the offset of its `closer` (or -1), in one pass that
 * skips what a backslash escapes, as `matching` does from the opener.
 */
function matchBrackets(source: string, from: number, to: number, opener: string, closer: string): Int32Array {
  const closing = new Int32Array(to - from).fill(NOT_AN_OPENER);
  const open: number[] = [];
  for (let i = from; i < to; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (char === opener) {
      closing[i - from] = -1;
      open.push(i);
    } else if (char === closer && open.length > 0) closing[(open.pop() ?? 0) - from] = i;
  }
  return closing;
}

/** The starts of the backtick runs of `[from, to)`, by run length. */
function backtickRuns(source: string, from: number, to: number): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  for (let at = source.indexOf('`', from); at >= 0 && at < to; at = source.indexOf('`', at)) {
    const run = runLength(source, at, to, '`');
    const starts = runs.get(run);
    if (starts) starts.push(at);
    else runs.set(run, [at]);
    at += run;
  }
  return runs;
}

/** Scanning from the opener at `open`, the closer that brings the depth back to zero, or -1. */
function matching(source: string, open: number, to: number, opener: string, closer: string): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const char = source[i];
    if (char === '\\') i++;
    else if (char === opener) depth++;
    else if (char === closer && --depth === 0) return i;
  }
  return -1;
}

function findUrls(source: string, from: number, to: number): { start: number; end: number }[] {
  const urls: { start: number; end: number }[] = [];
  const line = source.slice(from, to);
  for (const match of line.matchAll(BARE_URL)) {
    const text = match[0];
    const count = { '(': 0, ')': 0, '[': 0, ']': 0 } as Record<string, number>;
    for (const char of text) if (char in count) count[char]++;
    let end = text.length;
    while (end > 0 && URL_TRAILER.test(text[end - 1])) {
      const last = text[end - 1];
      const opener = last === ')' ? '(' : last === ']' ? '[' : null;
      if (opener && count[opener] >= count[last]) break;
      if (opener) count[last]--;
      end--;
    }
    urls.push({ start: from + match.index, end: from + match.index + end });
  }
  return urls;
}

function decodeEntity(name: string): string | null {
  if (name[0] !== '#') return NAMED_ENTITIES.get(name) ?? null;
  const codePoint =
    name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : null;
}
