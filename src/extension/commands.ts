import * as vscode from 'vscode';
import { listModels, RULES_MODEL } from '../core/models';
import { readSettings, SECTION } from './config';
import type { TaggingController } from './tagging/controller';
import type { Log } from './log';

export function registerCommands(controller: TaggingController, log: Log): vscode.Disposable[] {
  const editorOrWarn = () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) void vscode.window.showInformationMessage('PLOD Tagger: open a document first.');
    return editor;
  };
  return [
    vscode.commands.registerCommand('plodTagger.tagDocument', async () => {
      const editor = editorOrWarn();
      if (editor) await controller.tagDocument(editor.document);
    }),
    vscode.commands.registerCommand('plodTagger.tagSelection', async () => {
      const editor = editorOrWarn();
      if (!editor) return;
      if (editor.selection.isEmpty) {
        void vscode.window.showInformationMessage('PLOD Tagger: select some text to tag first.');
        return;
      }
      await controller.tagRange(editor.document, editor.selection);
    }),
    vscode.commands.registerCommand('plodTagger.clear', () => {
      const editor = editorOrWarn();
      if (editor) controller.clear(editor.document.uri);
    }),
    vscode.commands.registerCommand('plodTagger.selectModel', () => selectModel()),
    vscode.commands.registerCommand('plodTagger.toggleAutoTag', async () => {
      const next = !readSettings().autoTag;
      await vscode.workspace
        .getConfiguration(SECTION)
        .update('autoTag', next, vscode.ConfigurationTarget.Global);
      void vscode.window.showInformationMessage(`PLOD Tagger: auto-tagging is ${next ? 'on' : 'off'}.`);
    }),
    vscode.commands.registerCommand('plodTagger.showLog', () => log.show()),
  ];
}

interface ModelPick extends vscode.QuickPickItem {
  model?: string;
  custom?: true;
}

async function selectModel(): Promise<void> {
  const settings = readSettings();
  const current = settings.customModelPath ? undefined : settings.model;
  const items: ModelPick[] = [
    ...listModels().map((m) => ({
      label: m.name,
      description: m.name === current ? `${m.displayName} (current)` : m.displayName,
      detail: m.description,
      model: m.name,
    })),
    {
      label: RULES_MODEL,
      description:
        RULES_MODEL === current ? 'Casing and definition rules (current)' : 'Casing and definition rules',
      detail: 'No model file: a fast baseline',
      model: RULES_MODEL,
    },
    { label: 'Custom model folder…', detail: 'Any HF-format ONNX token-classification folder', custom: true },
  ];
  const pick = await vscode.window.showQuickPick(items, { title: 'PLOD Tagger: choose a model' });
  if (!pick) return;
  const config = vscode.workspace.getConfiguration(SECTION);
  if (pick.custom) {
    const folder = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      openLabel: 'Use this model',
    });
    if (folder?.[0])
      await config.update('customModelPath', folder[0].fsPath, vscode.ConfigurationTarget.Global);
    return;
  }
  await config.update('customModelPath', undefined, vscode.ConfigurationTarget.Global);
  await config.update('model', pick.model, vscode.ConfigurationTarget.Global);
}
