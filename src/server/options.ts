import * as os from 'node:os';
import * as path from 'node:path';
import { defaultEvalFile } from '../core/data';
import { DEFAULT_MODEL, RULES_MODEL } from '../core/models';
import type { Tagger } from '../core/types';

/** What `startServer` accepts; every field has a default (see `resolveOptions`). */
export interface ServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Models to load by name or folder; the first answers requests that name none. */
  models?: string[];
  /** Taggers loaded elsewhere (tests inject doubles here); they join the `models`. */
  taggers?: Tagger[];
  /** Taggers still loading elsewhere: they join `taggers` when ready, and the server is not ready before. */
  loadingTaggers?: Promise<Tagger[]>;
  /** A/B split: this share (0 to 1) of the requests that name no model go to `abModel`. */
  abModel?: string;
  abShare?: number;
  dataDir?: string;
  logFile?: string;
  /** Leave the text out of the prediction log (its length and a keyed hash, valid for one run, stay). */
  logText?: boolean;
  logRotateBytes?: number;
  logKeep?: number;
  feedbackFile?: string;
  /** PLOD-CW CoNLL file the sample picker is filled from; null for the built-in examples only. */
  samplesFile?: string | null;
  maxBodyBytes?: number;
  maxTextChars?: number;
  /** Requests waiting for one model beyond this are turned away with 503. */
  maxQueue?: number;
  timeoutMs?: number;
  /** Requests per minute per client on the tagging routes; 0 turns the limit off. */
  ratePerMinute?: number;
  batching?: boolean;
  batchWindowMs?: number;
  /** A merged batch holds at most this many sentences (one request is never split). */
  maxBatchSentences?: number;
  /** Bearer token the API requires; none means the API is open. */
  apiKey?: string;
  /** How long a shutdown waits for requests in flight before it drops their connections. */
  shutdownGraceMs?: number;
  /** onnxruntime threads per model. */
  threads?: number;
  /** Worker threads that run the analysis (markup, sentences, pairing) off the event loop. */
  analysisThreads?: number;
  /** The heap one analysis may use, in MB; a text that needs more is refused with 413. */
  analysisMemoryMb?: number;
  /** How long a client may take to send its headers and body. */
  bodyTimeoutMs?: number;
  /** Open connections beyond this are refused. */
  maxConnections?: number;
  /** Host names accepted besides the loopback ones when bound to a loopback address (DNS rebinding guard). */
  allowedHosts?: string[];
  /** Browser origins accepted besides the server's own. */
  allowedOrigins?: string[];
  /** Failed API-key attempts per client and minute before the client is refused with 429. */
  authFailuresPerMinute?: number;
}

export type ResolvedOptions = Required<
  Omit<ServerOptions, 'abModel' | 'apiKey' | 'threads' | 'taggers' | 'loadingTaggers'>
> &
  Pick<ServerOptions, 'abModel' | 'apiKey' | 'threads'> & { taggers: Tagger[] };

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8080,
  dataDir: './plod-server-data',
  maxBodyBytes: 1024 * 1024,
  maxTextChars: 100_000,
  maxQueue: 256,
  timeoutMs: 30_000,
  ratePerMinute: 600,
  batchWindowMs: 5,
  maxBatchSentences: 64,
  abShare: 0.1,
  logRotateBytes: 10 * 1024 * 1024,
  logKeep: 3,
  shutdownGraceMs: 10_000,
  analysisMemoryMb: 512,
  bodyTimeoutMs: 30_000,
  maxConnections: 1024,
  authFailuresPerMinute: 10,
} as const;

/** Two analysis threads at least (one huge request must not hold up the rest), at most four. */
export function defaultAnalysisThreads(): number {
  return Math.max(2, Math.min(4, os.availableParallelism()));
}

export function resolveOptions(options: ServerOptions): ResolvedOptions {
  const dataDir = path.resolve(options.dataDir ?? DEFAULTS.dataDir);
  const taggers = options.taggers ?? [];
  const models = options.models ?? (taggers.length ? [] : [DEFAULT_MODEL, RULES_MODEL]);
  return {
    host: options.host ?? DEFAULTS.host,
    port: options.port ?? DEFAULTS.port,
    models,
    taggers,
    abModel: options.abModel,
    abShare: options.abShare ?? DEFAULTS.abShare,
    dataDir,
    logFile: path.resolve(options.logFile ?? path.join(dataDir, 'predictions.jsonl')),
    logText: options.logText ?? true,
    logRotateBytes: options.logRotateBytes ?? DEFAULTS.logRotateBytes,
    logKeep: options.logKeep ?? DEFAULTS.logKeep,
    feedbackFile: path.resolve(options.feedbackFile ?? path.join(dataDir, 'feedback.jsonl')),
    samplesFile: options.samplesFile === undefined ? defaultSamplesFile() : options.samplesFile,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULTS.maxBodyBytes,
    maxTextChars: options.maxTextChars ?? DEFAULTS.maxTextChars,
    maxQueue: options.maxQueue ?? DEFAULTS.maxQueue,
    timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
    ratePerMinute: options.ratePerMinute ?? DEFAULTS.ratePerMinute,
    batching: options.batching ?? true,
    batchWindowMs: options.batchWindowMs ?? DEFAULTS.batchWindowMs,
    maxBatchSentences: options.maxBatchSentences ?? DEFAULTS.maxBatchSentences,
    apiKey: options.apiKey,
    shutdownGraceMs: options.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs,
    threads: options.threads,
    analysisThreads: options.analysisThreads ?? defaultAnalysisThreads(),
    analysisMemoryMb: options.analysisMemoryMb ?? DEFAULTS.analysisMemoryMb,
    bodyTimeoutMs: options.bodyTimeoutMs ?? DEFAULTS.bodyTimeoutMs,
    maxConnections: options.maxConnections ?? DEFAULTS.maxConnections,
    allowedHosts: options.allowedHosts ?? [],
    allowedOrigins: options.allowedOrigins ?? [],
    authFailuresPerMinute: options.authFailuresPerMinute ?? DEFAULTS.authFailuresPerMinute,
  };
}

/** PLOD-CW test, where the CLI's `eval` looks for it (`../shared/data` or $PLOD_DATA_DIR). */
function defaultSamplesFile(): string | null {
  try {
    return defaultEvalFile('test');
  } catch {
    return null;
  }
}
