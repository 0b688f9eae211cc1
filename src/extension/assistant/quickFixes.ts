import * as vscode from 'vscode';
import { fixesFor, latexConversions, type Fix } from '../../core/assistant/fixes';
import type { AssistModels } from './models';
import { DIAGNOSTIC_SOURCE, type AbbreviationDiagnostics } from './diagnostics';
import { toRange } from './navigation';
import type { Guess } from '../../core/expansion/guess';
import { describeSource } from '../tagging/hover';
import { PDF_SCHEME } from '../pdf/pdfDocuments';

/** Quick fixes for the assistant's diagnostics, and "Convert to \ac{…}" on LaTeX mentions. */
export class AbbreviationQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
  };

  constructor(
    private readonly models: AssistModels,
    private readonly diagnostics: AbbreviationDiagnostics,
    private readonly guesses: (document: vscode.TextDocument, short: string) => Promise<Guess[]>,
  ) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    // A PDF's text cannot be edited: its diagnostics inform, and offer no fix.
    if (document.uri.scheme === PDF_SCHEME) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const item = this.diagnostics.find(document, diagnostic);
      // The model is built only when a diagnostic of ours is under the cursor.
      const model = item && this.models.get(document);
      if (!item || !model) continue;
      const guessed =
        item.code === 'undefined'
          ? (await this.guesses(document, item.short)).map((g) => ({
              long: g.long,
              source: describeSource(g.sources[0]),
            }))
          : [];
      for (const fix of fixesFor(model, item, guessed)) actions.push(toAction(document, fix, [diagnostic]));
    }
    const offsets = { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
    // "Convert to \ac{…}" is offered on an abbreviation in LaTeX: no model is built for the cursor elsewhere.
    const model = this.models.touchesAbbreviation(document, offsets) ? this.models.get(document) : undefined;
    for (const fix of model ? latexConversions(model, offsets) : []) {
      const covering = context.diagnostics.filter((d) => {
        const [start, end] = [document.offsetAt(d.range.start), document.offsetAt(d.range.end)];
        return d.source === DIAGNOSTIC_SOURCE && start <= fix.at.start && fix.at.end <= end;
      });
      actions.push(toAction(document, fix, covering));
    }
    return actions;
  }
}

function toAction(
  document: vscode.TextDocument,
  fix: Fix,
  diagnostics: vscode.Diagnostic[],
): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  for (const edit of fix.edits)
    action.edit.replace(document.uri, toRange(document, edit.range), edit.newText);
  action.diagnostics = diagnostics;
  action.isPreferred = fix.preferred;
  return action;
}
