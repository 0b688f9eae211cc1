import * as vscode from 'vscode';
import type { DecorationStyle } from '../config';
import type { DocumentResult } from './results';

/** Every decoration type the extension draws, made in one place from theme colours in `contributes.colors`. */
export class Decorations implements vscode.Disposable {
  private types: Record<'AC' | 'LF', vscode.TextEditorDecorationType>;

  constructor(private style: DecorationStyle) {
    this.types = Decorations.create(style);
  }

  setStyle(style: DecorationStyle, editors: readonly vscode.TextEditor[], resultOf: ResultLookup): void {
    if (style === this.style) return;
    this.disposeTypes();
    this.style = style;
    this.types = Decorations.create(style);
    for (const editor of editors) this.apply(editor, resultOf(editor.document));
  }

  /** Draws the result's spans in the editor; `result` must be current for its document (see `ResultStore.current`). */
  apply(editor: vscode.TextEditor, result: DocumentResult | undefined): void {
    const ranges = { AC: [] as vscode.Range[], LF: [] as vscode.Range[] };
    for (const span of result?.spans ?? []) {
      ranges[span.label].push(
        new vscode.Range(editor.document.positionAt(span.start), editor.document.positionAt(span.end)),
      );
    }
    editor.setDecorations(this.types.AC, ranges.AC);
    editor.setDecorations(this.types.LF, ranges.LF);
  }

  dispose(): void {
    this.disposeTypes();
  }

  private disposeTypes(): void {
    this.types.AC.dispose();
    this.types.LF.dispose();
  }

  private static create(style: DecorationStyle): Record<'AC' | 'LF', vscode.TextEditorDecorationType> {
    return {
      AC: vscode.window.createTextEditorDecorationType(options('abbreviation', style)),
      LF: vscode.window.createTextEditorDecorationType(options('longForm', style)),
    };
  }
}

export type ResultLookup = (document: vscode.TextDocument) => DocumentResult | undefined;

function options(kind: 'abbreviation' | 'longForm', style: DecorationStyle): vscode.DecorationRenderOptions {
  const background = new vscode.ThemeColor(`plodTagger.${kind}Background`);
  const border = new vscode.ThemeColor(`plodTagger.${kind}Border`);
  const common: vscode.DecorationRenderOptions = {
    overviewRulerColor: border,
    overviewRulerLane:
      kind === 'abbreviation' ? vscode.OverviewRulerLane.Right : vscode.OverviewRulerLane.Center,
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  };
  switch (style) {
    case 'background':
      return { ...common, backgroundColor: background, borderRadius: '2px' };
    case 'underline':
      return {
        ...common,
        borderColor: border,
        borderStyle: kind === 'abbreviation' ? 'none none solid none' : 'none none dashed none',
        borderWidth: '0 0 2px 0',
      };
    case 'border':
      return {
        ...common,
        borderColor: border,
        borderStyle: kind === 'abbreviation' ? 'solid' : 'dashed',
        borderWidth: '1px',
        borderRadius: '2px',
      };
  }
}
