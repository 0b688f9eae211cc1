import * as vscode from 'vscode';
import { langOf, readDiagnosticSettings, readSettings, selectedModel, type Settings } from '../config';
import { Engine, EngineError } from './engine';
import type { Log } from '../log';
import { coversWholeText, type DocumentResult, type ResultStore } from './results';
import { shiftFound } from '../../core/ranges';
import { modelRefKey } from '../../core/models';
import { analysisForFile } from '../../core/markup/latexProject';
import { projectFor } from './project';
import type { StatusItem } from './status';
import { wordsFor, type WordListStore } from './wordLists';

/** Decides when and what to tag, runs it in the inference process, and stores fresh results. */
export class TaggingController implements vscode.Disposable {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly warnedTooLong = new Set<string>();
  /** Documents whose automatic tagging has started and not ended, with the model, so it is not started twice. */
  private readonly autoTagging = new Map<string, string>();
  /** How many runs of each document (by URI) have started and not ended. */
  private readonly running = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly engine: Engine,
    private readonly results: ResultStore,
    private readonly status: StatusItem,
    private readonly log: Log,
    private readonly words: WordListStore,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeTextDocument((e) => this.onEdit(e)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.window.onDidChangeVisibleTextEditors((editors) =>
        editors.forEach((e) => this.autoTag(e.document)),
      ),
    );
  }

  /** Tag every visible editor whose language is configured for auto-tagging. */
  autoTagVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) this.autoTag(editor.document);
  }

  autoTag(document: vscode.TextDocument): void {
    const settings = readSettings(document);
    if (!settings.autoTag || !this.wants(document, settings)) return;
    const existing = this.results.current(document);
    const done = existing && !existing.firstPaint;
    if (done && (existing.origin === 'remote' || existing.modelKey === selectedModel(settings).key)) return;
    const key = document.uri.toString();
    const model = selectedModel(settings).key;
    if (this.autoTagging.get(key) === model) return;
    this.autoTagging.set(key, model);
    void this.track(this.tagVisibleFirst(document)).finally(() => {
      if (this.autoTagging.get(key) === model) this.autoTagging.delete(key);
    });
  }

  /**
   * A long document's visible paragraphs first, so that what the user looks at is decorated at once, then the
   * whole document (whose paragraphs already tagged come from the inference process's cache).
   */
  private async tagVisibleFirst(document: vscode.TextDocument): Promise<void> {
    const tooLong = document.getText().length > readSettings(document).maxDocumentLength;
    const visible = this.results.current(document) || tooLong ? undefined : visibleParagraphs(document);
    if (visible) await this.run(document, visible, true, true);
    if (!document.isClosed) await this.run(document, { start: 0, end: document.getText().length }, true);
  }

  async tagDocument(
    document: vscode.TextDocument,
    options: { quietAboutLength?: boolean } = {},
  ): Promise<void> {
    const full = { start: 0, end: document.getText().length };
    await this.track(this.run(document, full, options.quietAboutLength ?? false));
  }

  async tagRange(document: vscode.TextDocument, range: vscode.Range): Promise<void> {
    const span = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    await this.track(this.run(document, span, false));
  }

  clear(uri: vscode.Uri): void {
    this.cancelTimer(uri.toString());
    this.results.delete(uri);
  }

  /** Whether tags of the document are on their way: a re-tag waits for its debounce, or a run has not ended. */
  expects(document: vscode.TextDocument): boolean {
    const key = document.uri.toString();
    return this.timers.has(key) || this.autoTagging.has(key) || (this.running.get(key) ?? 0) > 0;
  }

  /** Resolves once no tagging is scheduled or running. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0) {
      if (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
      else await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** The model changed: re-run what is visible and was tagged locally, keeping the old tags until the new ones arrive. */
  retagVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const result = this.results.get(editor.document.uri);
      if (result?.origin === 'remote') continue;
      if (result && !result.firstPaint && !coversWholeText(result, editor.document.getText().length)) {
        const range = new vscode.Range(
          editor.document.positionAt(result.range.start),
          editor.document.positionAt(result.range.end),
        );
        void this.tagRange(editor.document, range);
      } else if (result) void this.tagDocument(editor.document, { quietAboutLength: true });
      else this.autoTag(editor.document);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.disposables.forEach((d) => d.dispose());
  }

  private wants(document: vscode.TextDocument, settings: Settings): boolean {
    return settings.languages.includes(document.languageId) && document.uri.scheme !== 'output';
  }

  private onEdit(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const document = event.document;
    const settings = readSettings(document);
    if (!settings.autoTag || !this.wants(document, settings)) return;
    const key = document.uri.toString();
    this.cancelTimer(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed && vscode.window.visibleTextEditors.some((e) => e.document === document)) {
          void this.tagDocument(document, { quietAboutLength: true });
        }
      }, settings.debounceMs),
    );
  }

  /**
   * Tags `range` of the document and stores the result. Never rejects: a failure is logged, shown and put in
   * the status bar, so the callers that start it without waiting (auto-tagging, re-tagging) lose nothing.
   */
  private async run(
    document: vscode.TextDocument,
    range: { start: number; end: number },
    quietAboutLength: boolean,
    firstPaint = false,
  ): Promise<void> {
    const settings = readSettings(document);
    const version = document.version;
    // VS Code joins the document's lines on every getText(): read it once.
    const all = document.getText();
    const text = all.slice(range.start, range.end);
    const name = vscode.workspace.asRelativePath(document.uri);
    if (text.length > settings.maxDocumentLength) {
      const message = `PLOD Tagger: ${name} has ${text.length.toLocaleString('en')} characters, more than plodTagger.maxDocumentLength (${settings.maxDocumentLength.toLocaleString('en')}). Select a part and run "PLOD: Tag Selection", or raise the setting.`;
      this.log.warn(message);
      if (!quietAboutLength || !this.warnedTooLong.has(document.uri.toString())) {
        this.warnedTooLong.add(document.uri.toString());
        void vscode.window.showWarningMessage(message);
      }
      return;
    }
    const model = selectedModel(settings);
    const label = model.label;
    this.status.busy(label);
    const started = performance.now();
    const key = document.uri.toString();
    this.running.set(key, (this.running.get(key) ?? 0) + 1);
    try {
      const lang = langOf(document.languageId);
      const whole = coversWholeText({ range }, all.length);
      const project = whole ? projectFor(document) : undefined;
      const checks = readDiagnosticSettings();
      // A project's findings are in the project's offsets; the file's are worked out in the editor.
      const assist = whole && !project && !firstPaint && checks.enabled ? checks : undefined;
      const answer = await this.engine.analyse(model.ref, project?.text ?? text, lang, settings.minScore, {
        words: wordsFor(settings.words, this.words),
        // The whole document goes as a change to what was sent last time; a part of it, whole.
        document: whole ? document.uri.toString() : undefined,
        // The visible paragraphs come first; the rules tag them if the model is still loading.
        provisional: firstPaint,
        assist: assist && { disabledRules: assist.disabledRules, wellKnown: assist.wellKnown },
      });
      const { loadMs, startupMs, taggedWith } = answer;
      const analysis = project
        ? analysisForFile(project, document.uri.fsPath, answer.analysis)
        : answer.analysis;
      if (project)
        this.log.info(
          `${name} is part of the LaTeX project ${vscode.workspace.asRelativePath(project.root)} (${project.files.length} files)`,
        );
      if (startupMs !== undefined) this.log.info(`inference process started in ${Math.round(startupMs)} ms`);
      if (loadMs !== undefined) this.log.info(`loaded model ${label} in ${Math.round(loadMs)} ms`);
      const ms = Math.round(performance.now() - started);
      const result: DocumentResult = {
        uri: document.uri.toString(),
        version,
        model: taggedWith ?? label,
        modelKey: taggedWith ? modelRefKey({ kind: 'shipped', name: taggedWith }) : model.key,
        origin: 'local',
        range,
        ...(firstPaint ? { firstPaint } : {}),
        ...shiftFound(analysis, range.start),
        ...(project ? { project: vscode.workspace.asRelativePath(project.root) } : {}),
        words: analysis.words,
        ms,
        ...(answer.workMs !== undefined ? { workMs: Math.round(answer.workMs) } : {}),
        ...(answer.assist ? { assist: answer.assist } : {}),
      };
      const stored = this.results.set(document, result);
      this.log.info(
        `tagged ${name}: ${analysis.words} words, ${result.spans.length} spans, ${ms} ms${result.workMs !== undefined ? ` (${result.workMs} ms in the inference process)` : ''}, model ${result.model}${taggedWith ? ` while ${label} loads` : ''}` +
          ` (${analysis.taggedParagraphs}/${analysis.paragraphs} paragraphs run)${stored ? '' : '; discarded, the document changed meanwhile'}`,
      );
      // Tags from the rules while the model loads: the model's own are still to come.
      if (!taggedWith) this.status.ready(label);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`tagging ${name} with ${label} failed: ${message}`);
      this.status.failed(label, message);
      const modelProblem = error instanceof EngineError && error.modelError;
      void vscode.window
        .showErrorMessage(
          `PLOD Tagger: ${modelProblem ? 'the model could not be loaded' : 'tagging failed'}: ${message}`,
          'Select Model',
          'Show Log',
        )
        .then((choice) => {
          if (choice === 'Select Model') void vscode.commands.executeCommand('plodTagger.selectModel');
          if (choice === 'Show Log') this.log.show();
        });
    } finally {
      const left = (this.running.get(key) ?? 1) - 1;
      if (left > 0) this.running.set(key, left);
      else this.running.delete(key);
    }
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    this.inFlight.add(work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(work);
    }
  }

  private forget(uri: vscode.Uri): void {
    this.clear(uri);
    this.engine.forget(uri.toString());
    this.warnedTooLong.delete(uri.toString());
  }

  private cancelTimer(key: string): void {
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
  }
}

