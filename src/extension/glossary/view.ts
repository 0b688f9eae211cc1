import * as vscode from 'vscode';
import { entryLocations } from '../../core/glossary/locations';
import {
  documentNodes,
  REVEAL_COMMAND,
  workspaceNodes,
  type GlossaryNode,
  type GlossaryScope,
  type RevealTarget,
} from './tree';
import type { FileGlossary } from '../../core/types';
import type { DocumentResult, ResultStore } from '../tagging/results';
import type { WorkspaceGlossary } from './workspaceGlossary';

export type { GlossaryNode, GlossaryScope, RevealTarget } from './tree';

const SCOPE_CONTEXT = 'plodTagger.glossaryScope';

/** The "PLOD Glossary" view in the Explorer: the active document's glossary, or the workspace's. */
export class GlossaryView implements vscode.TreeDataProvider<GlossaryNode>, vscode.Disposable {
  private scope: GlossaryScope = 'document';
  private documentUri: vscode.Uri | undefined = vscode.window.activeTextEditor?.document.uri;
  private readonly changed = new vscode.EventEmitter<GlossaryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<GlossaryNode>;
  private readonly disposables: vscode.Disposable[];
  /** The document scope's rows, built once per result. */
  private readonly documentNodes = new WeakMap<DocumentResult, GlossaryNode[]>();

  constructor(
    private readonly results: ResultStore,
    private readonly workspace: WorkspaceGlossary,
  ) {
    this.view = vscode.window.createTreeView('plodTagger.glossary', {
      treeDataProvider: this,
      showCollapseAll: true,
    });
    this.disposables = [
      this.view,
      this.changed,
      results.onDidChange((uri) => {
        if (this.scope === 'document' && uri === this.documentUri?.toString()) this.refresh();
      }),
      // After "PLOD: Tag Workspace", show what it found.
      workspace.onDidChange((change) => {
        // setScope() switches at once; only the menus' context key waits for VS Code.
        if (change === 'scan' && this.scope !== 'workspace') void this.setScope('workspace');
        else if (this.scope === 'workspace') this.refresh();
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (!editor || editor.document.uri.scheme === 'output') return;
        this.documentUri = editor.document.uri;
        if (this.scope === 'document') this.refresh();
      }),
    ];
    // As above: the scope is set at once, the context key follows.
    void this.setScope('document');
  }

  register(): vscode.Disposable[] {
    return [
      vscode.commands.registerCommand('plodTagger.glossary.showWorkspace', () => this.setScope('workspace')),
      vscode.commands.registerCommand('plodTagger.glossary.showDocument', () => this.setScope('document')),
      vscode.commands.registerCommand(REVEAL_COMMAND, (target: RevealTarget) => revealTarget(target)),
    ];
  }

  get currentScope(): GlossaryScope {
    return this.scope;
  }

  async setScope(scope: GlossaryScope): Promise<void> {
    this.scope = scope;
    await vscode.commands.executeCommand('setContext', SCOPE_CONTEXT, scope);
    this.refresh();
  }

  /** The rows of the current scope (the whole tree). */
  nodes(): GlossaryNode[] {
    if (this.scope === 'workspace')
      return workspaceNodes(this.workspace.merged(), this.workspace.scannedFiles());
    const uri = this.documentUri;
    const result = uri && this.results.get(uri);
    const document = uri && vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!uri || !result || !document) return [];
    let nodes = this.documentNodes.get(result);
    if (!nodes) {
      const locations = entryLocations(document.getText(), result.glossary, result.spans);
      nodes = documentNodes(uri.toString(), vscode.workspace.asRelativePath(uri), result.glossary, locations);
      this.documentNodes.set(result, nodes);
    }
    return nodes;
  }

  /** Whether the current scope has no rows, without building them: the view asks for rows only when shown. */
  private isEmpty(): boolean {
    if (this.scope === 'workspace') return this.workspace.merged().length === 0;
    const result = this.documentUri && this.results.get(this.documentUri);
    return !result || result.glossary.length === 0;
  }

  /** The glossaries an export writes: the document's (one file) or the workspace's (sorted by path). */
  fileGlossaries(scope: GlossaryScope = this.scope): FileGlossary[] {
    if (scope === 'workspace') return this.workspace.fileGlossaries();
    const uri = this.documentUri;
    const result = uri && this.results.get(uri);
    return uri && result ? [{ file: vscode.workspace.asRelativePath(uri), entries: result.glossary }] : [];
  }

  /** The document the document scope shows (the active editor's, or the last one). */
  get document(): vscode.Uri | undefined {
    return this.documentUri;
  }

  getChildren(node?: GlossaryNode): GlossaryNode[] {
    return node ? node.children : this.nodes();
  }

  getTreeItem(node: GlossaryNode): vscode.TreeItem {
    const item = new vscode.TreeItem(
      node.label,
      node.children.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    item.command = node.command;
    item.contextValue = node.children.length ? 'abbreviation' : 'mention';
    return item;
  }

  private refresh(): void {
    const empty = this.isEmpty();
    const name = this.documentUri ? vscode.workspace.asRelativePath(this.documentUri) : undefined;
    this.view.description = this.scope === 'workspace' ? 'Workspace' : name;
    this.view.message = !empty
      ? undefined
      : this.scope === 'workspace'
        ? this.workspace.isEmpty
          ? 'Run "PLOD: Tag Workspace" to build the glossary of every paper in the workspace.'
          : 'No abbreviations were found in the workspace.'
        : 'No abbreviations in the active document yet. Tag it with "PLOD: Tag Document".';
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** Open the document and select the range. */
export async function revealTarget(target: RevealTarget): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
  const selection = new vscode.Selection(document.positionAt(target.start), document.positionAt(target.end));
  const editor = await vscode.window.showTextDocument(document, { selection, preview: false });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
