import type { FastifyContextConfig, FastifyInstance } from 'fastify';
import { wordEntities } from '../analysis';
import { tagForRoute, type ServerContext } from '../context';
import { predictBody } from '../schemas';

interface PredictRequest {
  text: string;
  model?: string;
}

/** `POST /predict`: the coursework service's answer, one PLOD tag per word. */
export function predictRoute(
  app: FastifyInstance,
  context: ServerContext,
  config: FastifyContextConfig,
): void {
  app.post<{ Body: PredictRequest }>(
    '/predict',
    { schema: { body: predictBody }, config },
    async (request, reply) => {
      const { text, model } = request.body;
      const { analysis, ms } = await tagForRoute(context, request, reply, {
        route: '/predict',
        text,
        lang: 'plaintext',
        model,
        withTokens: true,
      });
      const words = wordEntities(analysis);
      return {
        success: true,
        original: text,
        tokens: words.map((w) => w.word),
        ner_tags: words.map((w) => w.tag),
        prediction_time: Math.round(ms) / 1000,
        model: analysis.model,
      };
    },
  );
}
