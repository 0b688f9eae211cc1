import * as vscode from 'vscode';
import type { AnalysedSpan } from '../../core/analyze';
import type { GlossaryEntry } from '../../core/types';

/** What was found in one document, in document offsets, for the version it was computed on. */
export interface DocumentResult {
  uri: string;
  version: number;
  model: string;
  origin: 'local' | 'remote';
  /** The part of the document that was tagged (the whole document, or a selection). */
  range: { start: number; end: number };
  spans: AnalysedSpan[];
  glossary: GlossaryEntry[];
  words: number;
  ms: number;
}

/** Results by document; only the newest result of each document is kept, and stale ones are refused. */
export class ResultStore implements vscode.Disposable {
  private readonly results = new Map<string, DocumentResult>();
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidChange = this.changed.event;

  get(uri: vscode.Uri | string): DocumentResult | undefined {
    return this.results.get(uri.toString());
  }

  /** Store a result unless the document has moved on since it was computed. Returns whether it was stored. */
  set(document: vscode.TextDocument, result: DocumentResult): boolean {
    if (document.isClosed || document.version !== result.version) return false;
    this.results.set(result.uri, result);
    this.changed.fire(result.uri);
    return true;
  }

  delete(uri: vscode.Uri | string): void {
    if (this.results.delete(uri.toString())) this.changed.fire(uri.toString());
  }

  dispose(): void {
    this.changed.dispose();
    this.results.clear();
  }
}
