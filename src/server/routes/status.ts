import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ServerContext } from '../context';

/**
 * `GET /health/live` (the process answers), `GET /health/ready` and `GET /health` (ready to tag: 503 while the
 * models load and while shutting down), and `GET /metrics` (Prometheus text format).
 */
export function statusRoutes(app: FastifyInstance, context: ServerContext): void {
  const state = () => (context.closing ? 'shutting_down' : context.pool ? 'ok' : 'loading');

  const health = async (_request: unknown, reply: FastifyReply) => {
    const status = state();
    if (status !== 'ok') reply.code(503).header('retry-after', status === 'loading' ? '2' : '5');
    return {
      status,
      ready: status === 'ok',
      models: context.pool?.names ?? [],
      default_model: context.pool?.defaultModel ?? null,
      ab: context.pool?.abTest ?? null,
      auth: context.options.apiKey !== undefined,
      uptime_s: Math.round((Date.now() - context.startedAt) / 100) / 10,
      logs: {
        predictions: context.log.health(),
        feedback: context.feedback.health(),
      },
    };
  };
  app.get('/health', health);
  app.get('/health/ready', health);
  app.get('/health/live', async () => ({ status: 'alive', ready: state() === 'ok' }));

  app.get('/metrics', async (_request, reply) => {
    reply.type(context.metrics.contentType);
    return context.metrics.text();
  });
}
