import type { Range } from '../types';

export interface AcronymMacro {
  kind: 'definition' | 'mention';
  key: string;
  short: string;
  long: string | null;
  source: Range;
  /** A definition of the plural forms only (`\acroplural`): `short` and `long` are plural. */
  plural?: true;
}

export interface Projection {
  /** Prose only, what the model sees. Same length semantics as a JS string. */
  text: string;
  /** Map a half-open range in `text` back to the source: exact, UTF-16 offsets. */
  toSource(range: Range): Range;
  /** LaTeX acronym-package macros found, in source order. */
  acronyms: AcronymMacro[];
  /**
   * Ranges of `text` where a mention macro writes its abbreviation (`\ac{…}`, the `(…)` of `\acf{…}`), in order;
   * `\acl{…}` writes a long form and has none.
   */
  mentionRanges: Range[];
  /**
   * Ranges of `text` that no span may cover, in order: placeholders that stand for a reference, citation,
   * number or inline code (so that `(Section~\ref{s})` reads `(Section 0)`, not `(Section)`), and the long
   * form that `\acf{…}` writes before its abbreviation.
   */
  silentRanges: Range[];
}

export function identityProjection(source: string): Projection {
  const clamp = (offset: number): number => Math.max(0, Math.min(source.length, offset));
  return {
    text: source,
    toSource: ({ start, end }) => ({ start: clamp(start), end: Math.max(clamp(start), clamp(end)) }),
    acronyms: [],
    mentionRanges: [],
    silentRanges: [],
  };
}

const enum Kind {
  /** Source characters, one text character for each. */
  Copy,
  /** Text standing as a whole for a source range. */
  Replacement,
  /** A separator the builder invented; trimmed off the ends of ranges. */
  Soft,
}

const TAIL_LENGTH = 8;
const SPACE = /\s/;

/**
 * Builds a projection's text one piece at a time, remembering for every piece the source range
 * it stands for. Separators the builder invents (`separate`, `breakParagraph`) are soft: a range
 * given to `toSource` is trimmed of them so that it never reaches into markup.
 */
export class ProjectionBuilder {
  /** While muted, nothing is written (used to read a LaTeX preamble for definitions only). */
  muted = false;
  private length = 0;
  private readonly textStarts: number[] = [];
  private readonly sourceStarts: number[] = [];
  private readonly sourceEnds: number[] = [];
  private readonly kinds: Kind[] = [];
  /** The piece's text, or null for a verbatim copy of its source range. */
  private readonly texts: (string | null)[] = [];
  private readonly silent: Range[] = [];

  constructor(private readonly source: string) {}

  get textLength(): number {
    return this.length;
  }

  /** Copy source characters `[from, to)` verbatim. */
  copy(from: number, to: number): void {
    if (to <= from || this.muted) return;
    const last = this.kinds.length - 1;
    if (
      last >= 0 &&
      this.kinds[last] === Kind.Copy &&
      this.texts[last] === null &&
      this.sourceEnds[last] === from
    ) {
      this.sourceEnds[last] = to;
      this.length += to - from;
      return;
    }
    this.add(Kind.Copy, null, from, to, to - from);
  }

  /** Write source whitespace `[from, to)` with its line breaks turned into spaces. */
  copyAsSpaces(from: number, to: number): void {
    if (to <= from || this.muted) return;
    this.add(Kind.Copy, this.source.slice(from, to).replace(/[\r\n]/g, ' '), from, to, to - from);
  }

  /** Write `text`, every character of which stands for the whole source range `[from, to)`. */
  replace(text: string, from: number, to: number): void {
    if (text.length === 0 || this.muted) return;
    this.add(Kind.Replacement, text, from, to, text.length);
  }

  /** Write `text` for the source range `[from, to)`, as a placeholder that no span may cover. */
  placeholder(text: string, from: number, to: number): void {
    if (text.length === 0 || this.muted) return;
    this.silence(this.length, this.length + text.length);
    this.replace(text, from, to);
  }

  /** Keep spans off the text range `[start, end)` (offsets in the text, as written so far or about to be). */
  silence(start: number, end: number): void {
    if (end <= start || this.muted) return;
    const last = this.silent[this.silent.length - 1];
    if (last && last.end >= start) last.end = Math.max(last.end, end);
    else this.silent.push({ start, end });
  }

  /** Make sure the text so far ends with whitespace, so that what follows is a new word. */
  separate(at: number): void {
    if (this.length === 0 || this.muted || /\s$/.test(this.tail())) return;
    this.add(Kind.Soft, ' ', at, at, 1);
  }

