import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { Analysis } from '../../core/analyze';
import { applyAssistDelta, type AssistOptions, type AssistOutcome } from '../../core/assistant/outcome';
import { applyAnalysisDelta, diffText, rememberLatest } from '../../core/delta';
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

export interface AnalyseRequestOptions {
  words?: WordLists;
  /** A key that names the document (its URI): only the change since its last text goes, and comes back. */
  document?: string;
  /** First tags wanted soon: the rules may answer while the model loads (see `taggedWith`). */
  provisional?: boolean;
  /** Run the writing assistant's checks too, with these settings (on a whole document only). */
  assist?: AssistOptions;
}

/** What a request cost beyond its own work: starting the inference process, loading the model. */
export interface Timings {
  /** The inference process's own time on the request (the rest of the wait is its queue and the pipes). */
  workMs?: number;
  loadMs?: number;
  startupMs?: number;
}

type Pending = { resolve: (r: Response) => void; reject: (e: Error) => void };

/** What the inference process was last sent of a document, and the last analysis of it that came back. */
interface Known {
  sentId: number;
  text: string;
  received?: { id: number; analysis: Analysis; assist?: AssistOutcome };
}

/**
 * The extension host's handle on the inference process: one long-lived child, started on first use,
 * restarted if it dies. Requests are answered in order.
 */
export class Engine {
  private child: ChildProcess | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly documents = new Map<string, Known>();

  constructor(
    private readonly workerPath: string,
    private readonly onExit: (reason: string) => void,
  ) {}

  static forExtension(extensionPath: string, onExit: (reason: string) => void): Engine {
    return new Engine(path.join(extensionPath, 'dist', 'worker.js'), onExit);
  }

  /**
   * Analyses `text`. With `document` (a key that names it, such as its URI), only the change since the last text
   * of that document goes to the inference process, and only the change of the analysis comes back.
   */
  async analyse(
    model: ModelRef,
    text: string,
    lang: Lang,
    minScore: number,
    options: AnalyseRequestOptions = {},
  ): Promise<Timings & { analysis: Analysis; taggedWith?: string; assist?: AssistOutcome }> {
    const { words, document, provisional, assist } = options;
    const body = { kind: 'analyse', model, lang, minScore, words, provisional, assist } as const;
    if (document === undefined) {
      const response = await this.request({ ...body, text });
      return { ...timings(response), ...this.found(response, undefined) };
    }
    const known = this.documents.get(document);
    const id = this.nextId++;
    const delta = known && { textDelta: diffText(known.text, text), textBase: known.sentId };
    rememberLatest(this.documents, document, { ...known, sentId: id, text });
    const analysisBase = known?.received?.id;
    let response = await this.request({ ...body, document, analysisBase, ...(delta ?? { text }) }, id);
    if (!response.ok && response.needText) {
      const again = this.nextId++;
      rememberLatest(this.documents, document, { ...this.documents.get(document), sentId: again, text });
      response = await this.request({ ...body, document, analysisBase, text }, again);
    }
    const found = this.found(response, this.documents.get(document)?.received);
    const latest = this.documents.get(document);
    if (latest)
      rememberLatest(this.documents, document, { ...latest, received: { id: response.id, ...found } });
    return { ...timings(response), ...found };
  }

  /** Forget a closed document: the next request for it sends it whole (the inference process drops it in time). */
  forget(document: string): void {
    this.documents.delete(document);
  }

  /** The answer's analysis and findings, whole or rebuilt from their change to what this window holds. */
  private found(response: Response, base: Known['received']): { analysis: Analysis; assist?: AssistOutcome } {
    if (!response.ok) throw new EngineError(response.error, response.modelError);
    const held = (what: string) =>
      new EngineError(
        `the inference process answered with a change to ${what} this window does not hold`,
        false,
      );
    let analysis: Analysis;
    if ('analysis' in response) analysis = response.analysis;
    else if (base && base.id === response.analysisBase)
      analysis = applyAnalysisDelta(base.analysis, response.analysisDelta);
    else throw held('an analysis');
    let assist = response.assist;
    if (response.assistDelta) {
      if (!base?.assist) throw held('findings');
      assist = applyAssistDelta(base.assist, response.assistDelta);
    }
    return { analysis, ...(assist ? { assist } : {}) };
  }

  dispose(): void {
    const child = this.child;
    this.child = undefined;
    child?.kill();
    this.failAll(new EngineError('the extension is shutting down', false));
  }

  /** Sends a request and waits for its answer, which may be a failure: callers read `ok`. */
  private async request(body: Omit<Request, 'id'>, id = this.nextId++): Promise<Response> {
    const child = this.ensureChild();
    return new Promise<Response>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      child.send({ ...body, id } satisfies Request, (error) => {
        if (error) {
          this.pending.delete(id);
          reject(new EngineError(`cannot reach the inference process: ${error.message}`, false));
        }
      });
    });
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
      // A new process holds no text: every document is sent whole again.
      this.documents.clear();
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

function timings(response: Response): Timings & { taggedWith?: string } {
  if (!response.ok) return {};
  const { workMs, loadMs, startupMs, taggedWith } = response;
  return { workMs, loadMs, startupMs, ...(taggedWith ? { taggedWith } : {}) };
}
