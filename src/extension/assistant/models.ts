import type * as vscode from 'vscode';
import { buildModel, type AssistModel } from '../../core/assistant/model';
import type { AssistDiagnostic } from '../../core/assistant/diagnostics';
import { glossarySymbols, type GlossarySymbol } from '../../core/assistant/navigation';
import { sameAssistOptions, type AssistOptions } from '../../core/assistant/outcome';
import { langOf } from '../config';
import type { Range } from '../../core/types';
import type { DocumentResult, ResultStore } from '../tagging/results';

/**
 * The writing assistant's model of each tagged document, built once per result and only while it is current, and
 * only when the inference process sent no findings with the tags, or a command needs it.
 */
export class AssistModels {
  private readonly models = new WeakMap<DocumentResult, AssistModel>();

  constructor(private readonly results: ResultStore) {}

  /** The model of the document's current result; undefined when it has none or the document moved on. */
  get(document: vscode.TextDocument): AssistModel | undefined {
    const result = this.results.current(document);
    if (!result) return undefined;
    let model = this.models.get(result);
    if (!model) {
      model = buildModel(result, document.getText(), langOf(document.languageId));
      this.models.set(result, model);
    }
    return model;
  }

  /** The diagnostics the inference process found with the current tags, if it used these options. */
  diagnosticsFoundWith(
    document: vscode.TextDocument,
    options: AssistOptions,
  ): AssistDiagnostic[] | undefined {
    const found = this.results.current(document)?.assist;
    return found && sameAssistOptions(found.options, options) ? found.diagnostics : undefined;
  }

  /** The Outline's abbreviations for the current tags: as sent with them, or else from the model. */
  symbols(document: vscode.TextDocument): GlossarySymbol[] {
    const found = this.results.current(document)?.assist;
    if (found) return found.symbols;
    const model = this.get(document);
    return model ? glossarySymbols(model) : [];
  }

  /** Whether a LaTeX document's current tags have an abbreviation that meets `range`. */
  touchesAbbreviation(document: vscode.TextDocument, range: Range): boolean {
    if (langOf(document.languageId) !== 'latex') return false;
    const spans = this.results.current(document)?.spans ?? [];
    return spans.some((s) => s.label === 'AC' && s.start <= range.end && range.start <= s.end);
  }

  /** Whether the current result covers the whole document, not just a selection. */
  coversDocument(document: vscode.TextDocument): boolean {
    return this.results.currentWhole(document) !== undefined;
  }
}
