/**
 * A document's decorations and diagnostics, cut into bands of lines, so that the editor is sent again only the
 * bands whose contents changed: an edit to one paragraph of a long paper re-sends that paragraph's band, not
 * every tag and problem of the paper, and a first paint goes out a band at a time.
 */

/** At most this many bands, whatever the document's length: each band is a decoration type or a collection. */
export const MAX_BANDS = 32;
const MIN_BAND_LINES = 8;

/**
 * How many lines a band holds in a document of `lineCount` lines: a power of two, so that it changes only when
 * the document's length crosses one, and an edit that adds a line seldom moves every band.
 */
export function bandLines(lineCount: number): number {
  const wanted = Math.max(1, lineCount) / MAX_BANDS;
  return Math.max(MIN_BAND_LINES, 2 ** Math.ceil(Math.log2(Math.max(1, wanted))));
}

/** The band of a line in a document of `lineCount` lines; lines past the last band's are in it. */
export function bandOf(line: number, lineCount: number): number {
  return Math.min(MAX_BANDS - 1, Math.floor(line / bandLines(lineCount)));
}

/** The items of each band that has any, in their order; `lineOf` gives an item's first line. */
export function intoBands<T>(items: readonly T[], lineOf: (item: T) => number, lineCount: number): T[][] {
  const bands: T[][] = [];
  for (const item of items) (bands[bandOf(lineOf(item), lineCount)] ??= []).push(item);
  return bands;
}

/** Whether a band whose signature was `last` must be sent again to show `next` (undefined: nothing). */
export function bandChanged(next: string | undefined, last: string | undefined): boolean {
  return (next ?? '') !== (last ?? '');
}

/**
 * Which bands to send again: those whose signature (a string that says everything the editor would show of
 * them) differs from the one last sent, including bands that held something and now hold nothing.
 */
export function changedBands(
  next: readonly (string | undefined)[],
  last: readonly (string | undefined)[],
): number[] {
  const changed: number[] = [];
  for (let band = 0; band < Math.max(next.length, last.length); band++) {
    if (bandChanged(next[band], last[band])) changed.push(band);
  }
  return changed;
}

/** What a band is marked with after an edit touched it: no signature equals it, so the band is sent again. */
export const EDITED = '\u0000edited';

/** The bands that lines `first` to `last` fall in. */
export function bandsOfLines(first: number, last: number, lineCount: number): number[] {
  const bands: number[] = [];
  for (let band = bandOf(first, lineCount); band <= bandOf(last, lineCount); band++) bands.push(band);
  return bands;
}
