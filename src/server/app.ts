import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyContextConfig,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
} from 'fastify';
import { requireApiKey } from './auth';
import { MODEL_HEADER, type ServerContext } from './context';
import { describeError, HttpError } from './errors';
import { feedbackRoute } from './routes/feedback';
import { hfRoutes } from './routes/hf';
import { logsRoute } from './routes/logs';
import { predictRoute } from './routes/predict';
import { statusRoutes } from './routes/status';
import { tagRoute } from './routes/tag';
import { webRoutes } from './routes/web';

/** The Fastify application: hooks (auth, metrics), error replies, and every route. */
export async function buildApp(context: ServerContext): Promise<FastifyInstance> {
  const { options } = context;
  const app = Fastify({
    logger: false,
    bodyLimit: options.maxBodyBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  });
  const errorKinds = new WeakMap<FastifyRequest, string>();

  if (options.apiKey !== undefined) {
    requireApiKey(app, options.apiKey, (request) => errorKinds.set(request, 'unauthorized'));
  }

  app.addHook('onSend', async (_request, reply) => {
    if (context.closing) reply.header('connection', 'close');
  });

  app.addHook('onResponse', async (request, reply) => {
    const model = reply.getHeader(MODEL_HEADER);
    context.metrics.recordResponse(
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      typeof model === 'string' ? model : '',
      reply.elapsedTime / 1000,
      errorKinds.get(request),
    );
  });

  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    const { status, kind, message, headers } = describeError(error, options.maxBodyBytes);
    errorKinds.set(request, kind);
    if (status >= 500 && !(error instanceof HttpError)) {
      process.stderr.write(`plod-tagger serve: ${request.method} ${request.url}: ${error.stack ?? error}\n`);
    }
    void reply.code(status).headers(headers).send({ error: message, statusCode: status });
  });

  app.setNotFoundHandler((request, reply) => {
    errorKinds.set(request, 'not_found');
    void reply
      .code(404)
      .send({ error: `no route ${request.method} ${request.url.split('?')[0]}`, statusCode: 404 });
  });

  let config: FastifyContextConfig = {};
  if (options.ratePerMinute > 0) {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, limit) =>
        new HttpError(
          429,
          `too many requests: at most ${options.ratePerMinute} a minute from one client; retry in ${limit.after}`,
          'rate_limited',
        ),
    });
    config = { rateLimit: { max: options.ratePerMinute, timeWindow: 60_000 } };
  }

  tagRoute(app, context, config);
  predictRoute(app, context, config);
  hfRoutes(app, context, config);
  feedbackRoute(app, context, config);
  statusRoutes(app, context);
  logsRoute(app, context);
  webRoutes(app, context);
  return app;
}
