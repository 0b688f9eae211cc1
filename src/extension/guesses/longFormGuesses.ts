import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Candidate, Guess } from '../../core/expansion/guess';
import { readUserGlossary } from '../../core/expansion/userGlossary';
import type { GuessRequest } from '../../worker/guesses';
import { ThreadClient } from '../../worker/threads';
import { readGuessSettings, SECTION } from '../config';
import type { WorkspaceGlossary } from '../glossary/workspaceGlossary';
import type { Log } from '../log';

/**
 * Likely long forms for the abbreviations a document never defines: from the user's glossary file, the
 * other files of the workspace glossary and the shipped dictionaries. The dictionaries are read, and the
 * guesses ranked, in a worker thread (`dist/guess-worker.js`); the user's file is read here, on first use and
 * again when the settings, the file or the workspace glossary change.
 */
export class LongFormGuesses implements vscode.Disposable {
  private extra: { key: string; candidates: Candidate[] } | undefined;
  private workspaceVersion = 0;
  private readonly reported = new Set<string>();
  private readonly listeners: vscode.Disposable[];
  private readonly thread: ThreadClient<GuessRequest, Guess[]>;

  constructor(
    distFolder: string,
    private readonly workspace: WorkspaceGlossary,
    private readonly log: Log,
  ) {
    this.thread = new ThreadClient(path.join(distFolder, 'guess-worker.js'), 'the long-form guesser', false);
    this.listeners = [
      workspace.onDidChange(() => this.workspaceVersion++),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.guesses`)) this.extra = undefined;
      }),
    ];
  }

  /** The likeliest long forms of `short` for this document, best first; none when guesses are off or fail. */
  async guessesFor(document: vscode.TextDocument, short: string, limit = 3): Promise<Guess[]> {
    const settings = readGuessSettings();
    if (!settings.enabled) return [];
    const extra = this.extraFor(document, settings.glossaryFile);
    const started = performance.now();
    try {
      const guesses = await this.thread.request({
        dictionaries: settings.dictionaries,
        extra: extra.candidates,
        extraKey: extra.key,
        document: {
          key: `${document.uri.toString()}@${document.version}`,
          text: document.getText(),
          workspaceFile: this.workspace.fileOf(document.uri.toString()),
        },
        short,
        limit,
      });
      this.log.debug(
        `guesses for ${short}: ${guesses.length} in ${(performance.now() - started).toFixed(0)} ms`,
      );
      return guesses;
    } catch (error) {
      this.report(`the long forms of ${short} could not be guessed: ${(error as Error).message}`);
      return [];
    }
  }

  /** The user's and the workspace's long forms, read again when the file, the settings or the scan change. */
  private extraFor(
    document: vscode.TextDocument,
    glossaryFile: string,
  ): { key: string; candidates: Candidate[] } {
    const file = glossaryFile ? resolvePath(glossaryFile, document) : '';
    const key = JSON.stringify([file, file ? statStamp(file) : '', this.workspaceVersion]);
    if (this.extra?.key !== key) {
      this.extra = { key, candidates: [...this.userCandidates(file), ...this.workspaceCandidates()] };
      this.log.info(
        `guesses: ${this.extra.candidates.length} long forms from ${file || 'no glossary file'} and the workspace glossary`,
      );
    }
    return this.extra;
  }

  private userCandidates(file: string): Candidate[] {
    if (!file) return [];
    try {
      const name = path.basename(file);
      return readUserGlossary(fs.readFileSync(file, 'utf8'), file).map((e) => ({
        ...e,
        count: 1,
        context: '',
        source: { kind: 'user' as const, name },
      }));
    } catch (error) {
      const reason =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `${file} does not exist`
          : (error as Error).message;
      this.report(`plodTagger.guesses.glossaryFile: ${reason}`);
      return [];
    }
  }

  private workspaceCandidates(): Candidate[] {
    return this.workspace.scannedFiles().flatMap((f) =>
      f.glossary.flatMap((e) =>
        e.long && e.definition
          ? [
              {
                short: e.short,
                long: e.long,
                count: 1,
                context: f.vocabulary,
                source: { kind: 'workspace' as const, name: f.file },
              },
            ]
          : [],
      ),
    );
  }

  /** Log a problem with a source, and tell the user once per problem; the other sources still give guesses. */
  private report(message: string): void {
    this.log.warn(message);
    if (this.reported.has(message)) return;
    this.reported.add(message);
    void vscode.window.showWarningMessage(`PLOD Tagger: ${message}`);
  }

  dispose(): void {
    this.thread.dispose();
    this.listeners.forEach((l) => l.dispose());
  }
}

function resolvePath(file: string, document: vscode.TextDocument): string {
  if (file.startsWith('~/') || file === '~') return path.join(os.homedir(), file.slice(1));
  if (path.isAbsolute(file)) return file;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri) ?? vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, file) : path.resolve(file);
}

function statStamp(file: string): string {
  try {
    const stat = fs.statSync(file);
    return `${stat.mtimeMs}:${stat.size}`;
  } catch {
    return 'missing';
  }
}
