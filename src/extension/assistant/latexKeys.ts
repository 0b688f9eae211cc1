import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { declaredKeys, keyAt, projectKeys, type DeclaredKey } from '../../core/assistant/keys';
import { declarationInsert, latexAcronymPackage } from '../../core/assistant/latex';
import { project } from '../../core/markup';
import { langOf } from '../config';
import { projectFor } from '../tagging/project';

/**
 * Completion of the keys in `\ac{…}`, `\gls{…}` and every other mention macro, with their long forms, and Go to
 * Definition from a key to its declaration, in whichever file of the LaTeX project declares it. Read from the
 * text, so they work before a document is tagged.
 */
export class LatexKeys implements vscode.CompletionItemProvider, vscode.DefinitionProvider {
  static readonly triggerCharacters = ['{'];
  static readonly declareCommand = 'plodTagger.declareAcronym';

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const at = keysAt(document, position);
    if (!at) return [];
    const range = new vscode.Range(document.positionAt(at.range.start), document.positionAt(at.range.end));
    const items = at.keys.map((declared) => {
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
    const declare = declareItem(document, at.key, at.keys, range);
    return declare ? [...items, declare] : items;
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

/** Where a new declaration goes: the project's root (its preamble), or the document itself. */
function preambleFile(document: vscode.TextDocument): vscode.Uri {
  const root = projectFor(document)?.root;
  return root ? vscode.Uri.file(root) : document.uri;
}

/** "Declare key…" for a key that nothing declares yet, where the document loads an acronym package. */
function declareItem(
  document: vscode.TextDocument,
  key: string,
  keys: readonly DeclaredKey[],
  range: vscode.Range,
): vscode.CompletionItem | undefined {
  if (!key || keys.some((k) => k.key === key)) return undefined;
  const target = preambleFile(document);
  const text = target.toString() === document.uri.toString() ? document.getText() : fileText(target.fsPath);
  const pkg = text === undefined ? null : latexAcronymPackage(text);
  if (!pkg) return undefined;
  const item = new vscode.CompletionItem(
    { label: key, description: `declare a new acronym (${pkg})` },
    vscode.CompletionItemKind.Snippet,
  );
  item.range = range;
  item.sortText = `~${key}`;
  item.command = {
    title: 'Declare the acronym',
    command: LatexKeys.declareCommand,
    arguments: [{ uri: document.uri.toString(), key }],
  };
  return item;
}

export interface DeclareOptions {
  /** The document the key is written in. */
  uri: string;
  key: string;
  /** Asked for when absent. */
  short?: string;
  long?: string;
}

/**
 * Declares `key` in the preamble of the document's root (the package's own macro: `\newacronym`, `\DeclareAcronym`
 * or `\acrodef`), asking for its short and long forms. Resolves to whether it was written.
 */
export async function declareAcronym(options: DeclareOptions): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(options.uri));
  const target = await vscode.workspace.openTextDocument(preambleFile(document));
  const source = target.getText();
  const pkg = latexAcronymPackage(source);
  if (!pkg) return false;
  const short =
    options.short ??
    (await vscode.window.showInputBox({
      title: `PLOD Tagger: declare ${options.key}`,
      prompt: 'The abbreviation as it is printed',
      value: /^[a-z]+$/.test(options.key) ? options.key.toUpperCase() : options.key,
    }));
  if (!short) return false;
  const long =
    options.long ??
    (await vscode.window.showInputBox({
      title: `PLOD Tagger: declare ${options.key}`,
      prompt: `The long form of ${short}`,
    }));
  if (!long) return false;
  const insert = declarationInsert(source, project(source, 'latex').acronyms, pkg, options.key, short, long);
  if (!insert) {
    void vscode.window.showWarningMessage(
      `PLOD Tagger: ${vscode.workspace.asRelativePath(target.uri)} has no \\begin{document} to declare ${options.key} before.`,
    );
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  const at = target.positionAt(insert.range.start);
  edit.insert(target.uri, at, insert.newText);
  return vscode.workspace.applyEdit(edit);
}
