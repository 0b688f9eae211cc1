// Checks that the harness really runs inside VS Code: the API is there, the fixture workspace is open,
// documents open in an editor, and the runner can take a screenshot. Tests nothing of the extension.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { canScreenshot, screenshot } from './screenshot';

describe('VS Code host (smoke)', () => {
  it('exposes the vscode API with a semver version', () => {
    assert.match(vscode.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  });

  it('opens the fixture workspace and shows paper.md in an editor', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const uri = vscode.Uri.joinPath(folder.uri, 'paper.md');
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.languageId, 'markdown');
    assert.ok(doc.getText().length > 0, 'paper.md is not empty');
    const editor = await vscode.window.showTextDocument(doc);
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
  });

  it('knows the languages the extension tags', async () => {
    const languages = await vscode.languages.getLanguages();
    for (const id of ['plaintext', 'markdown', 'latex'])
      assert.ok(languages.includes(id), `language ${id} is known`);
  });

  it('takes a screenshot of the workbench through the runner', async function () {
    if (!canScreenshot()) this.skip();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plod-smoke-')), 'smoke.png');
    await screenshot(file);
    const head = fs.readFileSync(file).subarray(0, 8);
    assert.deepEqual([...head], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  });
});
