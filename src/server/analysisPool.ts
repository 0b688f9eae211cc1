import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Analysis } from '../core/analyze';
import type { WordTag } from '../core/types';
import type { AnalysisJob, FromWorker, ToWorker } from './analysisProtocol';
import { HttpError, QueueFullError, ShuttingDownError } from './errors';

export interface AnalysisPoolOptions {
  threads: number;
  /** The V8 heap of one analysis thread; a job that needs more is refused, the thread replaced. */
  memoryMb: number;
  /** Jobs waiting for a free thread beyond this are refused with 503. */
  maxWaiting: number;
}

export interface AnalysisRun {
  /** The model call, on the main thread (through the model's queue); not called when `rulesHere`. */
  tag?: (sentences: string[][], signal: AbortSignal) => Promise<WordTag[][]>;
  /** Aborting it stops the job: taken out of the queue, or its thread terminated. */
  signal?: AbortSignal;
}

export interface AnalysisResult {
  analysis: Analysis;
  /** Time the model call took, and how many sentences it had. */
  tagSeconds: number;
  sentences: number;
}

interface Pending {
  id: number;
  job: AnalysisJob;
  run: AnalysisRun;
  resolve: (result: AnalysisResult) => void;
  reject: (error: unknown) => void;
  /** `cpu` while its thread prepares or finishes it, `tagging` while it waits for the main thread's model. */
  phase?: 'cpu' | 'tagging';
  thread?: Thread;
  /** Aborts the main thread's model call when the job ends early or is started again. */
  tagCall?: AbortController;
  settled?: boolean;
}

interface Thread {
  worker: Worker;
  jobs: Set<Pending>;
  /** Resolves when the thread has loaded its code; rejects if it fails to start. */
  ready: Promise<void>;
}

/**
 * A fixed set of worker threads that run the analysis (see `analysisWorker.ts`), with a bounded queue in
 * front. A thread computes one job at a time; while a job waits for its model call on the main thread, its
 * thread takes the next, so that requests reach the model's queue together and can share a batch. Stopping a
 * job while it computes terminates its thread and starts a fresh one (a synchronous pass over a hostile
 * text cannot be interrupted any other way); the thread's other jobs, which were only waiting, start again.
 *
 * Hand-written rather than piscina: piscina starts its own `worker.js` beside the bundle, which in `dist/` is
 * the extension's inference process, and its one-shot tasks would hold a thread for the whole model call,
 * which defeats micro-batching.
 */
export class AnalysisPool {
  private readonly threads: Thread[] = [];
  private readonly waitingJobs: Pending[] = [];
  private closed = false;
  private nextId = 1;

  constructor(private readonly options: AnalysisPoolOptions) {
    for (let i = 0; i < Math.max(1, options.threads); i++) this.threads.push(this.spawn());
  }

  /** Resolves once every thread has started (a server is not ready before). */
  async online(): Promise<void> {
    await Promise.all(this.threads.map((thread) => thread.ready));
  }

  /** Jobs waiting for a thread. */
  get waiting(): number {
    return this.waitingJobs.length;
  }

  /** Jobs waiting for a thread, by model. */
  waitingFor(model: string): number {
    return this.waitingJobs.filter((p) => p.job.model === model).length;
  }

  run(job: AnalysisJob, run: AnalysisRun = {}): Promise<AnalysisResult> {
    if (this.closed) return Promise.reject(new ShuttingDownError());
    if (run.signal?.aborted) return Promise.reject(run.signal.reason);
    const free = this.freeThread();
    if (!free && this.waitingJobs.length >= this.options.maxWaiting) {
      return Promise.reject(new QueueFullError('analysis', this.options.maxWaiting, 'an analysis thread'));
    }
    return new Promise<AnalysisResult>((resolve, reject) => {
      const pending: Pending = { id: this.nextId++, job, run, resolve, reject };
      run.signal?.addEventListener('abort', () => this.stop(pending, run.signal?.reason), { once: true });
      if (free) this.start(free, pending);
      else this.waitingJobs.push(pending);
    });
  }

  /** Terminate every thread; jobs still waiting or running are refused. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.waitingJobs.splice(0)) this.settle(pending, new ShuttingDownError());
    const workers = this.threads.splice(0).map((thread) => {
      for (const pending of thread.jobs) this.settle(pending, new ShuttingDownError());
      thread.worker.removeAllListeners();
      return thread.worker;
    });
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** A thread computing nothing now. */
  private freeThread(): Thread | undefined {
    return this.threads.find((t) => ![...t.jobs].some((p) => p.phase === 'cpu'));
  }

  private spawn(): Thread {
    const worker = createWorker(this.options.memoryMb);
    let loaded: () => void = () => undefined;
    let failed: (error: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => ((loaded = resolve), (failed = reject)));
    // Nobody may wait on a replacement's start: a failure is reported through its jobs instead.
    ready.catch(() => undefined);
    const thread: Thread = { worker, jobs: new Set(), ready };
    worker.on('message', (message: FromWorker) =>
      message.type === 'ready' ? loaded() : this.onMessage(thread, message),
    );
    worker.once('error', failed);
    worker.on('error', (error) => this.onCrash(thread, error));
    worker.on('exit', () => this.onCrash(thread, undefined));
    // An idle thread must not keep a CLI or a test process alive.
    worker.unref();
    return thread;
  }

