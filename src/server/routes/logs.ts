import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context';
import { logsQuery } from '../schemas';

interface LogsQuery {
  limit?: string;
  follow?: string;
}

const NDJSON = 'application/x-ndjson; charset=utf-8';

/**
 * `GET /logs?limit=N`: the last N predictions (default 100, at most 1000) as JSON lines, oldest first.
 * `GET /logs?follow=1[&limit=N]`: the last N (default 0), then each new prediction as it is logged, on a
 * chunked `application/x-ndjson` response that stays open until the client leaves or the server stops.
 */
export function logsRoute(app: FastifyInstance, context: ServerContext): void {
  app.get<{ Querystring: LogsQuery }>('/logs', { schema: { querystring: logsQuery } }, (request, reply) => {
    const follow = request.query.follow === '1' || request.query.follow === 'true';
    const limit = request.query.limit === undefined ? (follow ? 0 : 100) : Number(request.query.limit);
    const lines = context.log.recent(limit);
    if (!follow) {
      reply.type(NDJSON);
      return reply.send(lines.map((line) => `${line}\n`).join(''));
    }
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, { 'content-type': NDJSON, 'cache-control': 'no-store' });
    response.flushHeaders();
    for (const line of lines) response.write(`${line}\n`);
    const stop = context.log.follow((line) => response.write(`${line}\n`));
    context.followers.add(response);
    response.on('close', () => {
      stop();
      context.followers.delete(response);
    });
    return reply;
  });
}
