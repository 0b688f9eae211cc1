import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PdfReply, PdfRequest } from '../../worker/pdf';

/** A PDF's text, or why there is none (`encrypted`, `no-text`, `invalid`, `crashed`), with a message for users. */
export class PdfReadError extends Error {
  override name = 'PdfReadError';
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * pdf.js in a worker thread (`dist/pdf-worker.js`), started on the first PDF and stopped when idle, so that
 * reading a paper never blocks the extension host and the 3 MB reader is not loaded at activation.
 */
export class PdfReader {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (text: string) => void; reject: (e: Error) => void }
  >();

  constructor(private readonly distFolder: string) {}

  read(data: Uint8Array, name: string): Promise<string> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, name, data } satisfies PdfRequest);
    });
  }

  /** Stop the reader: whatever it was reading is rejected as cancelled. */
  cancel(): void {
    this.fail(new PdfReadError('cancelled', 'reading the PDF was cancelled'));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(path.join(this.distFolder, 'pdf-worker.js'));
    worker.on('message', (reply: PdfReply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if ('error' in reply) waiting.reject(new PdfReadError(reply.error.kind, reply.error.message));
      else waiting.resolve(reply.text);
      if (!this.pending.size) this.stop();
    });
    worker.on('error', (error) =>
      this.fail(new PdfReadError('crashed', `the PDF reader stopped: ${error.message}`)),
    );
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.fail(new PdfReadError('crashed', 'the PDF reader stopped before it answered'));
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
