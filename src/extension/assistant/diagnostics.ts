import * as vscode from 'vscode';
import { diagnosisSteps, sortDiagnostics, type AssistDiagnostic } from '../../core/assistant/diagnostics';
import { changedBands, intoBands } from '../../core/bands';
import { markEdited } from '../tagging/editedBands';
import {
  readDiagnosticSettings,
  SECTION,
  type DiagnosticSettings,
  type DiagnosticSeverityName,
} from '../config';
import type { AssistModel } from '../../core/assistant/model';
import type { AssistModels } from './models';
import { toRange } from './navigation';
import type { ResultStore } from '../tagging/results';

export const DIAGNOSTIC_SOURCE = 'plod-tagger';

/** How long the checks run in one task of the extension host before they let it draw and type. */
const STEP_BUDGET_MS = 4;
/** Diagnostics converted for VS Code between two looks at the clock. */
const CONVERT_AT_ONCE = 50;

const SEVERITIES: Record<DiagnosticSeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Publishes the assistant's diagnostics of each tagged document, and keeps what they were made from. */
export class AbbreviationDiagnostics implements vscode.Disposable {
  /**
   * One collection per band of lines (core/bands.ts): a re-tag sends VS Code only the bands whose problems
   * changed, and a long paper's hundreds of problems go out a band at a time.
   */
  private readonly collections: vscode.DiagnosticCollection[] = [];
  /** What each band of each document was last set to, by URI. */
  private readonly sentBands = new Map<string, (string | undefined)[]>();
  /** The core diagnostics behind each published one, by document URI, for the quick fixes. */
  private readonly published = new Map<string, { version: number; items: AssistDiagnostic[] }>();
  private readonly disposables: vscode.Disposable[] = [];
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
      vscode.workspace.onDidChangeTextDocument((event) => this.edited(event)),
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
    this.collections.forEach((c) => c.dispose());
    this.published.clear();
  }

  /**
   * Refreshes the document's diagnostics soon, in tasks of their own, so that none adds to the time the extension
   * host spends storing and drawing tags. When the inference process sent its findings with the tags, they are
   * only published; otherwise the model is built in one task and the checks run in the next ones.
   */
  private schedule(uri: string): void {
    if (this.scheduled.has(uri)) return;
    // Checks still running on the last result are for a result that is gone: start again.
    clearImmediate(this.running.get(uri));
    this.running.delete(uri);
    const later = (step: () => void) => this.scheduled.set(uri, setTimeout(step, 0));
    later(() => {
      const document = this.documentOf(uri);
      if (document) this.madeFrom(document, readDiagnosticSettings());
      later(() => {
        this.scheduled.delete(uri);
        this.refresh(uri);
      });
    });
  }

  /** The problems of an edited band are sent again with the next result: VS Code moved them with the edit. */
  private edited(event: vscode.TextDocumentChangeEvent): void {
    const sent = this.sentBands.get(event.document.uri.toString());
    if (sent) markEdited(sent, event);
  }

  private documentOf(uri: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  }

  /**
   * What the document's diagnostics are made from: the findings sent with its tags, or else the assistant's model
   * (built here, once per result). Nothing when they are off, or for a long paper's first paint, which covers only
   * part of it.
   */
  private madeFrom(
    document: vscode.TextDocument,
    settings: DiagnosticSettings,
  ): { sent: AssistDiagnostic[] } | { model: AssistModel } | undefined {
    if (!settings.enabled || !this.models.coversDocument(document)) return undefined;
    const sent = this.models.diagnosticsFoundWith(document, settings);
    if (sent) return { sent };
    const model = this.models.get(document);
    return model && { model };
  }

  private refresh(uri: string): void {
    const document = this.documentOf(uri);
    const settings = readDiagnosticSettings();
    const source = document && this.madeFrom(document, settings);
    if (!document || !source) {
      this.forget(uri);
      return;
    }
    const version = document.version;
    const found =
      'sent' in source
        ? source.sent
        : diagnosisSteps(source.model, (code) => !settings.disabledRules.includes(code), {
            wellKnown: settings.wellKnown,
          });
    const stepper = this.steps(document, found, SEVERITIES[settings.severity]);
    // A few milliseconds per task, so that a long paper's diagnostics never hold up typing.
    const work = (): void => {
      this.running.delete(uri);
      const until = performance.now() + STEP_BUDGET_MS;
      // An edit since these findings stops them before their next step: the next result publishes its own.
      while (!document.isClosed && document.version === version && !stepper.next().done) {
        if (performance.now() > until) {
          this.running.set(uri, setImmediate(work));
          return;
        }
      }
    };
    work();
  }

  /**
   * The checks (when they run here: `found` is their steps), the conversion to VS Code's diagnostics, and the
   * setting of each band whose problems changed, a step at a time.
   */
  private *steps(
    document: vscode.TextDocument,
    found: Iterable<AssistDiagnostic[]> | AssistDiagnostic[],
    severity: vscode.DiagnosticSeverity,
  ): Generator<void> {
    const uri = document.uri.toString();
    let items: AssistDiagnostic[] = [];
    if (isSent(found)) items = found;
    else {
      for (const step of found) {
        items.push(...step);
        yield;
      }
      items = sortDiagnostics(items);
    }
    // Each band's signature from the offsets, so that only the bands that changed are made into VS Code's objects.
    const places: Place[] = [];
    for (let i = 0; i < items.length; i += CONVERT_AT_ONCE) {
      for (const item of items.slice(i, i + CONVERT_AT_ONCE)) places.push(placeOf(document, item));
      yield;
    }
    const bands = intoBands(places, (p) => p.line, document.lineCount);
    // The severity setting is part of what each band shows.
    const signatures = bands.map((band) => [severity, ...band.map((p) => p.signature)].join('\n'));
    const sent = this.sentBands.get(uri) ?? [];
    this.sentBands.set(uri, sent);
    for (const band of changedBands(signatures, sent)) {
      yield;
      const diagnostics = (bands[band] ?? []).map((p) => toDiagnostic(document, p.item, severity));
      this.collectionOf(band).set(document.uri, diagnostics);
      sent[band] = signatures[band];
    }
    this.published.set(uri, { version: document.version, items });
  }

  private collectionOf(band: number): vscode.DiagnosticCollection {
    return (this.collections[band] ??= vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE));
  }

  private forget(uri: string): void {
    clearTimeout(this.scheduled.get(uri));
    this.scheduled.delete(uri);
    clearImmediate(this.running.get(uri));
    this.running.delete(uri);
    this.published.delete(uri);
    this.sentBands.delete(uri);
    const target = vscode.Uri.parse(uri);
    this.collections.forEach((c) => c.delete(target));
  }
}

/** A diagnostic with its first line, and everything the Problems view and the editor show of it, as a string. */
interface Place {
  item: AssistDiagnostic;
  line: number;
  signature: string;
}

function placeOf(document: vscode.TextDocument, item: AssistDiagnostic): Place {
  const at = (range: { start: number; end: number }) => {
    const [start, end] = [document.positionAt(range.start), document.positionAt(range.end)];
    return `${start.line}:${start.character}-${end.line}:${end.character}`;
  };
  const related = item.related.map((r) => `${at(r.range)} ${r.message}`);
  const line = document.positionAt(item.range.start).line;
  return { item, line, signature: [item.code, at(item.range), item.message, ...related].join('\t') };
}

/** Diagnostics found already (sent with the tags), not the checks' steps still to run. */
function isSent(found: Iterable<AssistDiagnostic[]> | AssistDiagnostic[]): found is AssistDiagnostic[] {
  return Array.isArray(found);
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
