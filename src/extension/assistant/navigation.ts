import * as vscode from 'vscode';
import { keyAt } from '../../core/assistant/keys';
import { definitionAt, referencesAt } from '../../core/assistant/navigation';
import { rememberLatest } from '../../core/delta';
import type { Range } from '../../core/types';
import type { AssistModels } from './models';
import type { DocumentResult, ResultStore } from '../tagging/results';

/** Go to Definition, Find All References and the Outline for tagged abbreviations. */
export class AbbreviationNavigation
  implements vscode.DefinitionProvider, vscode.ReferenceProvider, vscode.DocumentSymbolProvider
{
  /** The result each document's symbols were last given from, by URI: the Outline holds them already. */
  private readonly answered = new Map<string, DocumentResult | undefined>();

  constructor(
    private readonly models: AssistModels,
    private readonly results: ResultStore,
    /** Whether tags of the document's current version are on their way. */
    private readonly expects: (document: vscode.TextDocument) => boolean,
  ) {}

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

  /**
   * The document's abbreviations. Asked for an edited version whose tags are on their way, it waits for them (VS
   * Code cancels the request if the text moves on), so that the Outline does not empty and fill again on each edit.
   * A long document's first paint covers only its visible paragraphs, so the Outline waits for the whole document.
   */
  async provideDocumentSymbols(
    document: vscode.TextDocument,
    token: vscode.CancellationToken,
  ): Promise<vscode.DocumentSymbol[]> {
    if (!settled(this.results.current(document)) && this.expects(document))
      await this.results.whenStored(document, token, SYMBOLS_WAIT_MS, settled);
    rememberLatest(this.answered, document.uri.toString(), this.results.current(document));
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

  /**
   * Whether the Outline holds the symbols of the document's current result already, or needs none from it: a
   * first paint is followed by the whole document's result.
   */
  answeredWith(uri: string): boolean {
    const result = this.results.get(uri);
    return result !== undefined && (result.firstPaint === true || this.answered.get(uri) === result);
  }
}

/** Whether a result is the one the Outline shows: not a long document's first paint. */
function settled(result: DocumentResult | undefined): result is DocumentResult {
  return result !== undefined && !result.firstPaint;
}

/** How long a request for an edited version's symbols waits for its tags. */
const SYMBOLS_WAIT_MS = 5_000;

export function toRange(document: vscode.TextDocument, range: Range): vscode.Range {
  return new vscode.Range(document.positionAt(range.start), document.positionAt(range.end));
}

/**
 * Registers `provider` as a document symbol provider again each time a result changes: VS Code caches a
 * document's symbols by its version, and tags arrive after the version they are for, so the Outline would
 * keep the symbols asked for before them. A new registration clears that cache.
 */
export function registerGlossarySymbols(
  provider: AbbreviationNavigation,
  onDidChange: vscode.Event<string>,
): vscode.Disposable {
  const register = () =>
    vscode.languages.registerDocumentSymbolProvider('*', provider, { label: 'Abbreviations' });
  let registration = register();
  const changed = new Set<string>();
  let pending: NodeJS.Timeout | undefined;
  // In a task of its own, after a request that waited for these tags has been answered with them.
  const listener = onDidChange((uri) => {
    changed.add(uri);
    pending ??= setTimeout(() => {
      pending = undefined;
      const stale = [...changed].some((u) => !provider.answeredWith(u));
      changed.clear();
      if (!stale) return;
      registration.dispose();
      registration = register();
    }, 0);
  });
  return {
    dispose: () => {
      clearTimeout(pending);
      [listener, registration].forEach((d) => d.dispose());
    },
  };
}
