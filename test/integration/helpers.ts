import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlodTaggerApi } from '../../src/extension/extension';

export const EXTENSION_ID = 'plod.plod-tagger';

export async function api(): Promise<PlodTaggerApi> {
  const extension = vscode.extensions.getExtension<PlodTaggerApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.activate();
}

export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need the fixtures folder open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

/**
 * Open an untitled document with the given text and language, shown in an editor. Just after an untitled document
 * was closed, code-server may give the new one the same name (`Untitled-1`) and, for a moment, the closed one's
 * text: that is waited out, or a test would tag the old text under the new document's name.
 */
export async function scratch(content: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ content, language });
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  const lf = (text: string) => text.replace(/\r\n?/g, '\n');
  await until(
    'the new untitled document holds its own text',
    () => lf(editor.document.getText()) === lf(content),
  );
  return editor;
}

export async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('plodTagger').update(key, value, vscode.ConfigurationTarget.Global);
}

/** The hover markdown at an offset, with the non-breaking spaces of `appendText` read as spaces. */
export async function hoverAt(document: vscode.TextDocument, offset: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    document.uri,
    document.positionAt(offset),
  );
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n')
    .replace(/&nbsp;/g, ' ');
}

/** Every offset where `needle` occurs as a whole word in `text`. */
export function wordOffsets(text: string, needle: string): number[] {
  const found: number[] = [];
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}])${needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`,
    'gu',
  );
  for (const match of text.matchAll(pattern)) found.push(match.index ?? 0);
  return found;
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Waits until `check` holds: results, diagnostics and settings follow each other asynchronously. */
export async function until(what: string, check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(50);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `plod-tagger serve --model rules` of the copy in `folder` on a free port of 127.0.0.1, started as a user would. */
export function startServer(
  folder: string,
  apiKey: string,
  extraArgs: string[] = [],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [path.join(folder, 'bin', 'plod-tagger.js'), 'serve', '--port', '0', '--model', 'rules', ...extraArgs],
    { env: { ...process.env, PLOD_API_KEY: apiKey }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (match) resolve({ url: match[1], child });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) =>
      reject(new Error(`the server in ${folder} exited with ${code}: …${output.slice(-1500)}`)),
    );
  });
}
