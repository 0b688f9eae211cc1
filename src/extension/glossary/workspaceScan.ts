import * as vscode from 'vscode';
import { excludeGlob } from './excludes';
import { entryLocations } from '../../core/glossary/locations';
import { langFromPath } from '../../core/markup';
import { decodeTextFile, formatSize } from '../../core/textFile';
import { vocabularyContext } from '../../core/expansion/vocabulary';
import { readSettings, selectedModel } from '../config';
import { EngineError, type Engine } from '../tagging/engine';
import type { Log } from '../log';
import type { ResultStore } from '../tagging/results';
import { wordsFor, type WordListStore } from '../tagging/wordLists';
import type { ScannedFile, WorkspaceGlossary } from './workspaceGlossary';

export interface ScanReport {
  /** Files found (after the excludes). */
  total: number;
  tagged: string[];
  skipped: { file: string; reason: string }[];
  failed: { file: string; error: string }[];
  cancelled: boolean;
}

export interface ScanProgress {
  done: number;
  total: number;
  file: string;
}

export interface ScanOptions {
  /** A glob instead of `plodTagger.workspaceScan.include` (the tests scan one folder). */
  include?: string;
}

/** The glob of files a scan excludes: `files.exclude` and `search.exclude`, as the search view does. */
export function scanExcludeGlob(): string | undefined {
  return excludeGlob(
    vscode.workspace.getConfiguration('files').get<Record<string, unknown>>('exclude'),
    vscode.workspace.getConfiguration('search').get<Record<string, unknown>>('exclude'),
  );
}

/** "PLOD: Tag Workspace": tags every paper of the workspace, one at a time, into the workspace glossary. */
export class WorkspaceScanner implements vscode.Disposable {
  private running: vscode.CancellationTokenSource | undefined;
  private readonly progressed = new vscode.EventEmitter<ScanProgress>();
  readonly onProgress = this.progressed.event;
  private readonly disposables: vscode.Disposable[] = [this.progressed];

