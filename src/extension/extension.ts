import * as path from 'node:path';
import * as vscode from 'vscode';
import { registerAssistant } from './assistant/assistant';
import { registerCommands } from './commands';
import { cacheSettings, readSettings, SECTION, selectedModel } from './config';
import { TaggingController } from './tagging/controller';
import { Decorations } from './tagging/decorations';
import { Engine } from './tagging/engine';
import { SpanHoverProvider } from './tagging/hover';
import { createLog } from './log';
import { RemoteCommands, type RemoteOutcome } from './remote/remoteCommand';
import { ResultStore, type DocumentResult } from './tagging/results';
import { StatusItem } from './tagging/status';
import { registerWordLists, WordListStore } from './tagging/wordLists';
import { registerExportCommands } from './glossary/exportCommands';
import { registerSpellCheckerCommand } from './glossary/spellCheckers';
import { FeedbackCommands } from './remote/feedback';
import { GlossaryView, type GlossaryNode, type GlossaryScope } from './glossary/view';
import { WorkspaceGlossary } from './glossary/workspaceGlossary';
import { WorkspaceScanner, type ScanProgress } from './glossary/workspaceScan';
import { LongFormGuesses } from './guesses/longFormGuesses';
import { PdfDocuments } from './pdf/pdfDocuments';
import type { MergedGlossaryEntry } from '../core/glossary/merge';
import type { AssistDiagnostic } from '../core/assistant/diagnostics';

/** What `activate` returns; the integration tests read results through it. */
export interface PlodTaggerApi {
  result(uri: vscode.Uri): DocumentResult | undefined;
  /** Fires with each result stored (a long document's visible paragraphs first, then the whole of it). */
  readonly onDidStoreResult: vscode.Event<DocumentResult>;
  /** Resolves once no tagging is scheduled or running. */
  whenIdle(): Promise<void>;
  statusText(): string;
  /** How long `activate` took, in milliseconds. */
  readonly activationMs: number;
  /** The extension's log folder (`ExtensionContext.logUri`); the extension host's own log is above it. */
  readonly logFolder: vscode.Uri;
  /** What the last remote prediction gave: the message a user saw, or ok. */
  lastRemote(): RemoteOutcome | undefined;
  /** Store or (with '') remove the remote API token, as "PLOD: Set API Token" does. */
  setApiToken(token: string): Promise<void>;
  /** Record the user's consent to send text to an endpoint, as the first-use question does. */
  allowEndpoint(endpoint: string): Promise<void>;
  /** The glossary view's rows (the whole tree) for its current scope, as plain data. */
  glossaryTree(): GlossaryNode[];
  setGlossaryScope(scope: GlossaryScope): Promise<void>;
  /** The workspace glossary of the last "PLOD: Tag Workspace", merged over files. */
  workspaceGlossary(): MergedGlossaryEntry[];
  /** Fires after each file of a workspace scan. */
  readonly onWorkspaceScanProgress: vscode.Event<ScanProgress>;
  /** Stop the running workspace scan, as its notification's Cancel button does. */
  cancelWorkspaceScan(): void;
  /** The JSONL file that corrections are appended to. */
  feedbackFile(): string;
  /** The message of the last PDF that "PLOD: Open PDF as Text" could not read. */
  pdfProblem(): string | undefined;
  /** The assistant's diagnostics behind the Problems view's, for the document's current version. */
  assistDiagnostics(document: vscode.TextDocument): readonly AssistDiagnostic[] | undefined;
  /** The abbreviations and long forms the editor has been sent to draw so far, in source order. */
  drawnDecorations(editor: vscode.TextEditor): { AC: vscode.Range[]; LF: vscode.Range[] };
}

