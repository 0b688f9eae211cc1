import * as vscode from 'vscode';
import type { DocumentResult, ResultStore } from './results';

type State = { kind: 'idle' } | { kind: 'busy' } | { kind: 'ready' } | { kind: 'error'; message: string };

/** The status bar item: the model, its state, and what was found in the active editor. Click to pick a model. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(
    'plodTagger.status',
    vscode.StatusBarAlignment.Right,
    100,
  );
  private state: State = { kind: 'idle' };
  private model = '';
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly results: ResultStore) {
    this.item.name = 'PLOD Tagger';
    this.item.command = 'plodTagger.selectModel';
    this.subscriptions = [
      results.onDidChange(() => this.render()),
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
    ];
  }

  setModel(model: string): void {
    this.model = model;
    this.state = { kind: 'idle' };
    this.render();
  }

  busy(model: string): void {
    this.model = model;
    this.state = { kind: 'busy' };
    this.render();
  }

  ready(model: string): void {
    this.model = model;
    this.state = { kind: 'ready' };
    this.render();
  }

  failed(model: string, message: string): void {
    this.model = model;
    this.state = { kind: 'error', message };
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.subscriptions.forEach((s) => s.dispose());
    this.item.dispose();
  }

  private render(): void {
    const editor = vscode.window.activeTextEditor;
    const stored = editor ? this.results.get(editor.document.uri) : undefined;
    // Another model's counts are not this model's: after a switch they are hidden until its own tags come.
    const result = stored && (stored.origin === 'remote' || stored.model === this.model) ? stored : undefined;
    const icon = { idle: '$(symbol-key)', busy: '$(sync~spin)', ready: '$(symbol-key)', error: '$(error)' }[
      this.state.kind
    ];
    const detail = result ? ` · ${counts(result)}` : this.state.kind === 'busy' ? ' · tagging…' : '';
    this.item.text = `${icon} PLOD: ${this.model}${detail}`;
    const stateText = { idle: 'not loaded yet', busy: 'working…', ready: 'ready', error: 'error' }[
      this.state.kind
    ];
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(`PLOD Tagger — model ${this.model}: ${stateText}`);
    if (this.state.kind === 'error') tooltip.appendText(`\n\n${this.state.message}`);
    if (result) tooltip.appendText(`\n\n${counts(result)} (${result.origin}, ${result.ms} ms)`);
    tooltip.appendMarkdown('\n\nClick to choose a model.');
    this.item.tooltip = tooltip;
    this.item.backgroundColor =
      this.state.kind === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }
}

function counts(result: DocumentResult): string {
  const ac = result.spans.filter((s) => s.label === 'AC').length;
  const lf = result.spans.length - ac;
  return `${ac} AC · ${lf} LF`;
}