/** Documents shorter than this are tagged whole at once: their first paint would save nothing. */
const FIRST_PAINT_MIN_CHARS = 20_000;
/** Lines above and below the visible ones that the first paint also tags, for a little scrolling. */
const FIRST_PAINT_MARGIN_LINES = 20;

/**
 * The paragraphs around what the document's editor shows, widened to blank lines; undefined for a short
 * document, one that is not visible, or when they would be most of it.
 */
function visibleParagraphs(document: vscode.TextDocument): { start: number; end: number } | undefined {
  const length = document.getText().length;
  const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
  const shown = editor?.visibleRanges[0];
  if (!shown || length < FIRST_PAINT_MIN_CHARS) return undefined;
  let first = Math.max(0, shown.start.line - FIRST_PAINT_MARGIN_LINES);
  let last = Math.min(document.lineCount - 1, shown.end.line + FIRST_PAINT_MARGIN_LINES);
  while (first > 0 && !document.lineAt(first - 1).isEmptyOrWhitespace) first--;
  while (last < document.lineCount - 1 && !document.lineAt(last + 1).isEmptyOrWhitespace) last++;
  const start = document.offsetAt(new vscode.Position(first, 0));
  const end = document.offsetAt(document.lineAt(last).range.end);
  return end - start < length / 2 ? { start, end } : undefined;
}
