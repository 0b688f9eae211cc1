import { createHash, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Routes anyone may call when an API key is set: the web page, its assets, the health check, the samples. */
export const OPEN_ROUTES = new Set(['/', '/app.js', '/app.css', '/health', '/v1/samples']);

/** The API key: the first line of `file` when one is given, else $PLOD_API_KEY; never a command-line value. */
export function readApiKey(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (file !== undefined) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new Error(`cannot read the API key file ${file}: ${code}`, { cause: error });
    }
    const key = text.split(/\r?\n/)[0].trim();
    if (!key) throw new Error(`the API key file ${file} is empty`);
    return key;
  }
  const key = env.PLOD_API_KEY?.trim();
  return key ? key : undefined;
}

/** Whether an `Authorization` header carries `Bearer <key>`, compared in constant time. */
export function bearerMatches(header: string | undefined, key: string): boolean {
  const match = /^Bearer[ \t]+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  return timingSafeEqual(digest(match[1]), digest(key));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Answer 401 (with `WWW-Authenticate: Bearer`) to any request outside `OPEN_ROUTES` without the key. */
export function requireApiKey(
  app: FastifyInstance,
  key: string,
  onDenied: (request: FastifyRequest) => void,
): void {
  app.addHook('onRequest', async (request, reply) => {
    if (OPEN_ROUTES.has(request.routeOptions.url ?? '')) return;
    if (bearerMatches(request.headers.authorization, key)) return;
    const given = request.headers.authorization !== undefined;
    onDenied(request);
    reply
      .code(401)
      .header(
        'www-authenticate',
        given ? 'Bearer realm="plod-tagger", error="invalid_token"' : 'Bearer realm="plod-tagger"',
      );
    return reply.send({
      error: given
        ? 'the API key is wrong'
        : 'this server needs an API key: send "Authorization: Bearer <key>"',
      statusCode: 401,
    });
  });
}