  private start(thread: Thread, pending: Pending): void {
    pending.thread = thread;
    pending.phase = 'cpu';
    thread.jobs.add(pending);
    const message: ToWorker = { type: 'job', id: pending.id, ...pending.job };
    thread.worker.postMessage(message);
  }

  private onMessage(thread: Thread, message: Exclude<FromWorker, { type: 'ready' }>): void {
    const pending = [...thread.jobs].find((p) => p.id === message.id);
    if (!pending) return;
    if (message.type === 'tag') {
      pending.phase = 'tagging';
      // tagOnMain() settles the job itself, with the tags or the model's error.
      void this.tagOnMain(pending, message.sentences);
    } else {
      this.detach(pending);
      if (message.type === 'done') {
        const { analysis, tagSeconds, sentences } = message;
        this.settle(pending, undefined, { analysis, tagSeconds, sentences });
      } else {
        this.settle(pending, new Error(message.message));
      }
    }
    this.dispatch();
  }

  private async tagOnMain(pending: Pending, sentences: string[][]): Promise<void> {
    const call = new AbortController();
    pending.tagCall = call;
    try {
      if (!pending.run.tag) throw new Error('this job has no tagger on the main thread');
      const tags = await pending.run.tag(sentences, call.signal);
      if (call.signal.aborted || !pending.thread) return;
      pending.phase = 'cpu';
      pending.thread.worker.postMessage({ type: 'tags', id: pending.id, tags } satisfies ToWorker);
    } catch (error) {
      if (call.signal.aborted) return;
      // The request gets the model's own error (a full queue is a 503, not a 500); the thread forgets the job.
      this.drop(pending);
      this.settle(pending, error);
      this.dispatch();
    }
  }

  /** A job ends early: out of the queue if it waits; its thread replaced if it computes. */
  private stop(pending: Pending, reason: unknown): void {
    if (pending.settled) return;
    const at = this.waitingJobs.indexOf(pending);
    if (at >= 0) this.waitingJobs.splice(at, 1);
    const thread = pending.thread;
    const computing = pending.phase === 'cpu';
    if (computing && thread) {
      this.detach(pending);
      this.settle(pending, reason);
      this.replace(thread);
    } else {
      this.drop(pending);
      this.settle(pending, reason);
    }
    this.dispatch();
  }

  private onCrash(thread: Thread, error: Error | undefined): void {
    if (!this.threads.includes(thread)) return;
    const outOfMemory = (error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    for (const pending of [...thread.jobs]) {
      if (pending.phase !== 'cpu') continue;
      this.detach(pending);
      this.settle(
        pending,
        outOfMemory
          ? new HttpError(
              413,
              `analysing this text needs more than the ${this.options.memoryMb} MB one request may use (--max-analysis-memory)`,
              'too_costly',
            )
          : new Error(`the analysis thread stopped: ${error?.message ?? 'it exited'}`),
      );
    }
    this.replace(thread);
    this.dispatch();
  }

  /** Terminate a thread and start a fresh one; the jobs it held, only waiting, start again first. */
  private replace(thread: Thread): void {
    const at = this.threads.indexOf(thread);
    if (at < 0) return;
    thread.worker.removeAllListeners();
    thread.worker.on('error', () => undefined);
    // The thread is dropped; its exit code no longer matters, and its 'error' events are ignored above.
    void thread.worker.terminate();
    const survivors = [...thread.jobs];
    for (const pending of survivors) {
      pending.tagCall?.abort(new Error('restarted'));
      this.detach(pending);
    }
    this.waitingJobs.unshift(...survivors);
    if (this.closed) this.threads.splice(at, 1);
    else this.threads[at] = this.spawn();
  }

  /** Start waiting jobs while some thread computes nothing. */
  private dispatch(): void {
    for (;;) {
      if (this.waitingJobs.length === 0) return;
      const free = this.freeThread();
      if (!free) return;
      this.start(free, this.waitingJobs.shift() as Pending);
    }
  }

  /** Tell the job's thread to forget it, and take it off the thread. */
  private drop(pending: Pending): void {
    if (pending.thread && pending.phase === 'tagging') {
      pending.thread.worker.postMessage({ type: 'drop', id: pending.id } satisfies ToWorker);
    }
    this.detach(pending);
  }

  private detach(pending: Pending): void {
    pending.thread?.jobs.delete(pending);
    pending.thread = undefined;
    pending.phase = undefined;
  }

  private settle(pending: Pending, error: unknown, result?: AnalysisResult): void {
    if (pending.settled) return;
    pending.settled = true;
    pending.tagCall?.abort(error ?? new Error('done'));
    if (result) pending.resolve(result);
    else pending.reject(error);
  }
}

/**
 * The bundle's `dist/analysis-worker.js` beside `dist/cli.mjs`; from the sources (tests run under tsx), the
 * TypeScript file, loaded through tsx's require hook.
 */
function createWorker(memoryMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: memoryMb };
  if (__filename.endsWith('.ts')) {
    const source = path.join(__dirname, 'analysisWorker.ts');
    // A variable, not a literal: the bundle never takes this branch and must not try to resolve tsx.
    const hook = 'tsx/cjs';
    const tsx = require.resolve(hook);
    return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, {
      eval: true,
      resourceLimits,
    });
  }
  return new Worker(path.join(__dirname, 'analysis-worker.js'), { resourceLimits });
}
