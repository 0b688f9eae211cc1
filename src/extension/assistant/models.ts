import type * as vscode from 'vscode';
import { buildModel, type AssistModel } from '../../core/assistant/model';
import { langOf } from '../config';
import type { DocumentResult, ResultStore } from '../tagging/results';

/** The writing assistant's model of each tagged document, built once per result and only while it is current. */
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

  /** Whether the current result covers the whole document, not just a selection. */
  coversDocument(document: vscode.TextDocument): boolean {
    return this.results.currentWhole(document) !== undefined;
  }
}
