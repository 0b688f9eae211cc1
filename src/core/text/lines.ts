/** Line numbers of offsets, counted as VS Code counts them (line breaks `\n`, `\r\n` and `\r`). */

/** A function giving the 1-based line of an offset, by binary search over the line starts of `source`. */
export function lineCounter(source: string): (offset: number) => number {
  const starts = [0];
  for (const match of source.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length);
  return (offset) => {
    let [low, high] = [0, starts.length - 1];
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  };
}

/** The 1-based line of one offset; for many offsets of one text, make a `lineCounter` once. */
export function lineOf(source: string, offset: number): number {
  return lineCounter(source)(offset);
}
