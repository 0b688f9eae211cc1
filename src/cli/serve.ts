import { InputError } from './input';
import { parse } from './options';
import { readApiKey } from '../server/auth';
import type { ServerOptions } from '../server/options';
import { startServer, ServerStartError, type RunningServer } from '../server/server';

const FLAGS = {
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  model: { type: 'string', short: 'm', multiple: true },
  'ab-model': { type: 'string' },
  'ab-share': { type: 'string' },
  'data-dir': { type: 'string' },
  'log-file': { type: 'string' },
  'no-log-text': { type: 'boolean' },
  'feedback-file': { type: 'string' },
  'api-key-file': { type: 'string' },
  'max-body': { type: 'string' },
  'max-text': { type: 'string' },
  'max-queue': { type: 'string' },
  timeout: { type: 'string' },
  rate: { type: 'string' },
  'batch-window': { type: 'string' },
  'max-batch': { type: 'string' },
  'no-batching': { type: 'boolean' },
  threads: { type: 'string' },
  'shutdown-grace': { type: 'string' },
  'analysis-threads': { type: 'string' },
  'max-analysis-memory': { type: 'string' },
  'body-timeout': { type: 'string' },
  'max-connections': { type: 'string' },
  'allow-host': { type: 'string', multiple: true },
  'allow-origin': { type: 'string', multiple: true },
  'max-auth-failures': { type: 'string' },
} as const;

/** Turn `serve`'s flags into server options; every mistake is an `InputError` naming the flag. */
export function serveOptions(args: string[], env: NodeJS.ProcessEnv = process.env): ServerOptions {
  if (args.some((arg) => /^--api-?key(=|$)/.test(arg))) {
    throw new InputError('the API key is never a flag; set PLOD_API_KEY or give --api-key-file PATH', 2);
  }
  const { values, positionals } = parse(args, FLAGS);
  if (positionals.length) throw new InputError(`serve takes no arguments; got "${positionals[0]}"`, 2);
  if (values['ab-share'] !== undefined && !values['ab-model']) {
    throw new InputError('--ab-share needs --ab-model NAME', 2);
  }
  let apiKey: string | undefined;
  try {
    apiKey = readApiKey(values['api-key-file'], env);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  return {
    host: values.host,
    port: integer(values.port, '--port', 0, 65535),
    models: values.model,
    abModel: values['ab-model'],
    abShare: fraction(values['ab-share'], '--ab-share'),
    dataDir: values['data-dir'],
    logFile: values['log-file'],
    logText: values['no-log-text'] ? false : undefined,
    feedbackFile: values['feedback-file'],
    apiKey,
    maxBodyBytes: integer(values['max-body'], '--max-body', 64),
    maxTextChars: integer(values['max-text'], '--max-text', 1),
    maxQueue: integer(values['max-queue'], '--max-queue', 0),
    timeoutMs: integer(values.timeout, '--timeout', 1),
    ratePerMinute: rate(values.rate),
    batchWindowMs: integer(values['batch-window'], '--batch-window', 0, 10_000),
    maxBatchSentences: integer(values['max-batch'], '--max-batch', 1),
    batching: values['no-batching'] ? false : undefined,
    threads: integer(values.threads, '--threads', 1, 256),
    shutdownGraceMs: integer(values['shutdown-grace'], '--shutdown-grace', 0),
    analysisThreads: integer(values['analysis-threads'], '--analysis-threads', 1, 64),
    analysisMemoryMb: integer(values['max-analysis-memory'], '--max-analysis-memory', 32),
    bodyTimeoutMs: integer(values['body-timeout'], '--body-timeout', 100),
    maxConnections: integer(values['max-connections'], '--max-connections', 1),
    allowedHosts: values['allow-host'],
    allowedOrigins: values['allow-origin']?.map(origin),
    authFailuresPerMinute: integer(values['max-auth-failures'], '--max-auth-failures', 1),
  };
}

/** `plod-tagger serve`: start, print the URL, and run until SIGTERM or SIGINT; then shut down cleanly. */
export async function serveCommand(args: string[], write: (text: string) => void): Promise<void> {
  const options = serveOptions(args);
  let server: RunningServer;
  try {
    server = await startServer(options);
  } catch (error) {
    if (error instanceof ServerStartError) throw new InputError(error.message);
    throw error;
  }
  write(`plod-tagger serving ${modelsLine(server)} at ${server.url}\n`);
  if (!isLoopback(server.options.host) && server.options.apiKey === undefined) {
    process.stderr.write(
      `plod-tagger: warning: listening on ${server.options.host} with no API key; anyone who can reach it may use it\n`,
    );
  }
  await untilSignal(server);
}

/** Resolves once a signal has stopped the server; a second signal exits at once. */
export function untilSignal(server: RunningServer): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`plod-tagger: ${signal}: finishing the requests in flight, then stopping\n`);
      process.once('SIGTERM', () => process.exit(1));
      process.once('SIGINT', () => process.exit(1));
      server.close().then(resolve, reject);
    };
    process.once('SIGTERM', () => {
      process.removeAllListeners('SIGINT');
      stop('SIGTERM');
    });
    process.once('SIGINT', () => {
      process.removeAllListeners('SIGTERM');
      stop('SIGINT');
    });
  });
}

function modelsLine(server: RunningServer): string {
  const { models, abModel, abShare } = server.options;
  const ab = abModel ? ` (A/B: ${Math.round(abShare * 1000) / 10}% to ${abModel})` : '';
  return models.join(', ') + ab;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function integer(value: string | undefined, flag: string, min: number, max = Number.MAX_SAFE_INTEGER) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new InputError(`${flag} must be a whole number from ${min} to ${max}; got "${value}"`, 2);
  }
  return n;
}

/** `scheme://host[:port]` as browsers send it in `Origin`. */
function origin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError(`--allow-origin must look like https://example.org; got "${value}"`, 2);
  }
  if (url.origin === 'null') throw new InputError(`--allow-origin must be http(s); got "${value}"`, 2);
  return url.origin;
}

function fraction(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new InputError(`${flag} must be a number from 0 to 1; got "${value}"`, 2);
  }
  return n;
}

/** `N/min`, `N/s`, `N/h` or a bare `N` (a minute); 0 means no limit. */
function rate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|m|min|h|hour))?\s*$/.exec(value);
  if (!match) throw new InputError(`--rate must look like 120/min, 5/s or 0 (no limit); got "${value}"`, 2);
  const per = { s: 60, sec: 60, m: 1, min: 1, h: 1 / 60, hour: 1 / 60 }[match[2] ?? 'min'] ?? 1;
  return Math.ceil(Number(match[1]) * per);
}
