import * as vscode from 'vscode';
import { diskFiles, projectOf, type FlatProject } from '../../core/markup/latexProject';
import { langOf } from '../config';

/**
 * The LaTeX project a saved file belongs to (see core/markup/latexProject), read from the open editors where
 * they have the file, else from disk; undefined for a file that stands alone, and for any other document.
 */
export function projectFor(document: vscode.TextDocument): FlatProject | undefined {
  if (langOf(document.languageId) !== 'latex' || document.uri.scheme !== 'file') return undefined;
  const open = new Map(
    vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').map((d) => [d.uri.fsPath, d]),
  );
  return projectOf(
    document.uri.fsPath,
    document.getText(),
    diskFiles((file) => open.get(file)?.getText()),
  );
}
