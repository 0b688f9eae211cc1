import { finish, prepare, type Analysis } from '../core/analyze';
import type { EntityLabel, Lang, Tag } from '../core/types';
import { TimeoutError } from './errors';
import type { ModelSlot } from './pool';

/** `analyse`, with the model call going through the slot's queue (where it may share a batch). */
export async function analyseOn(
  slot: ModelSlot,
  text: string,
  lang: Lang,
  options: { withTokens?: boolean; signal?: AbortSignal } = {},
): Promise<Analysis> {
  const prepared = prepare(text, slot.name, { lang, withTokens: options.withTokens });
  const tags = await slot.queue.tag(prepared.sentences, options.signal);
  return finish(prepared, tags);
}

/** Run `work` with a deadline: after `ms` its signal aborts and the promise rejects with `TimeoutError`. */
export async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new TimeoutError(ms);
      controller.abort(error);
      reject(error);
    }, ms);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
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
