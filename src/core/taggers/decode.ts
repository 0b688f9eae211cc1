import { canFollow } from '../bio';
import type { Tag } from '../types';

/**
 * Picks the most probable tag sequence of a sentence under BIO constraints (Viterbi over per-word
 * log-probabilities, no learned transition scores). Argmax alone can open a long form with `I-LF` or continue an
 * abbreviation with it; this never does.
 */
export class ConstrainedDecoder {
  private readonly canStart: boolean[];
  /** `canFollow[previous * k + next]`. */
  private readonly canFollow: boolean[];

  constructor(private readonly tags: readonly Tag[]) {
    const k = tags.length;
    this.canStart = tags.map((tag) => canFollow(undefined, tag));
    this.canFollow = Array.from({ length: k * k }, (_, i) => canFollow(tags[Math.floor(i / k)], tags[i % k]));
  }

  /** `logProbs[word * k + label]` for the sentence's words; returns a label index per word. */
  decode(logProbs: Float64Array): number[] {
    const k = this.tags.length;
    const n = logProbs.length / k;
    if (n === 0) return [];
    let score = new Float64Array(k);
    let next = new Float64Array(k);
    const back = new Int32Array(n * k);
    for (let j = 0; j < k; j++) score[j] = this.canStart[j] ? logProbs[j] : -Infinity;
    for (let i = 1; i < n; i++) {
      for (let j = 0; j < k; j++) {
        let best = -Infinity;
        let from = 0;
        for (let p = 0; p < k; p++) {
          if (this.canFollow[p * k + j] && score[p] > best) {
            best = score[p];
            from = p;
          }
        }
        next[j] = best + logProbs[i * k + j];
        back[i * k + j] = from;
      }
      [score, next] = [next, score];
    }
    let last = 0;
    for (let j = 1; j < k; j++) if (score[j] > score[last]) last = j;
    const path = new Array<number>(n);
    path[n - 1] = last;
    for (let i = n - 1; i > 0; i--) path[i - 1] = back[i * k + path[i]];
    return path;
  }
}
