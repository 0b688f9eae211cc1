import * as vscode from 'vscode';
import type { FileGlossary } from '../../core/types';
import { mergeGlossaries, type MergedGlossaryEntry } from '../../core/glossary/merge';
import type { EntryLocation } from '../../core/glossary/locations';
import type { GlossaryEntry } from '../../core/types';

/** One tagged file of the workspace glossary. `glossary` is exactly what `plod-tagger glossary` computes. */
export interface ScannedFile {
  uri: string;
  /** The path relative to its workspace folder, as the exports and the CLI name it. */
  file: string;
  model: string;
  glossary: GlossaryEntry[];
  locations: Record<string, EntryLocation>;
  /** The file's commonest words (`word:count` items): the field of the long forms it defines. */
  vocabulary: string;
}

/** The per-file glossaries of the last workspace scan, kept fresh as files are re-tagged. */
export class WorkspaceGlossary implements vscode.Disposable {
  private readonly files = new Map<string, ScannedFile>();
  /** `scan` after a whole scan, `update` when one scanned file was re-tagged. */
  private readonly changed = new vscode.EventEmitter<'scan' | 'update'>();
  readonly onDidChange = this.changed.event;

  /** Replace everything with the files of a new scan; a cancelled scan keeps the files it did not reach. */
  reset(files: readonly ScannedFile[], { keepOthers = false } = {}): void {
    if (!keepOthers) this.files.clear();
    for (const file of files) this.files.set(file.uri, file);
    this.changed.fire('scan');
  }

  /** Whether the last scan covered the file, so its re-tagging should update the glossary. */
  covers(uri: string): boolean {
    return this.files.has(uri);
  }

  /** Update one file that the scan covered (after it was re-tagged); other files are ignored. */
  update(file: ScannedFile): void {
    if (!this.covers(file.uri)) return;
    this.files.set(file.uri, file);
    this.changed.fire('update');
  }

  /** The path that the scan names a file by, if it covered it. */
  fileOf(uri: string): string | undefined {
    return this.files.get(uri)?.file;
  }

  get isEmpty(): boolean {
    return this.files.size === 0;
  }

  /** The files, sorted by path: the order of the exports and of the CLI's arguments. */
  scannedFiles(): ScannedFile[] {
    return [...this.files.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  fileGlossaries(): FileGlossary[] {
    return this.scannedFiles().map((f) => ({ file: f.file, entries: f.glossary }));
  }

  merged(): MergedGlossaryEntry[] {
    return mergeGlossaries(this.fileGlossaries());
  }

  dispose(): void {
    this.changed.dispose();
    this.files.clear();
  }
}
