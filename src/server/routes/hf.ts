import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Analysis } from '../../core/analyze';
import { wordEntities } from '../analysis';
import { roundScore, tagForRoute, type ServerContext } from '../context';
import { hfBody, type AGGREGATIONS } from '../schemas';

interface HfRequest {
  inputs: string;
  parameters?: { aggregation_strategy?: (typeof AGGREGATIONS)[number]; ignore_labels?: string[] };
}

/**
 * The Hugging Face Inference API's token classification: `POST /hf` (the server picks the model, A/B split
 * included) and `POST /models/<name>` (the HF URL shape). Offsets are UTF-16 code units into `inputs`.
 * `none` gives one item per word (HF gives one per sub-word; `index` counts words from 1, as HF counts
 * tokens after `[CLS]`); the other strategies give the spans, which at word level are the same for all four.
 */
export function hfRoutes(app: FastifyInstance, context: ServerContext, config: FastifyContextConfig): void {
  const handle = async (
    request: FastifyRequest<{ Body: HfRequest }>,
    reply: FastifyReply,
    model?: string,
  ) => {
    const { inputs, parameters = {} } = request.body;
    const strategy = parameters.aggregation_strategy ?? 'simple';
    const route = model === undefined ? '/hf' : '/models/*';
    const { analysis } = await tagForRoute(context, request, reply, {
      route,
      text: inputs,
      lang: 'plaintext',
      model,
      withTokens: strategy === 'none',
    });
    return strategy === 'none' ? perWord(analysis, parameters.ignore_labels ?? ['O']) : grouped(analysis);
  };
  app.post<{ Body: HfRequest }>('/hf', { schema: { body: hfBody }, config }, (request, reply) =>
    handle(request, reply),
  );
  app.post<{ Body: HfRequest; Params: { '*': string } }>(
    '/models/*',
    { schema: { body: hfBody }, config },
    // Fastify has decoded the path once already; decoding again turns `%25` into a URIError.
    (request, reply) => handle(request, reply, request.params['*']),
  );
}

function perWord(analysis: Analysis, ignore: readonly string[]) {
  return wordEntities(analysis)
    .filter((w) => !ignore.includes(w.tag))
    .map((w) => ({
      entity: w.tag,
      score: roundScore(w.score),
      index: w.index + 1,
      word: w.word,
      start: w.start,
      end: w.end,
    }));
}

function grouped(analysis: Analysis) {
  return [...analysis.spans]
    .sort((a, b) => a.start - b.start)
    .map((span) => ({
      entity_group: span.label,
      score: roundScore(span.score),
      word: span.text,
      start: span.start,
      end: span.end,
    }));
}
