import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';

/** `GET /health` and `GET /metrics` (Prometheus text format). */
export function statusRoutes(app: FastifyInstance, context: ServerContext): void {
  app.get('/health', async () => ({
    status: 'ok',
    models: context.pool.names,
    default_model: context.pool.defaultModel,
    ab: context.pool.abTest ?? null,
    auth: context.options.apiKey !== undefined,
    uptime_s: Math.round((Date.now() - context.startedAt) / 100) / 10,
  }));

  app.get('/metrics', async (_request, reply) => {
    reply.type(context.metrics.contentType);
    return context.metrics.text();
  });
}
