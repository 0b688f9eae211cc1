/**
 * A PDF page's text items put back into reading text: columns found by their gutter and read one after the
 * other, lines joined into paragraphs, words hyphenated at line ends joined again, footnote marks dropped,
 * page numbers dropped, ligatures written out.
 */

/** One run of text as pdf.js gives it: `x`, `y` are the baseline start in PDF units (y grows upwards). */
export interface TextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  /** The font size. */
  size: number;
}

export interface PageBox {
  width: number;
  height: number;
}

interface Line {
  items: TextItem[];
  x: number;
  right: number;
  y: number;
  size: number;
}

/** Lines of one column (or of the full width), top to bottom. */
type Block = Line[];

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

export function writeOutLigatures(text: string): string {
  return text
    .replace(/[\uFB00-\uFB06]/g, (ch) => LIGATURES[ch] ?? ch)
    .replace(/\u00AD/g, '')
    .replace(/[\u00A0\u2000-\u200A\u202F]/g, ' ');
}

/** The page's blocks in reading order: each band of full-width lines, then each column below it. */
export function readingOrder(items: readonly TextItem[], page: PageBox): Block[] {
  const visible = items
    .filter((i) => i.text.trim() !== '' && i.size > 0)
    .map((i) => ({ ...i, text: writeOutLigatures(i.text) }));
  if (!visible.length) return [];
  const gutter = findGutter(visible, page);
  if (gutter === null) return [toLines(visible)];
  const spans = (i: TextItem) => i.x < gutter && i.x + i.width > gutter;
  const wide = toLines(visible.filter(spans));
  const blocks: Block[] = [];
  let rest = visible.filter((i) => !spans(i));
  for (const line of [...wide, null]) {
    const above = rest.filter((i) => line === null || i.y > line.y);
    rest = rest.filter((i) => !above.includes(i));
    const left = above.filter((i) => i.x + i.width / 2 < gutter);
    const right = above.filter((i) => i.x + i.width / 2 >= gutter);
    if (left.length) blocks.push(toLines(left));
    if (right.length) blocks.push(toLines(right));
    if (line) blocks.push([line]);
  }
  return blocks;
}

/**
 * The x of a gutter between two columns: a line in the middle of the page that few text lines cross, with
 * three lines or more on either side of it. Null for a one-column page.
 */
function findGutter(items: readonly TextItem[], page: PageBox): number | null {
  const baselines = (some: readonly TextItem[]) => new Set(some.map((i) => Math.round(i.y))).size;
  const lines = baselines(items);
  let best: { x: number; crossing: number } | null = null;
  for (let x = page.width * 0.35; x <= page.width * 0.65; x += 1) {
    const crossing = baselines(items.filter((i) => i.x < x && i.x + i.width > x));
    if (!best || crossing < best.crossing) best = { x, crossing };
  }
  if (!best || best.crossing > Math.max(2, lines * 0.1)) return null;
  const { x } = best;
  const left = baselines(items.filter((i) => i.x + i.width <= x));
  const right = baselines(items.filter((i) => i.x >= x));
  return left >= 3 && right >= 3 ? x : null;
}

/** Items into lines by their baseline, top to bottom, each line's items left to right. */
function toLines(items: readonly TextItem[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const item of sorted) {
    const line = lines.find((l) => Math.abs(l.y - item.y) <= 0.45 * Math.max(l.size, item.size));
    if (line) {
      line.items.push(item);
      if (item.size > line.size) [line.size, line.y] = [item.size, item.y];
    } else lines.push({ items: [item], x: 0, right: 0, y: item.y, size: item.size });
  }
  for (const line of lines) {
    line.items.sort((a, b) => a.x - b.x);
    line.x = line.items[0].x;
    line.right = Math.max(...line.items.map((i) => i.x + i.width));
  }
  return lines.sort((a, b) => b.y - a.y);
}

/** A line's text: items apart by more than a fifth of the font size get a space; raised small marks go. */
function lineText(line: Line): string {
  let text = '';
  let end = -Infinity;
  for (const item of line.items) {
    if (isFootnoteMark(item, line)) continue;
    const gap = item.x - end;
    if (text && gap > line.size * 0.2 && !/\s$/.test(text) && !/^\s/.test(item.text)) text += ' ';
    text += item.text;
    end = item.x + item.width;
  }
  return text.replace(/\s+/g, ' ').trim();
}

