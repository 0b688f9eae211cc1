import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Analysis } from '../core/analyze';
import type { Lang } from '../core/types';
import { RulesTagger } from '../core/taggers/rules';
import { withDeadline } from './analysis';
import type { AnalysisPool } from './analysisPool';
import { ClientGoneError, HttpError, LoadingError } from './errors';
import type { FeedbackStore } from './feedback';
import type { ServerMetrics } from './metrics';
import type { ResolvedOptions } from './options';
import type { ModelPool } from './pool';
import type { PredictionLog } from './predictionLog';
import type { Samples } from './samples';

/** What the routes share. */
export interface ServerContext {
  options: ResolvedOptions;
  /** Undefined until the models have loaded. */
  pool: ModelPool | undefined;
  /** The threads that run the analysis off the event loop. */
  analysis: AnalysisPool;
  metrics: ServerMetrics;
  log: PredictionLog;
  feedback: FeedbackStore;
  samples: Samples;
  startedAt: number;
  /** Open `GET /logs?follow=1` streams, ended on shutdown. */
  followers: Set<ServerResponse>;
  /** Set when shutdown begins: responses then close their connections, and `/health/ready` says 503. */
  closing: boolean;
}

/**
 * The models, once loaded; 503 before that. A request that reaches a server shutting down is still served:
 * it arrived before the listener closed, or on a connection that this answer closes.
 */
export function readyPool(context: ServerContext): ModelPool {
  if (!context.pool) throw new LoadingError();
  return context.pool;
}

export const MODEL_HEADER = 'x-plod-model';

export interface TagInput {
  route: string;
  text: string;
  lang: Lang;
  model?: string;
  withTokens?: boolean;
}

/**
 * The common path of every tagging route: check the text's length, pick the model (and name it in the
 * `x-plod-model` header), analyse on an analysis thread under the deadline, and log the prediction. The
 * deadline covers the whole analysis (markup, sentences and pairing as well as the model call); when it
 * passes, or when the client goes away, the work stops: taken out of its queue, or its thread terminated.
 */
export async function tagForRoute(
  context: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: TagInput,
): Promise<{ analysis: Analysis; ms: number }> {
  checkTextLength(context, input.text);
  const slot = readyPool(context).pick(input.model);
  reply.header(MODEL_HEADER, slot.name);
  const gone = new AbortController();
  const onClose = () => {
    if (!reply.raw.writableEnded) gone.abort(new ClientGoneError());
  };
  reply.raw.once('close', onClose);
  const rulesHere = slot.tagger instanceof RulesTagger;
  const started = performance.now();
  try {
    const result = await withDeadline(context.options.timeoutMs, gone.signal, (signal) =>
      context.analysis.run(
        { text: input.text, lang: input.lang, model: slot.name, withTokens: !!input.withTokens, rulesHere },
        { signal, tag: (sentences, tagSignal) => slot.queue.tag(sentences, tagSignal) },
      ),
    );
    const ms = performance.now() - started;
    const { analysis } = result;
    if (rulesHere && result.sentences > 0) {
      context.metrics.recordBatch(slot.name, {
        requests: 1,
        sentences: result.sentences,
        seconds: result.tagSeconds,
      });
    }
    context.log.record(
      {
        id: String(request.id),
        route: input.route,
        model: slot.name,
        lang: input.lang,
        ms,
        spans: analysis.spans.length,
        sentences: analysis.sentences,
      },
      input.text,
    );
    return { analysis, ms };
  } finally {
    reply.raw.off('close', onClose);
  }
}

export function checkTextLength(context: ServerContext, text: string): void {
  const limit = context.options.maxTextChars;
  if (text.length > limit) {
    throw new HttpError(
      413,
      `the text is ${text.length} characters long; this server takes at most ${limit} (--max-text)`,
      'text_too_long',
    );
  }
}

export function roundScore(n: number): number {
  return Math.round(n * 10000) / 10000;
}