  constructor(
    private readonly engine: Engine,
    private readonly store: WorkspaceGlossary,
    private readonly results: ResultStore,
    private readonly log: Log,
    private readonly words: WordListStore,
  ) {
    this.disposables.push(results.onDidChange((uri) => this.refreshFromResult(uri)));
  }

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('plodTagger.tagWorkspace', (options?: ScanOptions) =>
        this.scan(options),
      ),
    ];
  }

  /** Stop the running scan after the file being tagged. */
  cancel(): void {
    this.running?.cancel();
  }

  async scan(options: ScanOptions = {}): Promise<ScanReport | undefined> {
    if (this.running) {
      void vscode.window.showInformationMessage('PLOD Tagger: the workspace is already being tagged.');
      return undefined;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('PLOD Tagger: open a folder to tag its papers.');
      return undefined;
    }
    const source = new vscode.CancellationTokenSource();
    this.running = source;
    try {
      return await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: 'PLOD Tagger: tagging the workspace',
          cancellable: true,
        },
        (progress, token) => {
          const subscription = token.onCancellationRequested(() => source.cancel());
          return this.run(options, progress, source.token).finally(() => subscription.dispose());
        },
      );
    } finally {
      source.dispose();
      this.running = undefined;
    }
  }

  private async run(
    options: ScanOptions,
    progress: vscode.Progress<{ message?: string; increment?: number }>,
    token: vscode.CancellationToken,
  ): Promise<ScanReport> {
    const settings = readSettings();
    const include = options.include ?? settings.scanInclude;
    const exclude = scanExcludeGlob();
    const uris = await vscode.workspace.findFiles(include, exclude);
    uris.sort((a, b) => compare(vscode.workspace.asRelativePath(a), vscode.workspace.asRelativePath(b)));
    const report: ScanReport = { total: uris.length, tagged: [], skipped: [], failed: [], cancelled: false };
    const model = selectedModel(settings);
    const label = model.label;
    this.log.info(`workspace scan: ${uris.length} files match ${include} (model ${label})`);
    const scanned: ScannedFile[] = [];
    const started = performance.now();
    for (const [index, uri] of uris.entries()) {
      if (token.isCancellationRequested) {
        report.cancelled = true;
        break;
      }
      const file = vscode.workspace.asRelativePath(uri);
      progress.report({
        message: `${index}/${uris.length} papers`,
        increment: index === 0 ? 0 : 100 / uris.length,
      });
      try {
        const paper = await this.read(uri, file, settings.maxDocumentLength);
        if ('problem' in paper) {
          report.skipped.push({ file, reason: paper.problem });
          this.log.info(`workspace scan: skipped ${paper.problem}`);
        } else {
          const { analysis } = await this.engine.analyse(
            model.ref,
            paper.text,
            langFromPath(uri.path),
            settings.minScore,
            { words: wordsFor(settings.words, this.words) },
          );
          scanned.push({
            uri: uri.toString(),
            file,
            model: label,
            glossary: analysis.glossary,
            locations: entryLocations(paper.text, analysis.glossary, analysis.spans),
            vocabulary: vocabularyContext(paper.text),
          });
          report.tagged.push(file);
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        report.failed.push({ file, error: message });
        this.log.error(`workspace scan: ${file} failed: ${message}`);
        if (error instanceof EngineError && error.modelError) {
          // Every other file would fail the same way.
          this.log.error(`workspace scan: stopped, the model ${label} could not be loaded`);
          void vscode.window.showErrorMessage(`PLOD Tagger: the model could not be loaded: ${message}`);
          break;
        }
      }
      this.progressed.fire({ done: index + 1, total: uris.length, file });
    }
    progress.report({
      message: `${report.tagged.length + report.skipped.length + report.failed.length}/${uris.length} papers`,
      increment: uris.length ? 100 / uris.length : 0,
    });
    this.store.reset(scanned, { keepOthers: report.cancelled });
    const summary = `tagged ${report.tagged.length} of ${report.total} files, skipped ${report.skipped.length}, failed ${report.failed.length}${report.cancelled ? ' (cancelled)' : ''}`;
    this.log.info(`workspace scan: ${summary} in ${Math.round(performance.now() - started)} ms`);
    void vscode.window.showInformationMessage(`PLOD Tagger: ${summary}.`, 'Show Log').then((choice) => {
      if (choice) this.log.show();
    });
    return report;
  }

  /** An open, edited document's text; otherwise the file's, unless it is too large or not text. */
  private async read(
    uri: vscode.Uri,
    file: string,
    maxChars: number,
  ): Promise<{ text: string } | { problem: string }> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    if (open?.isDirty) text = open.getText();
    else {
      const { size } = await vscode.workspace.fs.stat(uri);
      // A UTF-16 code unit takes at most 3 bytes of UTF-8: a file this large holds more than maxChars.
      if (size > 3 * maxChars) {
        return { problem: `${file} is ${formatSize(size)}, longer than plodTagger.maxDocumentLength allows` };
      }
      const decoded = decodeTextFile(await vscode.workspace.fs.readFile(uri), file);
      if ('problem' in decoded) return decoded;
      text = decoded.text;
    }
    if (text.length > maxChars) {
      return {
        problem: `${file} has ${text.length.toLocaleString('en')} characters, more than plodTagger.maxDocumentLength (${maxChars.toLocaleString('en')})`,
      };
    }
    return { text };
  }

  /** A scanned file that was re-tagged whole in an editor: its glossary follows the editor's result. */
  private refreshFromResult(uri: string): void {
    if (!this.store.covers(uri)) return;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    const result = document && this.results.currentWhole(document);
    if (!result || result.origin !== 'local') return;
    const text = document.getText();
    this.store.update({
      uri,
      file: vscode.workspace.asRelativePath(document.uri),
      model: result.model,
      glossary: result.glossary,
      locations: entryLocations(text, result.glossary, result.spans),
      vocabulary: vocabularyContext(text),
    });
  }

  dispose(): void {
    this.running?.cancel();
    this.disposables.forEach((d) => d.dispose());
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
