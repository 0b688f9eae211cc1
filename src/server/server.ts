import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
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

/** Load the models and listen. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const resolved = resolveOptions(options);
  const metrics = new ServerMetrics();
  const pool = await ModelPool.load(resolved, metrics);
  metrics.watchQueues(() =>
    Object.fromEntries(pool.slotsList().map((slot) => [slot.name, slot.queue.waiting])),
  );
  const context: ServerContext = {
    options: resolved,
    pool,
    metrics,
    log: new PredictionLog(resolved.logFile, resolved.logText, resolved.logRotateBytes, resolved.logKeep),
    feedback: new FeedbackStore(resolved.feedbackFile),
    samples: loadSamples(resolved.samplesFile),
    startedAt: Date.now(),
    followers: new Set(),
    closing: false,
  };
  const app = await buildApp(context);

  try {
    await app.listen({ host: resolved.host, port: resolved.port });
  } catch (error) {
    await release(app, context);
    throw new ServerStartError(listenMessage(error as NodeJS.ErrnoException, resolved));
  }
  const port = (app.server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(resolved.host)}:${port}/`,
    port,
    options: resolved,
    app,
    close: () => (closing ??= shutdown(app, context)),
  };
}

async function shutdown(app: FastifyInstance, context: ServerContext): Promise<void> {
  context.closing = true;
  for (const follower of context.followers) follower.end();
  const force = setTimeout(() => app.server.closeAllConnections(), context.options.shutdownGraceMs);
  force.unref();
  try {
    await release(app, context);
  } finally {
    clearTimeout(force);
  }
}

async function release(app: FastifyInstance, context: ServerContext): Promise<void> {
  try {
    await app.close();
  } finally {
    await context.pool.dispose(context.options.shutdownGraceMs);
    context.log.close();
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
