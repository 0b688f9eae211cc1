import type { Range } from '../types';

const SPACE = /\s/;

/** A blank line: a line break, white space but no line break, and another line break (`\r\n`, `\r` or `\n`). */
export const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r|\n)/;

/**
 * Ranges of the non-blank paragraphs of `text`, split at blank lines and trimmed of surrounding whitespace.
 * The last few texts' are kept: one analysis splits the same text in five passes (a walk over every character
 * each time).
 */
export function splitParagraphs(text: string): readonly Range[] {
  const index = recentTexts.indexOf(text);
  if (index >= 0) return recentParagraphs[index];
  const paragraphs = paragraphRanges(text);
  recentTexts.unshift(text);
  recentParagraphs.unshift(paragraphs);
  recentTexts.length = Math.min(recentTexts.length, RECENT_TEXTS);
  recentParagraphs.length = recentTexts.length;
  return paragraphs;
}

/** The source and the projected text of the document being analysed, and of the one before it. */
const RECENT_TEXTS = 4;
const recentTexts: string[] = [];
const recentParagraphs: (readonly Readonly<Range>[])[] = [];

function paragraphRanges(text: string): readonly Readonly<Range>[] {
  const paragraphs: Range[] = [];
  let open: Range | null = null;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && !isLineBreak(text[lineEnd])) lineEnd++;
    let first = lineStart;
    while (first < lineEnd && SPACE.test(text[first])) first++;
    if (first === lineEnd) {
      open = null;
    } else {
      let last = lineEnd;
      while (SPACE.test(text[last - 1])) last--;
      if (open) open.end = last;
      else paragraphs.push((open = { start: first, end: last }));
    }
    lineStart = lineEnd + (text.startsWith('\r\n', lineEnd) ? 2 : 1);
  }
  return Object.freeze(paragraphs.map((range) => Object.freeze(range)));
}

function isLineBreak(char: string): boolean {
  return char === '\n' || char === '\r';
}
