import * as vscode from 'vscode';
import { diagnosisSteps, sortDiagnostics, type AssistDiagnostic } from '../../core/assistant/diagnostics';
import { readDiagnosticSettings, SECTION, type DiagnosticSeverityName } from '../config';
import type { AssistModels } from './models';
import { toRange } from './navigation';
import type { ResultStore } from '../tagging/results';

export const DIAGNOSTIC_SOURCE = 'plod-tagger';

/** How long the checks run in one task of the extension host before they let it draw and type. */
const STEP_BUDGET_MS = 4;

const SEVERITIES: Record<DiagnosticSeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Publishes the assistant's diagnostics of each tagged document, and keeps what they were made from. */
export class AbbreviationDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** The core diagnostics behind each published one, by document URI, for the quick fixes. */
  private readonly published = new Map<string, { version: number; items: AssistDiagnostic[] }>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /** Refreshes waiting for their turn, by URI: each runs in a task of its own, not in the one that stored the tags. */
  private readonly scheduled = new Map<string, NodeJS.Timeout>();
  /** Checks under way, by URI: their next step, after whatever else the extension host has to do. */
  private readonly running = new Map<string, NodeJS.Immediate>();

  constructor(
    results: ResultStore,
    private readonly models: AssistModels,
  ) {
    this.disposables.push(
      results.onDidChange((uri) => this.schedule(uri)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri.toString())),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SECTION}.diagnostics`)) this.refreshAll();
      }),
    );
  }

  /** The core diagnostics published for the document's current version, in the order they were reported. */
  publishedFor(document: vscode.TextDocument): readonly AssistDiagnostic[] | undefined {
    const entry = this.published.get(document.uri.toString());
    return entry && entry.version === document.version ? entry.items : undefined;
  }

  /** The core diagnostic published at `range` with `code` in the document's current version. */
  find(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): AssistDiagnostic | undefined {
    const items = diagnostic.source === DIAGNOSTIC_SOURCE ? this.publishedFor(document) : undefined;
    if (!items) return undefined;
    const [start, end] = [document.offsetAt(diagnostic.range.start), document.offsetAt(diagnostic.range.end)];
    return items.find((d) => d.code === diagnostic.code && d.range.start === start && d.range.end === end);
  }

  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document.uri.toString());
  }

  dispose(): void {
    this.scheduled.forEach((timer) => clearTimeout(timer));
    this.scheduled.clear();
    this.running.forEach((step) => clearImmediate(step));
    this.running.clear();
    this.disposables.forEach((d) => d.dispose());
    this.published.clear();
  }

  /**
   * Refreshes the document's diagnostics soon, in two tasks (the model, then the checks), so that neither adds
   * to the time the extension host spends storing and drawing tags.
   */
  private schedule(uri: string): void {
    if (this.scheduled.has(uri)) return;
    // Checks still running on the last result are for a result that is gone: start again.
    clearImmediate(this.running.get(uri));
    this.running.delete(uri);
    const later = (step: () => void) => this.scheduled.set(uri, setTimeout(step, 0));
    later(() => {
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
      if (document) this.models.get(document);
      later(() => {
        this.scheduled.delete(uri);
        this.refresh(uri);
      });
    });
  }

  private refresh(uri: string): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    const settings = document && readDiagnosticSettings(document);
    const model = document && this.models.get(document);
    if (!document || !settings?.enabled || !model || !this.models.coversDocument(document)) {
      this.forget(uri);
      return;
    }
    const steps = diagnosisSteps(model, (code) => !settings.disabledRules.includes(code), {
      wellKnown: settings.wellKnown,
    });
    const version = document.version;
    const found: AssistDiagnostic[] = [];
    // A few milliseconds of checks per task, so that a long paper's checks never hold up typing.
    const work = (): void => {
      this.running.delete(uri);
      const until = performance.now() + STEP_BUDGET_MS;
      for (let step = steps.next(); !step.done; step = steps.next()) {
        found.push(...step.value);
        if (performance.now() > until) {
          this.running.set(uri, setImmediate(work));
          return;
        }
      }
      if (document.isClosed || document.version !== version) return;
      const items = sortDiagnostics(found);
      this.published.set(uri, { version, items });
      const severity = SEVERITIES[settings.severity];
      this.collection.set(
        document.uri,
        items.map((item) => toDiagnostic(document, item, severity)),
      );
    };
    work();
  }

  private forget(uri: string): void {
    clearTimeout(this.scheduled.get(uri));
    this.scheduled.delete(uri);
    clearImmediate(this.running.get(uri));
    this.running.delete(uri);
    this.published.delete(uri);
    this.collection.delete(vscode.Uri.parse(uri));
  }
}

function toDiagnostic(
  document: vscode.TextDocument,
  item: AssistDiagnostic,
  severity: vscode.DiagnosticSeverity,
): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(document, item.range), item.message, severity);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = item.code;
  diagnostic.relatedInformation = item.related.map(
    (r) =>
      new vscode.DiagnosticRelatedInformation(
        new vscode.Location(document.uri, toRange(document, r.range)),
        r.message,
      ),
  );
  if (item.code === 'unused-definition') diagnostic.tags = [vscode.DiagnosticTag.Unnecessary];
  return diagnostic;
}
