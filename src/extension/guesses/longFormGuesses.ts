import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { dictionaryCandidates, readDictionaries } from '../../core/expansion/load';
import { type Candidate, type Guess, LongFormGuesser } from '../../core/expansion/guess';
import { readUserGlossary } from '../../core/expansion/userGlossary';
import { vocabularyOf, type Vocabulary } from '../../core/expansion/vocabulary';
import { readGuessSettings, SECTION } from '../config';
import type { WorkspaceGlossary } from '../glossary/workspaceGlossary';
import type { Log } from '../log';

const NO_CONTEXT: ReadonlyMap<string, number> = new Map();

/**
 * Likely long forms for the abbreviations a document never defines: from the user's glossary file, the
 * other files of the workspace glossary and the shipped dictionaries. The sources are read on first use and
 * again when the settings, the glossary file or the workspace glossary change.
 */
export class LongFormGuesses implements vscode.Disposable {
  private guesser: { key: string; value: LongFormGuesser } | undefined;
  private workspaceVersion = 0;
  private readonly vocabularies = new WeakMap<vscode.TextDocument, { version: number; words: Vocabulary }>();
  private readonly reported = new Set<string>();
  private readonly listeners: vscode.Disposable[];

  constructor(
    private readonly dictionaryFolder: string,
    private readonly workspace: WorkspaceGlossary,
    private readonly log: Log,
  ) {
    this.listeners = [
      workspace.onDidChange(() => this.workspaceVersion++),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.guesses`)) this.guesser = undefined;
      }),
    ];
  }

  /** The likeliest long forms of `short` for this document, best first; none when guesses are off. */
  guessesFor(document: vscode.TextDocument, short: string, limit = 3): Guess[] {
    const settings = readGuessSettings(document.uri);
    if (!settings.enabled) return [];
    const guesser = this.guesserFor(document, settings.glossaryFile, settings.dictionaries);
    if (!guesser.knows(short)) return [];
    const self = this.workspace.fileOf(document.uri.toString());
    return guesser.guess(
      short,
      this.vocabularyOf(document),
      limit,
      (c) => c.source.kind !== 'workspace' || c.source.name !== self,
    );
  }

  private vocabularyOf(document: vscode.TextDocument): Vocabulary {
    const known = this.vocabularies.get(document);
    if (known?.version === document.version) return known.words;
    const words = vocabularyOf(document.getText());
    this.vocabularies.set(document, { version: document.version, words });
    return words;
  }

  private guesserFor(document: vscode.TextDocument, glossaryFile: string, names: string[]): LongFormGuesser {
    const file = glossaryFile ? resolvePath(glossaryFile, document) : '';
    const stamp = file ? statStamp(file) : '';
    const key = JSON.stringify([names, file, stamp, this.workspaceVersion]);
    if (this.guesser?.key !== key) {
      const started = performance.now();
      const candidates = [
        ...this.userCandidates(file),
        ...this.workspaceCandidates(),
        ...this.dictionaries(names),
      ];
      this.guesser = { key, value: new LongFormGuesser(candidates) };
      this.log.info(
        `guesses: ${candidates.length} long forms from ${names.join(', ') || 'no dictionary'}` +
          `${file ? `, ${file}` : ''} and the workspace glossary, read in ${(performance.now() - started).toFixed(0)} ms`,
      );
    }
    return this.guesser.value;
  }

  private dictionaryCache: { key: string; candidates: Candidate[] } | undefined;

  private dictionaries(names: string[]): Candidate[] {
    const key = names.join('\0');
    if (this.dictionaryCache?.key !== key) {
      let candidates: Candidate[] = [];
      try {
        candidates = dictionaryCandidates(readDictionaries(this.dictionaryFolder, names));
      } catch (error) {
        this.report(`the shipped long-form dictionaries could not be read: ${(error as Error).message}`);
      }
      this.dictionaryCache = { key, candidates };
    }
    return this.dictionaryCache.candidates;
  }

  private userCandidates(file: string): Candidate[] {
    if (!file) return [];
    try {
      const name = path.basename(file);
      return readUserGlossary(fs.readFileSync(file, 'utf8'), file).map((e) => ({
        ...e,
        count: 1,
        context: NO_CONTEXT,
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
                context: NO_CONTEXT,
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
