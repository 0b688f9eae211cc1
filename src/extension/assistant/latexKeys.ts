import * as vscode from 'vscode';
import { declaredKeys, keyAt, projectKeys, type DeclaredKey } from '../../core/assistant/keys';
import { declarationInsert, latexAcronymPackage } from '../../core/assistant/latex';
import { project } from '../../core/markup';
import { langOf } from '../config';
import type { FlatProject } from '../../core/markup/latexProject';
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
    const declare = declareItem(at, document, range);
    return declare ? [...items, declare] : items;
  }

  async provideDefinition(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.LocationLink[]> {
    const at = keysAt(document, position);
    const declared = at?.keys.find((k) => k.key === at.key);
    if (!at || !declared) return [];
    const target = declared.file
      ? await vscode.workspace.openTextDocument(vscode.Uri.file(declared.file))
      : document;
    const targetRange = new vscode.Range(
      target.positionAt(declared.range.start),
      target.positionAt(declared.range.end),
    );
    return [
      {
        originSelectionRange: new vscode.Range(
          document.positionAt(at.range.start),
          document.positionAt(at.range.end),
        ),
        targetUri: target.uri,
        targetRange,
        targetSelectionRange: targetRange,
      },
    ];
  }
}

interface KeysHere {
  /** The key being written, and its range in the document. */
  key: string;
  range: { start: number; end: number };
  /** The keys the document or its project declares. */
  keys: DeclaredKey[];
  /** The text whose preamble a new key goes in: the project's, flattened, or the document's. */
  preamble: string;
}

/** The key being written at `position`, with what the document or its project declares; the project read once. */
function keysAt(document: vscode.TextDocument, position: vscode.Position): KeysHere | undefined {
  if (langOf(document.languageId) !== 'latex') return undefined;
  const text = document.getText();
  const at = keyAt(text, document.offsetAt(position));
  if (!at) return undefined;
  const project = projectFor(document);
  return { ...at, keys: keysOf(project, text), preamble: project?.text ?? text };
}

/** The last project's keys, read again only when its text changed: completion asks at every `{`. */
let lastKeys: { root: string | undefined; text: string; keys: DeclaredKey[] } | undefined;

function keysOf(project: FlatProject | undefined, documentText: string): DeclaredKey[] {
  const [root, text] = project ? [project.root, project.text] : [undefined, documentText];
  if (lastKeys && lastKeys.root === root && lastKeys.text === text) return lastKeys.keys;
  const keys = project ? projectKeys(project) : declaredKeys(text);
  lastKeys = { root, text, keys };
  return keys;
}

/** "Declare key…" for a key that nothing declares yet, where the document loads an acronym package. */
function declareItem(
  at: KeysHere,
  document: vscode.TextDocument,
  range: vscode.Range,
): vscode.CompletionItem | undefined {
  const { key, keys } = at;
  if (!key || keys.some((k) => k.key === key)) return undefined;
  const pkg = latexAcronymPackage(at.preamble);
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
  const root = projectFor(document)?.root;
  const target = root ? await vscode.workspace.openTextDocument(vscode.Uri.file(root)) : document;
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
