import * as vscode from 'vscode';
import { keyAt } from '../../core/assistant/keys';
import { definitionAt, referencesAt } from '../../core/assistant/navigation';
import type { Range } from '../../core/types';
import type { AssistModels } from './models';

/** Go to Definition, Find All References and the Outline for tagged abbreviations. */
export class AbbreviationNavigation
  implements vscode.DefinitionProvider, vscode.ReferenceProvider, vscode.DocumentSymbolProvider
{
  constructor(private readonly models: AssistModels) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.LocationLink[] {
    const model = this.models.get(document);
    const offset = document.offsetAt(position);
    // A key in `\ac{…}` is LatexKeys' to answer, in whichever file of the project declares it.
    if (model?.lang === 'latex' && keyAt(model.source, offset)) return [];
    const target = model && definitionAt(model, offset);
    if (!model || !target) return [];
    const word = model.abbreviations
      .flatMap((a) => a.mentions)
      .find((m) => m.start <= offset && offset < m.end);
    return [
      {
        originSelectionRange: word ? toRange(document, word) : undefined,
        targetUri: document.uri,
        targetRange: toRange(document, target.range),
        targetSelectionRange: toRange(document, target.selection),
      },
    ];
  }

  provideReferences(
    document: vscode.TextDocument,
    position: vscode.Position,
    context: vscode.ReferenceContext,
  ): vscode.Location[] {
    const model = this.models.get(document);
    if (!model) return [];
    return referencesAt(model, document.offsetAt(position), context.includeDeclaration).map(
      (range) => new vscode.Location(document.uri, toRange(document, range)),
    );
  }

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    return this.models
      .symbols(document)
      .map(
        (s) =>
          new vscode.DocumentSymbol(
            s.name,
            s.detail,
            vscode.SymbolKind.Constant,
            toRange(document, s.range),
            toRange(document, s.selection),
          ),
      );
  }
}

export function toRange(document: vscode.TextDocument, range: Range): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}

/**
 * Registers `provider` as a document symbol provider again each time a result changes: VS Code caches a
 * document's symbols by its version, and tags arrive after the version they are for, so the Outline would
 * keep the symbols asked for before them. A new registration clears that cache.
 */
export function registerGlossarySymbols(
  provider: vscode.DocumentSymbolProvider,
  onDidChange: vscode.Event<unknown>,
): vscode.Disposable {
  const register = () =>
    vscode.languages.registerDocumentSymbolProvider('*', provider, { label: 'Abbreviations' });
  let registration = register();
  const listener = onDidChange(() => {
    registration.dispose();
    registration = register();
  });
  return { dispose: () => [listener, registration].forEach((d) => d.dispose()) };
}