  /** Make sure the text so far ends with a blank line, so that what follows is a new paragraph. */
  breakParagraph(at: number): void {
    if (this.length === 0 || this.muted) return;
    const trailing = /(?:\r\n|\r|\n)?[^\S\r\n]*(?:\r\n|\r|\n)?[^\S\r\n]*$/.exec(this.tail())?.[0] ?? '';
    const missing = 2 - (trailing.match(/\r\n|\r|\n/g)?.length ?? 0);
    if (missing > 0) this.add(Kind.Soft, '\n'.repeat(missing), at, at, missing);
  }

  endsWithLineBreak(): boolean {
    return /[\r\n][^\S\r\n]*$/.test(this.tail());
  }

  build(acronyms: AcronymMacro[] = [], mentionRanges: Range[] = []): Projection {
    const count = this.kinds.length;
    const pieces: string[] = new Array<string>(count);
    for (let i = 0; i < count; i++) pieces[i] = this.pieceText(i);
    const text = pieces.join('');
    const { textStarts, sourceStarts, sourceEnds, kinds } = this;
    const length = this.length;
    /** The piece holding text offset `offset` (0 <= offset < length). */
    const pieceAt = (offset: number): number => {
      let low = 0;
      let high = count - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (textStarts[middle] <= offset) low = middle;
        else high = middle - 1;
      }
      return low;
    };
    const startOf = (offset: number, piece: number): number =>
      kinds[piece] === Kind.Copy ? sourceStarts[piece] + offset - textStarts[piece] : sourceStarts[piece];
    const endOf = (offset: number, piece: number): number =>
      kinds[piece] === Kind.Copy ? sourceStarts[piece] + offset - textStarts[piece] + 1 : sourceEnds[piece];
    const positionAt = (offset: number): number => {
      if (count === 0 || offset <= 0) return count === 0 ? 0 : startOf(0, 0);
      if (offset >= length) return endOf(length - 1, count - 1);
      return startOf(offset, pieceAt(offset));
    };
    const sourceStartAt = (offset: number): number => startOf(offset, pieceAt(offset));
    const sourceEndAt = (offset: number): number => endOf(offset, pieceAt(offset));
    const isSoft = (offset: number): boolean => kinds[pieceAt(offset)] === Kind.Soft;
    /** Whether the characters at `left` and `left + 1` have markup between them in the source. */
    const markupBetween = (left: number): boolean => sourceEndAt(left) !== sourceStartAt(left + 1);
    const toSource = (range: Range): Range => {
      let start = Math.max(0, range.start);
      let end = Math.min(length, range.end);
      if (end <= start) {
        const position = positionAt(range.start);
        return { start: position, end: position };
      }
      const first = start;
      while (
        start < end &&
        (isSoft(start) || (SPACE.test(text[start]) && start + 1 < end && markupBetween(start)))
      ) {
        start++;
      }
      while (
        end > start &&
        (isSoft(end - 1) || (SPACE.test(text[end - 1]) && end - 1 > start && markupBetween(end - 2)))
      ) {
        end--;
      }
      if (end === start) {
        const position = sourceStartAt(first);
        return { start: position, end: position };
      }
      const sourceStart = sourceStartAt(start);
      return { start: sourceStart, end: Math.max(sourceStart, sourceEndAt(end - 1)) };
    };
    return { text, toSource, acronyms, mentionRanges, silentRanges: this.silent };
  }

  private add(kind: Kind, text: string | null, from: number, to: number, length: number): void {
    this.textStarts.push(this.length);
    this.sourceStarts.push(from);
    this.sourceEnds.push(to);
    this.kinds.push(kind);
    this.texts.push(text);
    this.length += length;
  }

  private pieceText(piece: number): string {
    return this.texts[piece] ?? this.source.slice(this.sourceStarts[piece], this.sourceEnds[piece]);
  }

  /** The last few characters of the text so far. */
  private tail(): string {
    let tail = '';
    for (let piece = this.kinds.length - 1; piece >= 0 && tail.length < TAIL_LENGTH; piece--) {
      const text = this.texts[piece];
      const end = this.sourceEnds[piece];
      tail = (text ?? this.source.slice(Math.max(this.sourceStarts[piece], end - TAIL_LENGTH), end)) + tail;
    }
    return tail.slice(-TAIL_LENGTH);
  }
}
