import type { Range } from '../types';

const SPACE = /\s/;

/** A blank line: a line break, white space but no line break, and another line break (`\r\n`, `\r` or `\n`). */
export const BLANK_LINE = /(?:\r\n|\r(?!\n)|\n)[^\S\r\n]*(?:\r|\n)/;

/** Ranges of the non-blank paragraphs of `text`, split at blank lines and trimmed of surrounding whitespace. */
export function splitParagraphs(text: string): Range[] {
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
  return paragraphs;
}

function isLineBreak(char: string): boolean {
  return char === '\n' || char === '\r';
}
