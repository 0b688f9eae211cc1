import * as vscode from 'vscode';
import type { AnalysedSpan } from '../../core/analyze';
import type { AssistOutcome } from '../../core/assistant/outcome';
import type { GlossaryEntry } from '../../core/types';

/** What was found in one document, in document offsets, for the version it was computed on. */
export interface DocumentResult {
  uri: string;
  version: number;
  /** The model's label, for people. */
  model: string;
  /** The model's identity (`modelRefKey` for a local model), which decides whether a re-tag is due. */
  modelKey: string;
  origin: 'local' | 'remote';
  /** The part of the document that was tagged (the whole document, or a selection). */
  range: { start: number; end: number };
  /** The visible paragraphs, tagged first when a long document opens; the whole document follows. */
  firstPaint?: boolean;
  spans: AnalysedSpan[];
  glossary: GlossaryEntry[];
  /** The root of the LaTeX project it was tagged with (workspace-relative), when it is one of several files. */
  project?: string;
  words: number;
  ms: number;
  /** Of `ms`, the inference process's own time on the request. */
  workMs?: number;
  /** The writing assistant's findings, made with the tags (a whole document tagged locally, not in a project). */
  assist?: AssistOutcome;
}

/** Results by document; only the newest result of each document is kept, and stale ones are refused. */
export class ResultStore implements vscode.Disposable {
  private readonly results = new Map<string, DocumentResult>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  get(uri: vscode.Uri | string): DocumentResult | undefined {
    return this.results.get(uri.toString());
  }

  /** The result computed on the document's current version; undefined when it has none or the text moved on. */
  current(document: vscode.TextDocument): DocumentResult | undefined {
    const result = this.results.get(document.uri.toString());
    return result && isCurrent(result, document) ? result : undefined;
  }

  /** The current result, only when it covers the whole document rather than a selection. */
  currentWhole(document: vscode.TextDocument): DocumentResult | undefined {
    const result = this.current(document);
    return result && coversWholeText(result, document.getText().length) ? result : undefined;
  }

  /** Store a result unless the document has moved on since it was computed. Returns whether it was stored. */
  set(document: vscode.TextDocument, result: DocumentResult): boolean {
    if (!isCurrent(result, document)) return false;
    this.results.set(result.uri, result);
    this.changed.fire(result.uri);
    return true;
  }

  /**
   * The result of the document's current version that `accepts`, as soon as it is stored; undefined if the document
   * changes or closes first, if `token` is cancelled, or after `ms`.
   */
  whenStored(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
    ms: number,
    accepts: (result: DocumentResult) => boolean = () => true,
  ): Promise<DocumentResult | undefined> {
    const stored = this.current(document);
    if (stored && accepts(stored)) return Promise.resolve(stored);
    const version = document.version;
    return new Promise((resolve) => {
      const done = (result: DocumentResult | undefined) => {
        [listener, cancelled].forEach((d) => d.dispose());
        clearTimeout(timer);
        resolve(result);
      };
      const listener = this.changed.event((uri) => {
        if (uri !== document.uri.toString()) return;
        const result = this.current(document);
        if (result && accepts(result)) done(result);
        else if (document.isClosed || document.version !== version) done(undefined);
      });
      const cancelled = token.onCancellationRequested(() => done(undefined));
      const timer = setTimeout(() => done(undefined), ms);
    });
  }

  delete(uri: vscode.Uri | string): void {
    if (this.results.delete(uri.toString())) this.changed.fire(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
    this.results.clear();
  }
}

function isCurrent(result: DocumentResult, document: vscode.TextDocument): boolean {
  return !document.isClosed && result.version === document.version;
}

/** Whether the result was tagged on the whole of a text `length` long, not on a selection. */
export function coversWholeText(result: Pick<DocumentResult, 'range'>, length: number): boolean {
  return result.range.start === 0 && result.range.end === length;
}
