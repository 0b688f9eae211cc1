import * as vscode from 'vscode';
import { spellingWords, withCspellDictionary, withLtexWords, wordFile } from '../../core/glossary/spelling';
import type { Log } from '../log';
import type { GlossaryView } from './view';

export type SpellChecker = 'cspell' | 'ltex';

export interface ShareOptions {
  /** The settings to add to, as the user picks them in the question the command asks; asked when absent. */
  settings?: SpellChecker[];
}

export interface ShareReport {
  wordFile: string;
  words: number;
  settings: SpellChecker[];
}

const WORD_FILE = 'plod-abbreviations.txt';
const CHOICES: Record<string, SpellChecker[]> = {
  'Code Spell Checker': ['cspell'],
  'LTeX+': ['ltex'],
  Both: ['cspell', 'ltex'],
};

/**
 * "PLOD: Share Abbreviations with Spell Checkers": the glossary view's abbreviations (the document's or the
 * workspace's) go into `.vscode/plod-abbreviations.txt`; the workspace settings of Code Spell Checker
 * (`cSpell.customDictionaries`) and LTeX+ (`ltex.dictionary`) get them only if the user says so.
 */
export function registerSpellCheckerCommand(view: GlossaryView, log: Log): vscode.Disposable {
  return vscode.commands.registerCommand('plodTagger.shareWithSpellCheckers', (options: ShareOptions = {}) =>
    share(view, options, log),
  );
}

async function share(view: GlossaryView, options: ShareOptions, log: Log): Promise<ShareReport | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage('PLOD Tagger: open a folder to share its abbreviations.');
    return undefined;
  }
  const words = spellingWords(view.fileGlossaries());
  if (words.length === 0) {
    void vscode.window.showInformationMessage(
      'PLOD Tagger: no abbreviations to share yet; tag the document, or run "PLOD: Tag Workspace".',
    );
    return undefined;
  }
  const dir = vscode.Uri.joinPath(folder.uri, '.vscode');
  const file = vscode.Uri.joinPath(dir, WORD_FILE);
  await vscode.workspace.fs.createDirectory(dir);
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(wordFile(words)));
  log.info(`wrote ${words.length} abbreviations to ${file.fsPath}`);
  const settings = options.settings ?? (await ask(words.length));
  if (settings.length > 0) {
    const settingsFile = vscode.Uri.joinPath(dir, 'settings.json');
    try {
      let text = await readText(settingsFile);
      if (settings.includes('cspell'))
        text = withCspellDictionary(text, `\${workspaceFolder}/.vscode/${WORD_FILE}`);
      if (settings.includes('ltex')) {
        const language =
          vscode.workspace.getConfiguration('ltex', folder.uri).get<string>('language') ?? 'en-US';
        text = withLtexWords(text, language, words);
      }
      await vscode.workspace.fs.writeFile(settingsFile, new TextEncoder().encode(text));
      log.info(`added them to ${settings.join(' and ')} in ${settingsFile.fsPath}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`could not add the abbreviations to ${settingsFile.fsPath}: ${message}`);
      void vscode.window.showErrorMessage(`PLOD Tagger: .vscode/settings.json: ${message}`);
      return { wordFile: file.fsPath, words: words.length, settings: [] };
    }
  }
  return { wordFile: file.fsPath, words: words.length, settings };
}

async function ask(count: number): Promise<SpellChecker[]> {
  const answer = await vscode.window.showInformationMessage(
    `PLOD Tagger: wrote ${count} abbreviations to .vscode/${WORD_FILE}. Add them to this workspace's settings of…`,
    ...Object.keys(CHOICES),
  );
  return answer ? (CHOICES[answer] ?? []) : [];
}

async function readText(file: vscode.Uri): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch {
    return '';
  }
}
