import * as vscode from 'vscode';
import { AssistModels } from './models';
import { AbbreviationDiagnostics } from './diagnostics';
import { AbbreviationNavigation, registerGlossarySymbols } from './navigation';
import { AbbreviationQuickFixes } from './quickFixes';
import { declareAcronym, LatexKeys, type DeclareOptions } from './latexKeys';
import type { ResultStore } from '../tagging/results';
import type { Guess } from '../../core/expansion/guess';

/** Navigation, diagnostics and quick fixes on abbreviations, for every document that has tags (as hovers). */
export function registerAssistant(
  results: ResultStore,
  guesses: (document: vscode.TextDocument, short: string) => Promise<Guess[]>,
  expectsTags: (document: vscode.TextDocument) => boolean,
): {
  subscriptions: vscode.Disposable[];
  diagnostics: AbbreviationDiagnostics;
} {
  const models = new AssistModels(results);
  const navigation = new AbbreviationNavigation(models, results, expectsTags);
  const diagnostics = new AbbreviationDiagnostics(results, models);
  const latexKeys = new LatexKeys();
  const subscriptions = [
    diagnostics,
    vscode.languages.registerDefinitionProvider('*', navigation),
    vscode.languages.registerDefinitionProvider({ language: 'latex' }, latexKeys),
    vscode.commands.registerCommand(LatexKeys.declareCommand, (options: DeclareOptions) =>
      declareAcronym(options),
    ),
    vscode.languages.registerCompletionItemProvider(
      { language: 'latex' },
      latexKeys,
      ...LatexKeys.triggerCharacters,
    ),
    vscode.languages.registerReferenceProvider('*', navigation),
    registerGlossarySymbols(navigation, results.onDidChange),
    vscode.languages.registerCodeActionsProvider(
      '*',
      new AbbreviationQuickFixes(models, diagnostics, guesses),
      AbbreviationQuickFixes.metadata,
    ),
  ];
  return { subscriptions, diagnostics };
}
