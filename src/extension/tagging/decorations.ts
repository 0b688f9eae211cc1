import * as vscode from 'vscode';
import type { DecorationStyle } from '../config';
import type { DocumentResult } from './results';
import { bandChanged, bandLines, bandsOfLines, MAX_BANDS } from '../../core/bands';
import { markEdited } from './editedBands';
import type { AnalysedSpan } from '../../core/analyze';

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
    const sent = this.sent.get(editor) ?? { signatures: [], ranges: [] };
    this.sent.set(editor, sent);
    const steps = this.steps(editor, result?.spans ?? [], sent);
    const version = editor.document.version;
    // After an edit the result's offsets no longer fit the text: the bands not sent yet keep what they show
    // (VS Code moves decorations with the edit) until the next result.
    const fits = () =>
      editor.document.version === version && vscode.window.visibleTextEditors.includes(editor);
    const work = (): void => {
      this.pending.delete(editor);
      const until = performance.now() + STEP_BUDGET_MS;
      while (fits() && !steps.next().done) {
        if (performance.now() > until) {
          this.pending.set(editor, setImmediate(work));
          return;
        }
      }
    };
    work();
  }

  /**
   * One band per step, the visible ones first: its spans (found by offset, so that no other span is converted
   * before the visible ones are drawn), made into ranges, and sent when they differ from what the band shows.
   */
  private *steps(editor: vscode.TextEditor, spans: readonly AnalysedSpan[], sent: Sent): Generator<void> {
    const document = editor.document;
    const size = bandLines(document.lineCount);
    const shown = new Set(
      editor.visibleRanges.flatMap((r) => bandsOfLines(r.start.line, r.end.line, document.lineCount)),
    );
    const order = [
      ...shown,
      ...Array.from({ length: MAX_BANDS }, (_, band) => band).filter((b) => !shown.has(b)),
    ];
    const sorted = isSortedByStart(spans) ? spans : [...spans].sort((a, b) => a.start - b.start);
    const lineStart = (line: number) =>
      line >= document.lineCount ? Infinity : document.offsetAt(new vscode.Position(line, 0));
    for (const band of order) {
      const from = band === 0 ? 0 : lineStart(band * size);
      const to = band === MAX_BANDS - 1 ? Infinity : lineStart((band + 1) * size);
      if (from === Infinity && sent.signatures[band] === undefined) continue;
      const ranges = { AC: [] as vscode.Range[], LF: [] as vscode.Range[] };
      const keys: string[] = [];
      for (let i = firstAtOrAfter(sorted, from); i < sorted.length && sorted[i].start < to; i++) {
        const span = sorted[i];
        const range = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
        ranges[span.label].push(range);
        keys.push(`${span.label}${rangeKey(range)}`);
      }
      const signature = keys.length > 0 ? keys.join(' ') : undefined;
      if (bandChanged(signature, sent.signatures[band])) {
        const types = this.typesOf(band);
        for (const label of LABELS) editor.setDecorations(types[label], ranges[label]);
        sent.signatures[band] = signature;
        sent.ranges[band] = ranges;
      }
      yield;
    }
  }

  /**
   * VS Code moves and stretches decorations with an edit, so that what an edited band shows is no longer what was
   * sent: it is sent again with the next result, even if its tags are where they were.
   */
  edited(event: vscode.TextDocumentChangeEvent): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const sent = editor.document === event.document ? this.sent.get(editor) : undefined;
      if (sent) markEdited(sent.signatures, event);
    }
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

function isSortedByStart(spans: readonly AnalysedSpan[]): boolean {
  return spans.every((span, i) => i === 0 || spans[i - 1].start <= span.start);
}

/** The index of the first span that starts at or after `offset` (spans sorted by start). */
function firstAtOrAfter(spans: readonly AnalysedSpan[], offset: number): number {
  let [lo, hi] = [0, spans.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
