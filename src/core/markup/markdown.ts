import { ProjectionBuilder, type Projection } from './projection';

interface Line {
  start: number;
  /** Where the line's content ends, before its line break. */
  end: number;
  /** Where the next line starts. */
  next: number;
}

const FENCE = /^(`{3,}|~{3,})/;
const HEADING = /^#{1,6}(?=[ \t]|$)/;
const CLOSING_HASHES = /[ \t]+#+[ \t]*$|^#+[ \t]*$/;
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

  constructor(private readonly source: string) {
    this.builder = new ProjectionBuilder(source);
    this.lines = splitLines(source);
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
      const closing = CLOSING_HASHES.exec(this.source.slice(body, line.end));
      builder.breakParagraph(line.start);
      this.inline(body, closing ? body + closing.index : line.end);
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
    let url = 0;
    let i = from;
    while (i < to) {
      if (this.inHtmlComment) {
        const close = source.indexOf('-->', i);
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
        const close = findBacktickRun(source, i + run, to, run);
        if (close < 0) builder.copy(i, i + run);
        return close < 0 ? i + run : close + run;
      }
      case '<':
        return this.angleBracket(i, to);
      case '!':
        if (source[i + 1] === '[' && linkEnd(source, i + 1, to) !== null) return i + 1;
        builder.copy(i, i + 1);
        return i + 1;
      case '[': {
        if (source[i + 1] === '^') {
          const close = source.indexOf(']', i);
          if (close > 0 && close < to) return close + 1;
        }
        const link = linkEnd(source, i, to);
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
      const close = source.indexOf('-->', i + 4);
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
      for (
        let close = source.indexOf('$', i + 1);
        close >= 0 && close < to;
        close = source.indexOf('$', close + 1)
      ) {
        const before = source[close - 1];
        const after = source[close + 1] ?? '';
        if (before === '\\' || before === '$' || after === '$' || /\s/.test(before)) continue;
        if (!/[0-9]/.test(after)) return close + 1;
      }
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

function findBacktickRun(source: string, from: number, to: number, length: number): number {
  for (let at = source.indexOf('`', from); at >= 0 && at < to; at = source.indexOf('`', at + 1)) {
    const run = runLength(source, at, to, '`');
    if (run === length) return at;
    at += run - 1;
  }
  return -1;
}

/** For a `[` that opens a link, where its `]` is and where the whole link ends; else null. */
function linkEnd(source: string, open: number, to: number): { close: number; after: number } | null {
  const close = matching(source, open, to, '[', ']');
  if (close < 0) return null;
  if (source[close + 1] === '(') {
    const end = matching(source, close + 1, to, '(', ')');
    return end < 0 ? null : { close, after: end + 1 };
  }
  if (source[close + 1] === '[') {
    const end = matching(source, close + 1, to, '[', ']');
    return end < 0 ? null : { close, after: end + 1 };
  }
  return null;
}

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
    let text = match[0];
    while (URL_TRAILER.test(text)) {
      const last = text[text.length - 1];
      const opener = last === ')' ? '(' : last === ']' ? '[' : null;
      if (opener && text.split(opener).length > text.split(last).length - 1) break;
      text = text.slice(0, -1);
    }
    urls.push({ start: from + match.index, end: from + match.index + text.length });
  }
  return urls;
}

function decodeEntity(name: string): string | null {
  if (name[0] !== '#') return NAMED_ENTITIES.get(name) ?? null;
  const codePoint =
    name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : null;
}
