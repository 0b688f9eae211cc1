import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { screenshotPath } from '../support/screenshots';
import { api, closeAll, hoverAt, scratch, setting, sleep, until } from './helpers';
import { canScreenshot, screenshot } from './screenshot';

const RADIOLOGY =
  'Each patient had a chest CT with contrast. The CT scan showed a lesion in the organ, and the radiation dose of every CT was recorded.\n';

async function tagged(text: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const plod = await api();
  const editor = await scratch(text, language);
  await vscode.commands.executeCommand('plodTagger.tagDocument');
  await plod.whenIdle();
  return editor;
}

/** The hover as a user reads it: `appendText` escapes markdown punctuation such as brackets. */
async function hoverText(document: vscode.TextDocument, offset: number): Promise<string> {
  return (await hoverAt(document, offset)).replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1');
}

async function codeActions(document: vscode.TextDocument, offset: number): Promise<vscode.CodeAction[]> {
  const at = document.positionAt(offset);
  await until('the assistant reports CT', () =>
    vscode.languages.getDiagnostics(document.uri).some((d) => d.range.contains(at)),
  );
  return vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    document.uri,
    new vscode.Range(at, at),
    vscode.CodeActionKind.QuickFix.value,
  );
}

describe('Guessed long forms of abbreviations a document never defines', function () {
  this.timeout(120_000);
  let tmp: string;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-guesses-'));
  });

  afterEach(async () => {
    await setting('guesses.glossaryFile', undefined);
    await setting('guesses.enabled', undefined);
    await setting('guesses.dictionaries', undefined);
    await closeAll();
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('hovers with the shipped dictionaries’ guesses, said to be guesses, with their sources', async () => {
    const editor = await tagged(RADIOLOGY);
    const hover = await hoverText(editor.document, RADIOLOGY.indexOf('CT') + 1);
    assert.match(hover, /CT is used 3 times but never defined in this document\./);
    assert.match(
      hover,
      /Guesses at its long form, likeliest first:\n1\. computed tomography \(also computerized tomography, computed axial tomography, computerized axial tomography\) — WordNet 3\.0 dictionary\n2\. /,
    );
  });

  it('puts the user’s glossary file first, and still guesses when the file is broken', async () => {
    const file = path.join(tmp, 'mine.tsv');
    fs.writeFileSync(file, 'CT\tcycle threshold\n');
    await setting('guesses.glossaryFile', file);
    const editor = await tagged(RADIOLOGY);
    const offset = RADIOLOGY.indexOf('CT') + 1;
    assert.match(
      await hoverText(editor.document, offset),
      /\n1\. cycle threshold — your glossary mine\.tsv\n2\. computed tomography \(also [^)]*\) — WordNet 3\.0 dictionary/,
    );
    fs.writeFileSync(file, 'prose with no pairs\n');
    assert.match(
      await hoverText(editor.document, offset),
      /\n1\. computed tomography \(also [^)]*\) — WordNet 3\.0 dictionary/,
    );
  });

  it('gives nothing when guesses are off, and reads only the dictionaries the setting names', async () => {
    const editor = await tagged(RADIOLOGY);
    const offset = RADIOLOGY.indexOf('CT') + 1;
    await setting('guesses.dictionaries', ['vera']);
    const vera = await hoverText(editor.document, offset);
    assert.match(vera, /V\.E\.R\.A\. dictionary/);
    assert.doesNotMatch(vera, /WordNet/);
    await setting('guesses.enabled', false);
    const off = await hoverText(editor.document, offset);
    assert.match(off, /CT is used 3 times but never defined/);
    assert.doesNotMatch(off, /Guess/);
  });

  it('defines the abbreviation at its first use with the chosen guess, as a quick fix', async () => {
    const editor = await tagged(RADIOLOGY);
    const first = RADIOLOGY.indexOf('CT');
    const actions = await codeActions(editor.document, first + 1);
    const titles = actions.map((a) => a.title);
    const title = 'Define CT at its first use as “computed tomography” (a guess from WordNet 3.0 dictionary)';
    assert.ok(titles.includes(title), titles.join('\n'));
    const action = actions.find((a) => a.title === title);
    assert.ok(action?.edit);
    assert.notEqual(action.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    assert.equal(editor.document.getText(), RADIOLOGY.replace('chest CT', 'chest computed tomography (CT)'));
  });

  it('guesses from the other papers of the last workspace scan, naming the file', async () => {
    const report = await vscode.commands.executeCommand<{ files: number } | undefined>(
      'plodTagger.tagWorkspace',
      {
        include: 'workspace/*.md',
      },
    );
    assert.ok(report, 'the scan ran');
    const text = 'Each EHR is kept for ten years, and every EHR is audited.\n';
    const editor = await tagged(text);
    assert.match(
      await hoverText(editor.document, text.indexOf('EHR') + 1),
      /\n1\. electronic health records — defined in workspace\/intro\.md/,
    );
  });

  it('takes the README screenshot of a guessing hover', async function () {
    if (!canScreenshot()) this.skip();
    const editor = await tagged(RADIOLOGY);
    const at = editor.document.positionAt(RADIOLOGY.indexOf('CT') + 1);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1500);
    const file = await screenshot(screenshotPath(path.join(__dirname, '..', '..'), 'screenshot-guesses.png'));
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is empty');
  });
});
