import * as vscode from 'vscode';
import type { DecorationStyle } from '../config';
import type { DocumentResult } from './results';
import { bandLines, changedBands, intoBands } from '../../core/bands';

type Label = 'AC' | 'LF';
const LABELS: readonly Label[] = ['AC', 'LF'];

/** How long one task may spend sending bands of decorations before the extension host gets a turn. */
const STEP_BUDGET_MS = 3;

/** What one editor was sent, band by band: each band's signature and ranges. */
interface Sent {
  signatures: (string | undefined)[];
  ranges: Record<Label, vscode.Range[]>[];
}

/**
 * Every decoration type the extension draws, made in one place from theme colours in `contributes.colors`: a
 * pair (abbreviations, long forms) for each band of lines (core/bands.ts), so that a re-tag sends the editor only
 * the bands whose tags moved, and a long paper's first paint goes out a band at a time, the visible bands first.
 */
export class Decorations implements vscode.Disposable {
  private types: Record<Label, vscode.TextEditorDecorationType>[] = [];
  private sent = new WeakMap<vscode.TextEditor, Sent>();
  private readonly pending = new Map<vscode.TextEditor, NodeJS.Immediate>();

  constructor(private style: DecorationStyle) {}

  setStyle(style: DecorationStyle, editors: readonly vscode.TextEditor[], resultOf: ResultLookup): void {
    if (style === this.style) return;
    this.disposeTypes();
    this.style = style;
    for (const editor of editors) this.apply(editor, resultOf(editor.document));
  }

  /** Draws the result's spans in the editor; `result` must be current for its document (see `ResultStore.current`). */
  apply(editor: vscode.TextEditor, result: DocumentResult | undefined): void {
    clearImmediate(this.pending.get(editor));
    this.pending.delete(editor);
    const document = editor.document;
    const spans = (result?.spans ?? []).map((span) => ({
      label: span.label,
      range: new vscode.Range(document.positionAt(span.start), document.positionAt(span.end)),
    }));
    const bands = intoBands(spans, (s) => s.range.start.line, document.lineCount);
    const signatures = bands.map((band) => band.map((s) => `${s.label}${rangeKey(s.range)}`).join(' '));
    const sent = this.sent.get(editor) ?? { signatures: [], ranges: [] };
    this.sent.set(editor, sent);
    const shown = editor.visibleRanges.map((r) => [r.start.line, r.end.line]);
    const size = bandLines(document.lineCount);
    const isShown = (band: number) =>
      shown.some(([first, last]) => band * size <= last && first < (band + 1) * size);
    const todo = changedBands(signatures, sent.signatures).sort((a, b) => +isShown(b) - +isShown(a));
    const step = (): void => {
      this.pending.delete(editor);
      if (!vscode.window.visibleTextEditors.includes(editor)) return;
      const until = performance.now() + STEP_BUDGET_MS;
      for (let band = todo.shift(); band !== undefined; band = todo.shift()) {
        const ranges = { AC: [] as vscode.Range[], LF: [] as vscode.Range[] };
        for (const span of bands[band] ?? []) ranges[span.label].push(span.range);
        const types = this.typesOf(band);
        for (const label of LABELS) editor.setDecorations(types[label], ranges[label]);
        sent.signatures[band] = signatures[band];
        sent.ranges[band] = ranges;
        if (todo.length > 0 && performance.now() > until) {
          this.pending.set(editor, setImmediate(step));
          return;
        }
      }
    };
    step();
  }

  /** What the editor has been sent so far, every band together, in source order. */
  drawn(editor: vscode.TextEditor): Record<Label, vscode.Range[]> {
    const bands = this.sent.get(editor)?.ranges ?? [];
    const all = (label: Label) =>
      bands.flatMap((band) => band?.[label] ?? []).sort((a, b) => a.start.compareTo(b.start));
    return { AC: all('AC'), LF: all('LF') };
  }

  dispose(): void {
    this.disposeTypes();
  }

  private typesOf(band: number): Record<Label, vscode.TextEditorDecorationType> {
    return (this.types[band] ??= {
      AC: vscode.window.createTextEditorDecorationType(options('abbreviation', this.style)),
      LF: vscode.window.createTextEditorDecorationType(options('longForm', this.style)),
    });
  }

  /** Disposing a type takes its decorations off every editor: each editor starts again with nothing sent. */
  private disposeTypes(): void {
    this.pending.forEach((step) => clearImmediate(step));
    this.pending.clear();
    for (const types of this.types) LABELS.forEach((label) => types?.[label].dispose());
    this.types = [];
    this.sent = new WeakMap();
  }
}

function rangeKey(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
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
