/**
 * Plan model inputs for a sentence whose sub-words may not fit in one sequence.
 * Each window feeds words `[from, to)` to the model and keeps the labels of its core `[coreFrom, coreTo)`;
 * cores tile the sentence exactly, so no word is dropped and none is labelled twice.
 */
export interface Window {
  from: number;
  to: number;
  coreFrom: number;
  coreTo: number;
}

/**
 * @param pieceCounts sub-word count of each word (at least 1 each)
 * @param budget the most sub-words one sequence may hold, special tokens excluded
 */
export function planWindows(pieceCounts: readonly number[], budget: number): Window[] {
  if (budget < 1) throw new RangeError(`window budget must be positive, got ${budget}`);
  const n = pieceCounts.length;
  const total = pieceCounts.reduce((sum, c) => sum + Math.min(c, budget), 0);
  if (total <= budget) return n === 0 ? [] : [{ from: 0, to: n, coreFrom: 0, coreTo: n }];

  const context = Math.floor(budget / 4);
  const coreBudget = Math.max(1, budget - 2 * context);
  const size = (i: number) => Math.min(pieceCounts[i], budget);
  const windows: Window[] = [];
  let coreFrom = 0;
  while (coreFrom < n) {
    let coreTo = coreFrom + 1;
    let used = size(coreFrom);
    while (coreTo < n && used + size(coreTo) <= coreBudget) used += size(coreTo++);
    let from = coreFrom;
    let left = used;
    while (from > 0 && left + size(from - 1) <= used + context) left += size(--from);
    let to = coreTo;
    let filled = left;
    while (to < n && filled + size(to) <= budget) filled += size(to++);
    windows.push({ from, to, coreFrom, coreTo });
    coreFrom = coreTo;
  }
  return windows;
}
