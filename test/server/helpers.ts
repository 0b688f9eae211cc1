import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RulesTagger } from '../../src/core/taggers/rules';
import type { Tagger, WordTag } from '../../src/core/types';
import type { ServerOptions } from '../../src/server/options';
import { startServer, type RunningServer } from '../../src/server/server';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'plod-server-'));
}

/** A server on a free port of 127.0.0.1, with its data in a fresh folder and no rate limit unless asked. */
export function start(options: ServerOptions = {}): Promise<RunningServer> {
  return startServer({
    port: 0,
    models: ['rules'],
    dataDir: tempDir(),
    samplesFile: null,
    ratePerMinute: 0,
    ...options,
  });
}

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export async function post<T = Record<string, unknown>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Answer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Answer<string>> {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A test double that takes `delayMs` per call, tags every word O, and records each call's sentence count. */
export class SlowTagger implements Tagger {
  readonly calls: number[] = [];
  readonly sentencesIndependent = false;
  disposed = false;

  constructor(
    readonly name = 'slow',
    private readonly delayMs = 300,
  ) {}

  async tagSentences(sentences: readonly (readonly string[])[]): Promise<WordTag[][]> {
    this.calls.push(sentences.length);
    await sleep(this.delayMs);
    return sentences.map((words) => words.map(() => ({ tag: 'O', score: 1 })));
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

/**
 * The rules tagger run on each sentence alone (so sentences are independent, as with an ONNX model), marked
 * independent, recording how many sentences each call held.
 */
export class SentenceRulesTagger implements Tagger {
  readonly sentencesIndependent = true;
  readonly calls: number[] = [];
  private readonly rules = new RulesTagger();

  constructor(readonly name = 'sentence-rules') {}

  async tagSentences(sentences: readonly (readonly string[])[]): Promise<WordTag[][]> {
    this.calls.push(sentences.length);
    await sleep(20);
    const tagged = await Promise.all(sentences.map((s) => this.rules.tagSentences([s])));
    return tagged.map((t) => t[0]);
  }

  async dispose(): Promise<void> {}
}
