import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { declaredKeys, keyAt, projectKeys, type DeclaredKey } from '../../core/assistant/keys';
import { langOf } from '../config';
import { projectFor } from '../tagging/project';

/**
 * Completion of the keys in `\ac{…}`, `\gls{…}` and every other mention macro, with their long forms, and Go to
 * Definition from a key to its declaration, in whichever file of the LaTeX project declares it. Read from the
 * text, so they work before a document is tagged.
 */
export class LatexKeys implements vscode.CompletionItemProvider, vscode.DefinitionProvider {
  static readonly triggerCharacters = ['{'];

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const at = keysAt(document, position);
    if (!at) return [];
    const range = new vscode.Range(document.positionAt(at.range.start), document.positionAt(at.range.end));
    return at.keys.map((declared) => {
      const item = new vscode.CompletionItem(
        { label: declared.key, description: declared.long ?? undefined },
        vscode.CompletionItemKind.Constant,
      );
      item.detail = declared.long ? `${declared.short}: ${declared.long}` : declared.short;
      item.documentation = new vscode.MarkdownString().appendText(
        `Declared in ${declared.file ? vscode.workspace.asRelativePath(declared.file) : 'this file'}`,
      );
      item.range = range;
      item.sortText = declared.key.toLowerCase();
      return item;
    });
  }

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.LocationLink[] {
    const at = keysAt(document, position);
    const declared = at?.keys.find((k) => k.key === at.key);
    if (!at || !declared) return [];
    const target = declared.file ? vscode.Uri.file(declared.file) : document.uri;
    const targetText = declared.file ? fileText(declared.file) : document.getText();
    if (targetText === undefined) return [];
    const targetRange = new vscode.Range(
      positionIn(targetText, declared.range.start),
      positionIn(targetText, declared.range.end),
    );
    return [
      {
        originSelectionRange: new vscode.Range(
          document.positionAt(at.range.start),
          document.positionAt(at.range.end),
        ),
        targetUri: target,
        targetRange,
        targetSelectionRange: targetRange,
      },
    ];
  }
}

/** The key being written at `position`, and the keys the document or its project declares. */
function keysAt(
  document: vscode.TextDocument,
  position: vscode.Position,
): { key: string; range: { start: number; end: number }; keys: DeclaredKey[] } | undefined {
  if (langOf(document.languageId) !== 'latex') return undefined;
  const text = document.getText();
  const at = keyAt(text, document.offsetAt(position));
  if (!at) return undefined;
  const project = projectFor(document);
  return { ...at, keys: project ? projectKeys(project) : declaredKeys(text) };
}

/** An open editor's text of a file (unsaved edits count), or the file on disk. */
function fileText(file: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open) return open.getText();
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function positionIn(text: string, offset: number): vscode.Position {
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length - 1;
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return new vscode.Position(line, offset - lineStart);
}
