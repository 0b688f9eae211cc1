import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Analysis } from '../core/analyze';
import type { Lang } from '../core/types';
import { analyseOn, withTimeout } from './analysis';
import { HttpError } from './errors';
import type { FeedbackStore } from './feedback';
import type { ServerMetrics } from './metrics';
import type { ResolvedOptions } from './options';
import type { ModelPool } from './pool';
import type { PredictionLog } from './predictionLog';
import type { Samples } from './samples';

/** What the routes share. */
export interface ServerContext {
  options: ResolvedOptions;
  pool: ModelPool;
  metrics: ServerMetrics;
  log: PredictionLog;
  feedback: FeedbackStore;
  samples: Samples;
  startedAt: number;
  /** Open `GET /logs?follow=1` streams, ended on shutdown. */
  followers: Set<ServerResponse>;
  /** Set when shutdown begins: responses then close their connections. */
  closing: boolean;
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
 * `x-plod-model` header), analyse under the deadline, and log the prediction.
 */
export async function tagForRoute(
  context: ServerContext,
  request: FastifyRequest,
  reply: FastifyReply,
  input: TagInput,
): Promise<{ analysis: Analysis; ms: number }> {
  checkTextLength(context, input.text);
  const slot = context.pool.pick(input.model);
  reply.header(MODEL_HEADER, slot.name);
  const started = performance.now();
  const analysis = await withTimeout(context.options.timeoutMs, (signal) =>
    analyseOn(slot, input.text, input.lang, { withTokens: input.withTokens, signal }),
  );
  const ms = performance.now() - started;
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