export function activate(context: vscode.ExtensionContext): PlodTaggerApi {
  const started = performance.now();
  // First of all listeners, so that every other one reads the settings as they are now.
  context.subscriptions.push(cacheSettings());
  const log = createLog();
  const results = new ResultStore();
  const status = new StatusItem(results);
  const engine = Engine.forExtension(context.extensionPath, (reason) => log.error(reason));
  const words = new WordListStore(context, log);
  const controller = new TaggingController(engine, results, status, log, words);
  let settings = readSettings();
  const decorations = new Decorations(settings.decorationStyle);
  const resultOf = (document: vscode.TextDocument) => results.current(document);
  const remote = new RemoteCommands(context, results, log);
  const workspaceGlossary = new WorkspaceGlossary();
  const scanner = new WorkspaceScanner(engine, workspaceGlossary, results, log, words);
  const glossaryView = new GlossaryView(results, workspaceGlossary);
  const guesses = new LongFormGuesses(path.join(context.extensionPath, 'dist'), workspaceGlossary, log);
  const pdfs = new PdfDocuments(path.join(context.extensionPath, 'dist'), log);
  const guessesFor = (document: vscode.TextDocument, short: string) => guesses.guessesFor(document, short);
  const assistant = registerAssistant(results, guessesFor, (document) => controller.expects(document));
  const feedback = new FeedbackCommands(context, results, remote, log, async (word) => {
    await words.correct(word);
    controller.retagVisible();
  });

  context.subscriptions.push(
    log,
    results,
    status,
    { dispose: () => engine.dispose() },
    controller,
    decorations,
    ...registerCommands(controller, log),
    ...remote.register(),
    workspaceGlossary,
    scanner,
    glossaryView,
    ...scanner.register(),
    ...glossaryView.register(),
    ...feedback.register(),
    ...registerExportCommands(glossaryView, () => feedback.file, log),
    registerSpellCheckerCommand(glossaryView, log),
    guesses,
    ...pdfs.register(),
    vscode.languages.registerHoverProvider('*', new SpanHoverProvider(results, guessesFor)),
    ...assistant.subscriptions,
    ...registerWordLists(results, words, () => controller.retagVisible()),
    results.onDidChange((uri) => {
      for (const editor of vscode.window.visibleTextEditors) {
        if (editor.document.uri.toString() === uri) decorations.apply(editor, resultOf(editor.document));
      }
    }),
    vscode.window.onDidChangeVisibleTextEditors((editors) =>
      editors.forEach((editor) => decorations.apply(editor, resultOf(editor.document))),
    ),
    vscode.workspace.onDidChangeTextDocument((event) => decorations.edited(event)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      const next = readSettings();
      log.info(`settings changed: ${describeChanges(settings, next)}`);
      const modelChanged =
        selectedModel(settings).key !== selectedModel(next).key ||
        settings.minScore !== next.minScore ||
        JSON.stringify(settings.words) !== JSON.stringify(next.words);
      settings = next;
      decorations.setStyle(next.decorationStyle, vscode.window.visibleTextEditors, resultOf);
      status.setModel(selectedModel(next).label);
      if (modelChanged) controller.retagVisible();
      else controller.autoTagVisible();
    }),
  );

  status.setModel(selectedModel(settings).label);
  controller.autoTagVisible();
  const activationMs = performance.now() - started;
  log.info(
    `activated in ${activationMs.toFixed(1)} ms; model ${selectedModel(settings).label} loads on first use`,
  );

  return {
    result: (uri) => results.get(uri),
    onDidStoreResult: (listener, thisArg, disposables) =>
      results.onDidChange(
        (uri) => {
          const stored = results.get(uri);
          if (stored) listener.call(thisArg, stored);
        },
        undefined,
        disposables,
      ),
    whenIdle: () => controller.whenIdle(),
    statusText: () => status.text,
    activationMs,
    logFolder: context.logUri,
    lastRemote: () => remote.lastOutcome,
    setApiToken: (token) => remote.setToken(token),
    allowEndpoint: (endpoint) => remote.allowEndpoint(endpoint),
    glossaryTree: () => glossaryView.nodes(),
    setGlossaryScope: (scope) => glossaryView.setScope(scope),
    workspaceGlossary: () => workspaceGlossary.merged(),
    onWorkspaceScanProgress: scanner.onProgress,
    cancelWorkspaceScan: () => scanner.cancel(),
    feedbackFile: () => feedback.file,
    pdfProblem: () => pdfs.lastProblem,
    assistDiagnostics: (document) => assistant.diagnostics.publishedFor(document),
    drawnDecorations: (editor) => decorations.drawn(editor),
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}

function describeChanges(before: object, after: object): string {
  const changes = Object.entries(after)
    .filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify((before as Record<string, unknown>)[key]),
    )
    .map(
      ([key, value]) =>
        `${key} ${JSON.stringify((before as Record<string, unknown>)[key])} → ${JSON.stringify(value)}`,
    );
  return changes.length ? changes.join(', ') : 'no effective change';
}
