import type { Tagger, WordTag } from '../core/types';
import { QueueFullError } from './errors';

export interface BatchQueueOptions {
  /** Merge the sentences of several requests into one `tagSentences` call. */
  batching: boolean;
  /**
   * Whether requests may share a call (`Tagger.sentencesIndependent`). The rules tagger reads a whole call as one document (a definition anywhere tags every
   * mention), so merging would leak one request's text into another's answer.
   */
  mergeable: boolean;
  /** How long an idle queue waits after a request arrives for others to join it. */
  windowMs: number;
  maxBatchSentences: number;
  /** Requests waiting beyond this are refused with `QueueFullError`. */
  maxQueue: number;
  onBatch?: (batch: { requests: number; sentences: number; seconds: number }) => void;
}

interface Job {
  sentences: readonly (readonly string[])[];
  resolve: (tags: WordTag[][]) => void;
  reject: (error: unknown) => void;
}

/**
 * One model's work queue. Requests run one call at a time. With batching, an idle queue waits `windowMs` for
 * company, and whatever queued up meanwhile (or while the previous call ran) goes into the next call, up to
 * `maxBatchSentences`; each request gets back its own slice of the tags. The wait is skipped while requests
 * come alone (the last call held one), so a single client never pays for it.
 */
export class BatchQueue {
  private readonly jobs: Job[] = [];
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private idleWaiters: (() => void)[] = [];
  /** Requests in the last call; a lone one means nobody is likely to join within the window. */
  private lastBatchRequests = 2;

  constructor(
    private readonly tagger: Tagger,
    private readonly options: BatchQueueOptions,
  ) {}

  /** Requests waiting for the model (not counting those it is running). */
  get waiting(): number {
    return this.jobs.length;
  }

  get busy(): boolean {
    return this.running || this.jobs.length > 0;
  }

  tag(sentences: readonly (readonly string[])[], signal?: AbortSignal): Promise<WordTag[][]> {
    if (sentences.length === 0) return Promise.resolve([]);
    // A request the model can take at once never waits, so even `--max-queue 0` lets it through.
    if (this.busy && this.jobs.length >= this.options.maxQueue) {
      return Promise.reject(new QueueFullError(this.tagger.name, this.options.maxQueue));
    }
    return new Promise<WordTag[][]>((resolve, reject) => {
      const job: Job = { sentences, resolve, reject };
      this.jobs.push(job);
      signal?.addEventListener(
        'abort',
        () => {
          const at = this.jobs.indexOf(job);
          if (at >= 0) this.jobs.splice(at, 1);
          reject(signal.reason);
        },
        { once: true },
      );
      this.schedule(false);
    });
  }

  /** Resolves once nothing is queued or running. */
  idle(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private get merging(): boolean {
    return this.options.batching && this.options.mergeable;
  }

  private schedule(afterRun: boolean): void {
    if (this.running) return;
    if (this.jobs.length === 0) {
      for (const wake of this.idleWaiters.splice(0)) wake();
      return;
    }
    const ready =
      afterRun ||
      !this.merging ||
      this.options.windowMs <= 0 ||
      this.lastBatchRequests <= 1 ||
      this.queuedSentences() >= this.options.maxBatchSentences;
    if (ready) {
      clearTimeout(this.timer);
      this.timer = undefined;
      // runNext() hands the model's failure to the jobs it ran; it never rejects.
      void this.runNext();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.schedule(true);
      }, this.options.windowMs);
    }
  }

  private queuedSentences(): number {
    return this.jobs.reduce((n, job) => n + job.sentences.length, 0);
  }

  /** The next jobs to run together: at least one, then more while they fit in `maxBatchSentences`. */
  private take(): Job[] {
    if (!this.merging) return this.jobs.splice(0, 1);
    let count = 0;
    let sentences = 0;
    while (count < this.jobs.length) {
      const next = this.jobs[count].sentences.length;
      if (count > 0 && sentences + next > this.options.maxBatchSentences) break;
      sentences += next;
      count++;
    }
    return this.jobs.splice(0, count);
  }

  private async runNext(): Promise<void> {
    this.running = true;
    const batch = this.take();
    this.lastBatchRequests = batch.length;
    const sentences = batch.flatMap((job) => job.sentences);
    const started = performance.now();
    try {
      const tags = await this.tagger.tagSentences(sentences);
      this.options.onBatch?.({
        requests: batch.length,
        sentences: sentences.length,
        seconds: (performance.now() - started) / 1000,
      });
      let at = 0;
      for (const job of batch) {
        job.resolve(tags.slice(at, at + job.sentences.length));
        at += job.sentences.length;
      }
    } catch (error) {
      for (const job of batch) job.reject(error);
    } finally {
      this.running = false;
      this.schedule(true);
    }
  }
}
