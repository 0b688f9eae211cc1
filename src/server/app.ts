import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyContextConfig,
  type FastifyError,
  type FastifyInstance,
  type FastifyRequest,
} from 'fastify';
import { requireApiKey } from './auth';
import { MODEL_HEADER, type ServerContext } from './context';
import { ClientGoneError, describeError, HttpError } from './errors';
import { refusal } from './hostGuard';
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
    // A request that reaches the server while it shuts down is answered (see `shutdown`), not refused.
    return503OnClosing: false,
    // Node's own close() drops the idle connections; resetting more would lose requests already sent.
    forceCloseConnections: false,
    // The whole request (headers and body) must arrive within --body-timeout: a client that trickles
    // a byte every few seconds cannot hold a connection for ever.
    requestTimeout: options.bodyTimeoutMs,
    http: {
      headersTimeout: Math.min(options.bodyTimeoutMs, 60_000),
      requestTimeout: options.bodyTimeoutMs,
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(options.bodyTimeoutMs / 4))),
    },
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false, allErrors: false } },
  });
  app.server.maxConnections = options.maxConnections;
  // Fastify reads text/plain as a string by default; the API takes JSON only, and says so with 415.
  app.removeContentTypeParser('text/plain');
  const errorKinds = new WeakMap<FastifyRequest, string>();

  const policy = {
    bound: options.host,
    allowedHosts: options.allowedHosts,
    allowedOrigins: options.allowedOrigins,
  };
  app.addHook('onRequest', async (request, reply) => {
    const refused = refusal(policy, request.headers.host, request.headers.origin);
    if (!refused) return;
    errorKinds.set(request, 'forbidden_host');
    return reply.code(403).send({ error: refused, statusCode: 403 });
  });

  // One store for every POST route: the limit is per client, not per client and route.
  await app.register(rateLimit, {
    global: options.ratePerMinute > 0,
    max: Math.max(1, options.ratePerMinute),
    timeWindow: 60_000,
    allowList: (request) => request.method !== 'POST',
    errorResponseBuilder: (_request, limit) =>
      new HttpError(
        429,
        `too many requests: at most ${options.ratePerMinute} a minute from one client; retry in ${limit.after}`,
        'rate_limited',
      ),
  });

  if (options.apiKey !== undefined) {
    const failures = app.createRateLimit({ max: options.authFailuresPerMinute, timeWindow: 60_000 });
    requireApiKey(app, options.apiKey, {
      onDenied: (request, kind) => errorKinds.set(request, kind),
      throttle: {
        async check(request) {
          const seen = await failures(request, { increment: false });
          if (seen.isAllowed || seen.remaining > 0) return undefined;
          return Math.max(1, seen.ttlInSeconds);
        },
        async fail(request) {
          await failures(request);
        },
      },
      limit: options.authFailuresPerMinute,
    });
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
    if (error instanceof ClientGoneError) {
      // Nobody is left to read an answer; a half-closed socket would only hold up a shutdown.
      request.raw.socket?.destroy();
      return;
    }
    if (status >= 500 && !(error instanceof HttpError)) {
      // One line: a model's error message is enough to act on, and a stack trace would break the promise.
      const line = String(error.message ?? error)
        .split('\n')[0]
        .slice(0, 500);
      process.stderr.write(`plod-tagger serve: ${request.method} ${request.url} (${request.id}): ${line}\n`);
    }
    void reply.code(status).headers(headers).send({ error: message, statusCode: status });
  });

  app.setNotFoundHandler((request, reply) => {
    errorKinds.set(request, 'not_found');
    void reply
      .code(404)
      .send({ error: `no route ${request.method} ${request.url.split('?')[0]}`, statusCode: 404 });
  });

  const config: FastifyContextConfig = {};

  tagRoute(app, context, config);
  predictRoute(app, context, config);
  hfRoutes(app, context, config);
  feedbackRoute(app, context, config);
  statusRoutes(app, context);
  logsRoute(app, context);
  webRoutes(app, context);
  return app;
}
