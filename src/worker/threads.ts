import { Worker } from 'node:worker_threads';

/** A request's failure: the worker's own (`kind` from its answer), a crash, or a cancel. */
export class ThreadError extends Error {
  override name = 'ThreadError';
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

type Answer<T> = { id: number; value: T } | { id: number; error: { kind: string; message: string } };

/**
 * Requests to a worker thread of the extension host, each answered once by its id: the thread starts on the
 * first request and, with `stopWhenIdle`, stops when none is waiting. A crash rejects what was waiting, and the
 * next request starts a new thread.
 */
export class ThreadClient<Request extends object, Value> {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (value: Value) => void; reject: (e: Error) => void }
  >();

  constructor(
    private readonly script: string,
    private readonly what: string,
    private readonly stopWhenIdle: boolean,
  ) {}

  request(request: Request): Promise<Value> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<Value>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  }

  /** Stop the thread: whatever was waiting is rejected as cancelled. */
  cancel(): void {
    this.fail(new ThreadError('cancelled', `${this.what} was cancelled`));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (answer: Answer<Value>) => {
      const waiting = this.pending.get(answer.id);
      if (!waiting) return;
      this.pending.delete(answer.id);
      if ('error' in answer) waiting.reject(new ThreadError(answer.error.kind, answer.error.message));
      else waiting.resolve(answer.value);
      if (this.stopWhenIdle && !this.pending.size) this.stop();
    });
    worker.on('error', (error) =>
      this.fail(new ThreadError('crashed', `${this.what} stopped: ${error.message}`)),
    );
    worker.on('exit', () => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.fail(new ThreadError('crashed', `${this.what} stopped before it answered`));
    });
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    waiting.forEach((w) => w.reject(error));
    this.stop();
  }

  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  dispose(): void {
    this.cancel();
  }
}

/** The worker side: answer each request with `handle`'s value, or its error's kind and message. */
export function serveRequests<Request, Value>(
  port: {
    on(event: 'message', listener: (m: Request & { id: number }) => void): void;
    postMessage(m: unknown): void;
  },
  handle: (request: Request) => Promise<Value> | Value,
  kindOf: (error: unknown) => string = () => 'failed',
): void {
  port.on('message', (request) => {
    Promise.resolve()
      .then(() => handle(request))
      .then(
        (value) => port.postMessage({ id: request.id, value }),
        (error: unknown) =>
          port.postMessage({
            id: request.id,
            error: { kind: kindOf(error), message: error instanceof Error ? error.message : String(error) },
          }),
      );
  });
}
