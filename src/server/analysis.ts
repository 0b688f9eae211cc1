import type { Analysis } from '../core/analyze';
import type { EntityLabel, Tag } from '../core/types';
import { TimeoutError } from './errors';

/**
 * Run `work` with a deadline: after `ms`, or as soon as `cancel` aborts, its signal aborts and the promise
 * rejects, with `TimeoutError` or with `cancel`'s reason.
 */
export async function withDeadline<T>(
  ms: number,
  cancel: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onCancel: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    const stop = (error: unknown) => {
      controller.abort(error);
      reject(error);
    };
    timer = setTimeout(() => stop(new TimeoutError(ms)), ms);
    onCancel = () => stop(cancel.reason);
    if (cancel.aborted) onCancel();
    else cancel.addEventListener('abort', onCancel, { once: true });
  });
  try {
    return await Promise.race([work(controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    if (onCancel) cancel.removeEventListener('abort', onCancel);
  }
}

/** One word of a plain-text analysis with the tag the answer gives it. */
export interface WordEntity {
  index: number;
  word: string;
  start: number;
  end: number;
  tag: Tag;
  score: number;
}

/**
 * Every word of a plain-text analysis (made `withTokens`), tagged from the answer's spans: `B-` on a span's
 * first word, `I-` on the rest, `O` outside. So word tags agree with the spans, carried mentions included.
 * A word's score is the model's own when it agrees on the label, else the span's.
 */
export function wordEntities(analysis: Analysis): WordEntity[] {
  const spans = [...analysis.spans].sort((a, b) => a.start - b.start);
  const words = (analysis.tokens ?? []).flatMap((s) => s.words.map((word, i) => ({ word, own: s.tags[i] })));
  let at = 0;
  return words.map(({ word, own }, index) => {
    while (at < spans.length && spans[at].end <= word.start) at++;
    const span = spans[at];
    const inside = span !== undefined && span.start <= word.start && word.end <= span.end;
    const label: EntityLabel | undefined = inside ? span.label : undefined;
    const tag: Tag = label ? (`${word.start === span.start ? 'B' : 'I'}-${label}` as Tag) : 'O';
    const score = !label || own.tag.endsWith(label) ? own.score : span.score;
    return { index, word: word.text, start: word.start, end: word.end, tag, score };
  });
}
