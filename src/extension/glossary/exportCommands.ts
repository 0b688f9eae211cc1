import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { feedbackToConll, parseFeedback } from '../../feedback/record';
import {
  formatGlossaries,
  GLOSSARY_EXTENSIONS,
  GLOSSARY_FORMATS,
  type GlossaryFormat,
} from '../../core/glossary/formats';
import type { GlossaryScope, GlossaryView } from './view';
import type { Log } from '../log';

export interface ExportGlossaryOptions {
  format?: GlossaryFormat;
  scope?: GlossaryScope;
  /** A file path to write to without asking (the tests give one). */
  target?: string;
}

const FORMAT_PICKS: { label: string; description: string; format: GlossaryFormat }[] = [
  { label: 'LaTeX: \\newacronym', description: 'glossaries package', format: 'latex' },
  { label: 'LaTeX: \\acro', description: 'acronym package', format: 'acronym' },
  { label: 'Markdown table', description: 'one table per file', format: 'markdown' },
  { label: 'CSV', description: 'file, short, long, count, definition offsets', format: 'csv' },
  { label: 'JSON', description: 'as plod-tagger glossary --format json', format: 'json' },
];

const DEFAULT_NAMES: Partial<Record<GlossaryFormat, string>> = { acronym: 'acronyms' };

/** "PLOD: Export Glossary…" and "PLOD: Export Corrections as CoNLL…". */
export function registerExportCommands(
  view: GlossaryView,
  feedbackFile: () => string,
  log: Log,
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('plodTagger.exportGlossary', (options: ExportGlossaryOptions = {}) =>
      exportGlossary(view, options, log),
    ),
    vscode.commands.registerCommand('plodTagger.exportFeedback', (options: { target?: string } = {}) =>
      exportFeedback(feedbackFile(), options.target, log),
    ),
  ];
}

async function exportGlossary(
  view: GlossaryView,
  options: ExportGlossaryOptions,
  log: Log,
): Promise<string | undefined> {
  const scope = options.scope ?? view.currentScope;
  const glossaries = view.fileGlossaries(scope);
  if (glossaries.length === 0) {
    void vscode.window.showInformationMessage(
      scope === 'workspace'
        ? 'PLOD Tagger: no workspace glossary yet; run "PLOD: Tag Workspace" first.'
        : 'PLOD Tagger: the active document has no glossary yet; tag it first.',
    );
    return undefined;
  }
  if (options.format !== undefined && !GLOSSARY_FORMATS.includes(options.format)) {
    throw new Error(
      `PLOD Tagger: unknown glossary format "${options.format}" (${GLOSSARY_FORMATS.join(', ')})`,
    );
  }
  const format =
    options.format ??
    (await vscode.window.showQuickPick(FORMAT_PICKS, { title: 'PLOD Tagger: export the glossary as' }))
      ?.format;
  if (!format) return undefined;
  const base =
    scope === 'document' && view.document
      ? `${stem(view.document)}-glossary`
      : (DEFAULT_NAMES[format] ?? 'glossary');
  const target = await targetUri(
    options.target,
    `${base}.${GLOSSARY_EXTENSIONS[format]}`,
    format.toUpperCase(),
  );
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(formatGlossaries(glossaries, format)));
  log.info(`glossary (${scope}, ${glossaries.length} files, ${format}) written to ${target.fsPath}`);
  void vscode.window.showInformationMessage(
    `PLOD Tagger: glossary written to ${vscode.workspace.asRelativePath(target)}.`,
  );
  return target.fsPath;
}

async function exportFeedback(
  file: string,
  target: string | undefined,
  log: Log,
): Promise<string | undefined> {
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const records = parseFeedback(text);
  if (records.length === 0) {
    void vscode.window.showInformationMessage(
      'PLOD Tagger: no corrections yet; use "PLOD: Mark as Wrong / Correct Label".',
    );
    return undefined;
  }
  const uri = await targetUri(target, 'plod-corrections.conll', 'CoNLL');
  if (!uri) return undefined;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(feedbackToConll(records)));
  log.info(`${records.length} corrections written as CoNLL to ${uri.fsPath}`);
  void vscode.window.showInformationMessage(
    `PLOD Tagger: ${records.length} corrections written to ${vscode.workspace.asRelativePath(uri)}.`,
  );
  return uri.fsPath;
}

/** The given path, or the one picked in a save dialog (starting in the first workspace folder). */
async function targetUri(
  target: string | undefined,
  name: string,
  kind: string,
): Promise<vscode.Uri | undefined> {
  if (target) return vscode.Uri.file(target);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const extension = name.slice(name.lastIndexOf('.') + 1);
  return vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { [kind]: [extension] },
    saveLabel: 'Export',
  });
}

function stem(uri: vscode.Uri): string {
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return name.replace(/\.[^.]+$/, '') || 'document';
}
