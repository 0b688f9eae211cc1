import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { RotatingFile } from './rotatingFile';

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
  sha256: string;
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

  constructor(
    file: string,
    private readonly withText: boolean,
    maxBytes: number,
    keep: number,
  ) {
    this.file = new RotatingFile(file, maxBytes, keep);
    this.feed.setMaxListeners(0);
  }

  record(entry: Omit<PredictionEntry, 'time' | 'chars' | 'sha256' | 'text'>, text: string): void {
    const full: PredictionEntry = {
      time: new Date().toISOString(),
      ...entry,
      ms: Math.round(entry.ms * 100) / 100,
      chars: text.length,
      sha256: createHash('sha256').update(text).digest('hex'),
      ...(this.withText ? { text } : {}),
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

  close(): void {
    this.feed.removeAllListeners();
    this.file.close();
  }
}
