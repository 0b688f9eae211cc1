import * as vscode from 'vscode';
import { joinWordLists } from '../../core/markup/directives';
import type { WordLists } from '../../core/pairing';
import { SECTION, type WordListName } from '../config';
import type { Log } from '../log';
import type { ResultStore } from './results';

export type WordListScope = 'user' | 'workspace';

export interface AddWordOptions {
  word?: string;
  list?: WordListName;
  scope?: WordListScope;
}

const CORRECTED_KEY = 'plodTagger.correctedWords';

/**
 * The word lists the user keeps: `plodTagger.notAbbreviations` and `plodTagger.alwaysAbbreviations` in the
 * user's or the workspace's settings, written only by a command the user runs ("Not an Abbreviation"), and the
 * words corrected with "Mark as Wrong", kept in the workspace's state so that they hold in later runs too.
 */
export class WordListStore {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {}

  /** The corrected words, to add to the settings' lists. */
  corrections(): WordLists {
    return { notAbbreviations: this.context.workspaceState.get<string[]>(CORRECTED_KEY, []) };
  }

  /** A word the user marked as no abbreviation: it stays untagged in this workspace from now on. */
  async correct(word: string): Promise<void> {
    const words = this.context.workspaceState.get<string[]>(CORRECTED_KEY, []);
    if (!words.includes(word)) await this.context.workspaceState.update(CORRECTED_KEY, [...words, word]);
  }

  /** Forgets every corrected word; returns how many there were. */
  async forgetCorrections(): Promise<number> {
    const words = this.context.workspaceState.get<string[]>(CORRECTED_KEY, []);
    await this.context.workspaceState.update(CORRECTED_KEY, undefined);
    this.log.info(`forgot ${words.length} words marked as no abbreviation`);
    return words.length;
  }

  /** Adds `word` to a list in the user's or the workspace's settings; returns where it went. */
  async add(word: string, list: WordListName, scope: WordListScope): Promise<WordListScope> {
    const where = scope === 'workspace' && !vscode.workspace.workspaceFolders?.length ? 'user' : scope;
    const config = vscode.workspace.getConfiguration(SECTION);
    const set = config.inspect<unknown>(list);
    const current = where === 'user' ? set?.globalValue : set?.workspaceValue;
    const words = Array.isArray(current) ? current.filter((w): w is string => typeof w === 'string') : [];
    if (!words.includes(word)) {
      const target =
        where === 'user' ? vscode.ConfigurationTarget.Global : vscode.ConfigurationTarget.Workspace;
      await config.update(list, [...words, word], target);
      this.log.info(
        `added "${word}" to ${where === 'user' ? 'the user' : 'the workspace'} setting ${SECTION}.${list}`,
      );
    }
    return where;
  }
}

/** Everything the lists apply to a document: the settings' lists, and the corrected words. */
export function wordsFor(settingsWords: WordLists, store: WordListStore): WordLists {
  return joinWordLists(settingsWords, store.corrections());
}

/** "Not an abbreviation" and "Always an abbreviation" on every tagged abbreviation, and so on every diagnostic. */
export class WordListActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly results: ResultStore) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const result = this.results.current(document);
    if (!result) return [];
    const [start, end] = [document.offsetAt(range.start), document.offsetAt(range.end)];
    const words = new Set(
      result.spans
        .filter((s) => s.label === 'AC' && s.start <= end && start <= s.end && s.source !== 'macro')
        .map((s) => s.short ?? s.text),
    );
    return [...words].flatMap((word) =>
      (['workspace', 'user'] as const).map((scope) => {
        const action = new vscode.CodeAction(
          `"${word}" is not an abbreviation (add to ${scope} settings)`,
          vscode.CodeActionKind.QuickFix,
        );
        const options: AddWordOptions = { word, list: 'notAbbreviations', scope };
        action.command = { title: action.title, command: 'plodTagger.addWord', arguments: [options] };
        return action;
      }),
    );
  }
}

export function registerWordLists(
  results: ResultStore,
  store: WordListStore,
  retag: () => void,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('plodTagger.forgetCorrections', async () => {
      const count = await store.forgetCorrections();
      retag();
      return count;
    }),
    vscode.languages.registerCodeActionsProvider('*', new WordListActions(results), {
      providedCodeActionKinds: WordListActions.kinds,
    }),
    vscode.commands.registerCommand('plodTagger.addWord', async (options: AddWordOptions = {}) => {
      const list = options.list ?? 'notAbbreviations';
      const word =
        options.word ??
        (await vscode.window.showInputBox({
          title: list === 'notAbbreviations' ? 'Not an abbreviation' : 'Always an abbreviation',
          prompt: 'The word, as written (case matters)',
          value: selectedWord(),
          validateInput: (w) => (w.trim() ? undefined : 'Type a word'),
        }));
      if (!word?.trim()) return undefined;
      return store.add(word.trim(), list, options.scope ?? 'workspace');
    }),
  ];
}

function selectedWord(): string {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return '';
  const range = editor.selection.isEmpty
    ? editor.document.getWordRangeAtPosition(editor.selection.active)
    : editor.selection;
  return range ? editor.document.getText(range) : '';
}
