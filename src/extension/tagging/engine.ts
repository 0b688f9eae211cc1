import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Analysis } from '../../core/analyze';
import type { Lang } from '../../core/types';
import type { ModelRef } from '../../core/models';
import type { WordLists } from '../../core/pairing';
import type { Request, Response } from '../../worker/protocol';

export class EngineError extends Error {
  constructor(
    message: string,
    readonly modelError: boolean,
  ) {
    super(message);
  }
}

/** What a request cost beyond its own work: starting the inference process, loading the model. */
export interface Timings {
  loadMs?: number;
  startupMs?: number;
}

type Pending = { resolve: (r: Response) => void; reject: (e: Error) => void };

/**
 * The extension host's handle on the inference process: one long-lived child, started on first use,
 * restarted if it dies. Requests are answered in order.
 */
export class Engine {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly workerPath: string,
    private readonly onExit: (reason: string) => void,
  ) {}

  static forExtension(extensionPath: string, onExit: (reason: string) => void): Engine {
    return new Engine(path.join(extensionPath, 'dist', 'worker.js'), onExit);
  }

  async analyse(
    model: ModelRef,
    text: string,
    lang: Lang,
    minScore: number,
    words?: WordLists,
  ): Promise<Timings & { analysis: Analysis }> {
    const response = await this.request({ kind: 'analyse', model, text, lang, minScore, words });
    return { analysis: response.analysis, loadMs: response.loadMs, startupMs: response.startupMs };
  }

  dispose(): void {
    const child = this.child;
    this.child = undefined;
    child?.kill();
    this.failAll(new EngineError('the extension is shutting down', false));
  }

  private async request(body: Omit<Request, 'id'>): Promise<Extract<Response, { ok: true }>> {
    const child = this.ensureChild();
    const id = this.nextId++;
    const response = await new Promise<Response>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.send({ ...body, id } satisfies Request, (error) => {
        if (error) {
          this.pending.delete(id);
          reject(new EngineError(`cannot reach the inference process: ${error.message}`, false));
        }
      });
    });
    if (!response.ok) throw new EngineError(response.error, response.modelError);
    return response;
  }

  private ensureChild(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(this.workerPath, [], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      execArgv: [],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    child.on('message', (response: Response) => {
      const pending = this.pending.get(response.id);
      this.pending.delete(response.id);
      pending?.resolve(response);
    });
    child.on('exit', (code, signal) => {
      if (this.child !== child) return;
      this.child = undefined;
      const reason = `the inference process stopped (${signal ?? `exit code ${code}`})${stderr ? `: ${stderr.trim()}` : ''}`;
      this.failAll(new EngineError(reason, false));
      this.onExit(reason);
    });
    this.child = child;
    return child;
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
