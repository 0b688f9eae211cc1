import type { Tag } from '../types';

/** `I-X` may only continue `B-X` or `I-X`; anything may follow anything else. */
function allowed(previous: Tag | undefined, next: Tag): boolean {
  if (!next.startsWith('I-')) return true;
  const type = next.slice(2);
  return previous === `B-${type}` || previous === `I-${type}`;
}

/**
 * The most probable tag sequence for one sentence under BIO constraints (Viterbi over per-word log-probabilities,
 * no learned transition scores). Argmax alone can open a long form with `I-LF` or continue an abbreviation with it;
 * this never does. Returns a label index per word.
 */
export function constrainedDecode(logProbs: readonly Float64Array[], tags: readonly Tag[]): number[] {
  const n = logProbs.length;
  if (n === 0) return [];
  const k = tags.length;
  let score = Float64Array.from(tags, (tag, j) => (allowed(undefined, tag) ? logProbs[0][j] : -Infinity));
  const back: Int32Array[] = [];
  for (let i = 1; i < n; i++) {
    const next = new Float64Array(k).fill(-Infinity);
    const from = new Int32Array(k);
    for (let j = 0; j < k; j++) {
      for (let p = 0; p < k; p++) {
        if (!allowed(tags[p], tags[j])) continue;
        const candidate = score[p] + logProbs[i][j];
        if (candidate > next[j]) {
          next[j] = candidate;
          from[j] = p;
        }
      }
    }
    back.push(from);
    score = next;
  }
  let best = 0;
  for (let j = 1; j < k; j++) if (score[j] > score[best]) best = j;
  const path = [best];
  for (let i = n - 2; i >= 0; i--) path.push(back[i][path[path.length - 1]]);
  return path.reverse();
}
