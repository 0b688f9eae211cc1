import type { FastifyContextConfig, FastifyInstance } from 'fastify';
import { toJson } from '../../core/render';
import type { Lang } from '../../core/types';
import { tagForRoute, type ServerContext } from '../context';
import { tagBody } from '../schemas';

interface TagRequest {
  text: string;
  lang?: Lang;
  model?: string;
}

/** `POST /v1/tag`: the CLI's JSON (without `file`), the model that answered, and the time it took. */
export function tagRoute(app: FastifyInstance, context: ServerContext, config: FastifyContextConfig): void {
  app.post<{ Body: TagRequest }>('/v1/tag', { schema: { body: tagBody }, config }, async (request, reply) => {
    const { text, lang = 'plaintext', model } = request.body;
    const { analysis, ms } = await tagForRoute(context, request, reply, {
      route: '/v1/tag',
      text,
      lang,
      model,
    });
    const { model: answered, spans, glossary } = toJson('-', analysis);
    return { model: answered, spans, glossary, ms: Math.round(ms * 100) / 100 };
  });
}
