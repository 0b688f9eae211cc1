import type { AddressInfo, Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { AnalysisPool } from './analysisPool';
import { buildApp } from './app';
import type { ServerContext } from './context';
import { FeedbackStore } from './feedback';
import { ServerMetrics } from './metrics';
import { resolveOptions, type ResolvedOptions, type ServerOptions } from './options';
import { ModelPool } from './pool';
import { PredictionLog } from './predictionLog';
import { loadSamples } from './samples';

export interface RunningServer {
  /** `http://host:port/`, with the port actually bound. */
  url: string;
  port: number;
  options: ResolvedOptions;
  app: FastifyInstance;
  /** Stop accepting, let requests in flight finish (up to `shutdownGraceMs`), then release the models. */
  close(): Promise<void>;
}

/** A problem starting the server (the port is taken…); its message is one line for the user. */
export class ServerStartError extends Error {
  override name = 'ServerStartError';
}

/**
 * Listen, then load the models: `/health/live` answers at once, `/health/ready` (and `/health`) say 503 until
 * the models are loaded. Resolves once the server is ready; a model that fails to load closes it again.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const resolved = resolveOptions(options);
  const metrics = new ServerMetrics();
  const logFiles = [resolved.logFile, resolved.feedbackFile];
  const context: ServerContext = {
    options: resolved,
    pool: undefined,
    analysis: new AnalysisPool({
      threads: resolved.analysisThreads,
      memoryMb: resolved.analysisMemoryMb,
      maxWaiting: resolved.maxQueue,
    }),
    metrics,
    log: new PredictionLog(resolved.logFile, resolved.logText, resolved.logRotateBytes, resolved.logKeep, {
      onError: (error, first) => reportFileError(metrics, 'predictions', logFiles[0], error, first),
    }),
    feedback: new FeedbackStore(resolved.feedbackFile, resolved.logRotateBytes, resolved.logKeep, {
      onError: (error, first) => reportFileError(metrics, 'feedback', logFiles[1], error, first),
    }),
    samples: loadSamples(resolved.samplesFile),
    startedAt: Date.now(),
    followers: new Set(),
    closing: false,
  };
  metrics.watchQueues(() =>
    Object.fromEntries(
      (context.pool?.slotsList() ?? []).map((slot) => [
        slot.name,
        slot.queue.waiting + context.analysis.waitingFor(slot.name),
      ]),
    ),
  );
  const app = await buildApp(context);
  const sockets = new Set<Socket>();
  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  try {
    await app.listen({ host: resolved.host, port: resolved.port });
  } catch (error) {
    await release(app, context);
    throw new ServerStartError(listenMessage(error as NodeJS.ErrnoException, resolved));
  }
  try {
    const load = async () => {
      const later = (await options.loadingTaggers) ?? [];
      return ModelPool.load({ ...resolved, taggers: [...resolved.taggers, ...later] }, metrics);
    };
    const [pool] = await Promise.all([load(), context.analysis.online()]);
    context.pool = pool;
  } catch (error) {
    await release(app, context);
    throw error;
  }
  const port = (app.server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(resolved.host)}:${port}/`,
    port,
    options: resolved,
    app,
    close: () => (closing ??= shutdown(app, context, sockets)),
  };
}

/** A failed write of a log file: counted in `/metrics`, shown in `/health`, said on stderr when it starts. */
function reportFileError(
  metrics: ServerMetrics,
  which: string,
  file: string,
  error: Error,
  first: boolean,
): void {
  metrics.recordFileError(which);
  if (first)
    process.stderr.write(`plod-tagger serve: cannot write ${file}: ${error.message}; serving goes on\n`);
}

/**
 * Stop being ready, let the connections already accepted deliver their requests, then stop listening and
 * let the requests in flight finish (up to the grace) before the models and threads are released.
 */
async function shutdown(app: FastifyInstance, context: ServerContext, sockets: Set<Socket>): Promise<void> {
  context.closing = true;
  for (const follower of context.followers) follower.end();
  // Node's server.close() drops every connection that has no request parsed yet. One whose request is
  // still in the socket's buffer is such a connection: give the event loop a moment to read it first.
  await settle();
  // What has sent nothing by now was opened ahead of need (HTTP clients pre-connect): close it.
  for (const socket of sockets) if (socket.bytesRead === 0) socket.destroy();
  const force = setTimeout(() => app.server.closeAllConnections(), context.options.shutdownGraceMs);
  force.unref();
  try {
    await release(app, context);
  } finally {
    clearTimeout(force);
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

async function release(app: FastifyInstance, context: ServerContext): Promise<void> {
  try {
    await app.close();
  } finally {
    await context.pool?.dispose(context.options.shutdownGraceMs);
    await context.analysis.close();
    context.log.close();
    context.feedback.close();
  }
}

function listenMessage(error: NodeJS.ErrnoException, options: ResolvedOptions): string {
  const where = `${options.host}:${options.port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${options.port} on ${options.host} is already in use; pick another with --port`;
    case 'EACCES':
      return `no permission to listen on ${where}; pick a port above 1023 with --port`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot listen on ${options.host}: it is not an address of this machine; check --host`;
    default:
      return `cannot listen on ${where}: ${error.message}`;
  }
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
