import { isIP } from 'node:net';

/**
 * Guards against DNS rebinding and cross-site requests, as Ollama does since GHSA-5jx5-hqx5-2vrj.
 *
 * A web page on any site can point its own host name at 127.0.0.1 and then read this server's answers as
 * same-origin: the browser sends `Host: attacker.example`. A server bound to loopback is only ever meant to be
 * reached as a loopback name, so any other `Host` is refused. `Origin`, sent by browsers, must be the
 * server's own (the web page at `/`) or one listed with `--allow-origin`; clients that are not browsers send
 * none.
 */
export interface HostPolicy {
  /** The address the server is bound to. */
  bound: string;
  allowedHosts: readonly string[];
  allowedOrigins: readonly string[];
}

export function isLoopback(host: string): boolean {
  const name = host.toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  return name === '::1' || name === '0:0:0:0:0:0:0:1';
}

/** The host name of a `Host` header (`name:port`, `[v6]:port`), lower-cased; undefined when malformed. */
export function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  try {
    return new URL(`http://${header}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/** Why the request is refused (a 403 message), or undefined when it may go on. */
export function refusal(
  policy: HostPolicy,
  host: string | undefined,
  origin: string | undefined,
): string | undefined {
  const name = hostName(host);
  const listed = (n: string) => policy.allowedHosts.some((h) => h.toLowerCase() === n);
  if (isLoopback(policy.bound) || policy.allowedHosts.length > 0) {
    const bound = policy.bound.toLowerCase();
    if (name === undefined || !(isLoopback(name) || name === bound || listed(name))) {
      return `this server does not answer for the host "${String(host ?? '').slice(0, 100)}"; start it with --allow-host NAME to serve that name`;
    }
  }
  if (origin === undefined) return undefined;
  if (policy.allowedOrigins.includes(origin)) return undefined;
  if (isOwnOrigin(origin, host)) return undefined;
  return `requests from web pages at ${origin.slice(0, 100)} are refused; start the server with --allow-origin ORIGIN to allow them`;
}

/** Whether `origin` is this server as the request reached it: the web page at `/` calling its own API. */
function isOwnOrigin(origin: string, host: string | undefined): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === String(host).toLowerCase();
  } catch {
    return false;
  }
}
