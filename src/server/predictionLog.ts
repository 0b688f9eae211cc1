import { createHash, createHmac, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { RotatingFile, type FileHealth, type RotatingFileOptions } from './rotatingFile';

/** One line of the prediction log (`predictions.jsonl`). */
export interface PredictionEntry {
  time: string;
  /** Fastify's request id, also in the server's error messages. */
  id: string;
  route: string;
  model: string;
  lang: string;
  ms: number;
  chars: number;
  /** The text's SHA-256, beside the text itself; absent with `--no-log-text`. */
  sha256?: string;
  /**
   * With `--no-log-text`: an HMAC-SHA256 of the text under a key drawn at start and never stored, so equal
   * texts can be told apart within one run, but a short text cannot be found again by hashing guesses.
   */
  text_hmac?: string;
  /** Absent with `--no-log-text`. */
  text?: string;
  spans: number;
  sentences: number;
}

const RECENT = 1000;

/** The prediction log: a rotated JSONL file, the last entries in memory, and a feed of new ones. */
export class PredictionLog {
  private readonly file: RotatingFile;
  private readonly recentEntries: string[] = [];
  private readonly feed = new EventEmitter();
  private readonly hmacKey = randomBytes(32);

  constructor(
    file: string,
    private readonly withText: boolean,
    maxBytes: number,
    keep: number,
    options: RotatingFileOptions = {},
  ) {
    this.file = new RotatingFile(file, maxBytes, keep, options);
    this.feed.setMaxListeners(0);
  }

  record(
    entry: Omit<PredictionEntry, 'time' | 'chars' | 'sha256' | 'text_hmac' | 'text'>,
    text: string,
  ): void {
    const full: PredictionEntry = {
      time: new Date().toISOString(),
      ...entry,
      ms: Math.round(entry.ms * 100) / 100,
      chars: text.length,
      ...(this.withText
        ? { sha256: createHash('sha256').update(text).digest('hex'), text }
        : { text_hmac: createHmac('sha256', this.hmacKey).update(text).digest('hex') }),
    };
    const line = JSON.stringify(full);
    this.file.append(line);
    this.recentEntries.push(line);
    if (this.recentEntries.length > RECENT) this.recentEntries.splice(0, this.recentEntries.length - RECENT);
    this.feed.emit('entry', line);
  }

  /** The last `limit` entries, oldest first, as JSON lines. */
  recent(limit: number): string[] {
    return limit > 0 ? this.recentEntries.slice(-limit) : [];
  }

  /** Call `listener` with each new entry's JSON line; returns the function that stops it. */
  follow(listener: (line: string) => void): () => void {
    this.feed.on('entry', listener);
    return () => this.feed.off('entry', listener);
  }

  health(): FileHealth {
    return this.file.health();
  }

  close(): void {
    this.feed.removeAllListeners();
    this.file.close();
  }
}