/** A footnote or affiliation mark: a small, raised run of digits or symbols (`network¹`, `†`). */
function isFootnoteMark(item: TextItem, line: Line): boolean {
  return (
    item.size < line.size * 0.85 && item.y - line.y > line.size * 0.15 && /^[\s\d*†‡§¶,]+$/.test(item.text)
  );
}

interface Paragraph {
  lines: string[];
  size: number;
  x: number;
}

/**
 * The blocks of every page as paragraphs of text. A paragraph starts after a wider gap than its lines have, at
 * an indented line, or where the font size changes (a heading, a footnote); a paragraph cut by a column or page
 * end goes on when the next block starts in lower case.
 */
export function paragraphsOf(pages: readonly Block[][]): string[] {
  const paragraphs: Paragraph[] = [];
  let open: Paragraph | null = null;
  for (const blocks of pages) {
    const body = [...blocks.flat()];
    const pageNumber = pageNumberLine(body);
    for (const block of blocks) {
      const lines = block.filter((l) => l !== pageNumber && lineText(l) !== '');
      const spacing = typicalSpacing(lines);
      const left = Math.min(...lines.map((l) => l.x));
      lines.forEach((line, index) => {
        const text = lineText(line);
        const previous = index > 0 ? lines[index - 1] : null;
        const sameSize = open !== null && Math.abs(open.size - line.size) < 0.5;
        const continues =
          open !== null &&
          sameSize &&
          (previous
            ? previous.y - line.y <= spacing * 1.35 && line.x - left < line.size * 0.6
            : !/[.!?:]$/.test(open.lines[open.lines.length - 1]) && /^\p{Ll}/u.test(text));
        if (open && continues) open.lines.push(text);
        else {
          open = { lines: [text], size: line.size, x: line.x };
          paragraphs.push(open);
        }
      });
    }
  }
  const words = wordCounts(paragraphs.flatMap((p) => p.lines));
  return paragraphs.map((p) => joinLines(p.lines, words));
}

function typicalSpacing(lines: readonly Line[]): number {
  const gaps = lines
    .slice(1)
    .map((l, i) => lines[i].y - l.y)
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  return gaps.length ? gaps[Math.floor(gaps.length / 2)] : Infinity;
}

/** A line of only a number (or a roman one) at the very top or bottom of the page. */
function pageNumberLine(lines: readonly Line[]): Line | undefined {
  if (lines.length < 2) return undefined;
  const sorted = [...lines].sort((a, b) => b.y - a.y);
  return [sorted[sorted.length - 1], sorted[0]].find((l) => /^(?:\d{1,4}|[ivxlc]{1,6})$/i.test(lineText(l)));
}

function wordCounts(lines: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines)
    for (const [word] of line.matchAll(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu)) {
      const key = word.toLowerCase();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  return counts;
}

/**
 * Lines joined with spaces. A line that ends in a hyphen after a letter, before a line that starts in lower
 * case, is a word broken by hyphenation and is joined without it, unless the text writes the word with its
 * hyphen elsewhere and never without (`fine-` `tuned`). Before a capital or a digit the hyphen stays and the
 * lines are joined at it (`SARS-` `CoV-2`).
 */
function joinLines(lines: readonly string[], words: ReadonlyMap<string, number>): string {
  let text = lines[0] ?? '';
  for (const line of lines.slice(1)) {
    const broken = /(\p{L}+)-$/u.exec(text);
    const next = /^\p{Ll}[\p{L}]*/u.exec(line)?.[0];
    if (broken && next) {
      const joined = `${broken[1]}${next}`.toLowerCase();
      const hyphenated = `${broken[1]}-${next}`.toLowerCase();
      const keep = (words.get(hyphenated) ?? 0) > 0 && !(words.get(joined) ?? 0);
      text = keep ? text + line : text.slice(0, -1) + line;
    } else if (/\p{L}-$/u.test(text)) text += line;
    else text += ` ${line}`;
  }
  return text;
}
