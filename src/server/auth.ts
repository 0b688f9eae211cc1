import { createHash, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Routes anyone may call when an API key is set: the web page, its assets, the health check, the samples. */
export const OPEN_ROUTES = new Set([
  '/',
  '/app.js',
  '/app.css',
  '/health',
  '/health/live',
  '/health/ready',
  '/v1/samples',
]);

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
    return checkKey(key, `the API key in ${file}`);
  }
  const key = env.PLOD_API_KEY?.trim();
  return key ? checkKey(key, 'PLOD_API_KEY') : undefined;
}

/**
 * A key a client can send: `Authorization: Bearer <key>` ends the key at the first space, and a header
 * carries no control or non-ASCII characters reliably, so such a key could never match.
 */
function checkKey(key: string, where: string): string {
  if (!/^[\x21-\x7e]+$/.test(key)) {
    throw new Error(
      `${where} holds white space or characters outside printable ASCII, so no client could send it; use letters, digits and -._~+/=`,
    );
  }
  return key;
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

export interface AuthGuard {
  onDenied: (request: FastifyRequest, kind: 'unauthorized' | 'auth_throttled') => void;
  /** Failed attempts per client: `check` gives the seconds to wait when the client has too many. */
  throttle: {
    check: (request: FastifyRequest) => Promise<number | undefined>;
    fail: (request: FastifyRequest) => Promise<void>;
  };
  /** The failed attempts a client may make a minute (for the message). */
  limit: number;
}

/**
 * Answer 401 (with `WWW-Authenticate: Bearer`) to any request outside `OPEN_ROUTES` without the key. A
 * client past `limit` failed attempts in a minute gets 429 on every protected route, right key or not,
 * until the minute is over: otherwise the answer to a guess would still tell right from wrong.
 */
export function requireApiKey(app: FastifyInstance, key: string, guard: AuthGuard): void {
  app.addHook('onRequest', async (request, reply) => {
    if (OPEN_ROUTES.has(request.routeOptions.url ?? '')) return;
    const wait = await guard.throttle.check(request);
    if (wait !== undefined) {
      guard.onDenied(request, 'auth_throttled');
      reply.code(429).header('retry-after', String(wait));
      return reply.send({
        error: `too many wrong API keys from this client (at most ${guard.limit} a minute); retry in ${wait} s`,
        statusCode: 429,
      });
    }
    if (bearerMatches(request.headers.authorization, key)) return;
    const given = request.headers.authorization !== undefined;
    if (given) await guard.throttle.fail(request);
    guard.onDenied(request, 'unauthorized');
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
