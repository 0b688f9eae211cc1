import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ShareReport } from '../../src/extension/glossary/spellCheckers';
import { screenshotPath } from '../support/screenshots';
import { api, closeAll, fixtureUri, open, setting, sleep } from './helpers';
import { canScreenshot, screenshot } from './screenshot';

/**
 * Code Spell Checker is not on the npm registry, nor is a VSIX of it reachable here, so these tests read the
 * files the command writes, and the settings as VS Code reads them back.
 */
describe('sharing abbreviations with spell checkers in a real VS Code', function () {
  this.timeout(120_000);
  const dir = () => fixtureUri('.vscode').fsPath;

  before(async () => {
    fs.rmSync(dir(), { recursive: true, force: true });
    await setting('model', 'rules');
  });
  after(async () => {
    fs.rmSync(dir(), { recursive: true, force: true });
    await setting('model', undefined);
    await closeAll();
  });

  async function share(settings: ('cspell' | 'ltex')[]): Promise<ShareReport | undefined> {
    const plod = await api();
    await open('paper.tex');
    await vscode.commands.executeCommand('plodTagger.tagDocument');
    await plod.whenIdle();
    await plod.setGlossaryScope('document');
    return vscode.commands.executeCommand<ShareReport | undefined>('plodTagger.shareWithSpellCheckers', {
      settings,
    });
  }

  it('writes the word file, and no settings unless asked to', async () => {
    const report = await share([]);
    assert.ok(report);
    const words = fs.readFileSync(path.join(dir(), 'plod-abbreviations.txt'), 'utf8').split('\n');
    assert.ok(words.includes('CNN') && words.includes('CNNs'), words.join(' '));
    assert.equal(report.words, words.filter((w) => w && !w.startsWith('#')).length);
    assert.equal(fs.existsSync(path.join(dir(), 'settings.json')), false);
  });

  it('adds the word file to Code Spell Checker and the words to LTeX+, where VS Code reads them', async () => {
    const report = await share(['cspell', 'ltex']);
    assert.deepEqual(report?.settings, ['cspell', 'ltex']);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    await waitFor(() => {
      const dictionaries = vscode.workspace
        .getConfiguration('cSpell', folder)
        .inspect<Record<string, { path: string }>>('customDictionaries')?.workspaceValue;
      return (
        dictionaries?.['plod-abbreviations']?.path === '${workspaceFolder}/.vscode/plod-abbreviations.txt'
      );
    }, 'cSpell.customDictionaries in the workspace settings');
    const ltex = vscode.workspace
      .getConfiguration('ltex', folder)
      .inspect<Record<string, string[]>>('dictionary');
    assert.ok(ltex?.workspaceValue?.['en-US']?.includes('CNN'), JSON.stringify(ltex?.workspaceValue));
    // Run again: the words are not repeated.
    await share(['ltex']);
    const again = JSON.parse(fs.readFileSync(path.join(dir(), 'settings.json'), 'utf8')) as Record<
      string,
      Record<string, string[]>
    >;
    const list = again['ltex.dictionary']['en-US'];
    assert.equal(list.length, new Set(list).size);
  });

  it('takes the README screenshot of the word file and the question about the settings', async function () {
    if (!canScreenshot()) this.skip();
    await share([]);
    const words = await vscode.workspace.openTextDocument(path.join(dir(), 'plod-abbreviations.txt'));
    await vscode.window.showTextDocument(words, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    const asked = vscode.commands.executeCommand('plodTagger.shareWithSpellCheckers');
    await sleep(1500);
    const file = await screenshot(
      screenshotPath(path.join(__dirname, '..', '..'), 'screenshot-spelling.png'),
    );
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is empty');
    await vscode.commands.executeCommand('notifications.clearAll');
    await asked;
  });
});

async function waitFor(ok: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
