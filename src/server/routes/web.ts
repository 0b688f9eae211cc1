import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { packageRoot } from '../../core/models';
import type { ServerContext } from '../context';

const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

/** Same-origin only: the page can reach this server and nothing else. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function webDir(): string {
  return path.join(packageRoot(), 'media', 'web');
}

/** The web page (`media/web/`, read once at start) and `GET /v1/samples` for its sample picker. */
export function webRoutes(app: FastifyInstance, context: ServerContext): void {
  const dir = webDir();
  for (const [url, asset] of Object.entries(ASSETS)) {
    const body = fs.readFileSync(path.join(dir, asset.file));
    app.get(url, async (_request, reply) => {
      reply
        .type(asset.type)
        .header('content-security-policy', CSP)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('cache-control', 'no-cache');
      return reply.send(body);
    });
  }
  app.get('/v1/samples', async () => context.samples);
}
