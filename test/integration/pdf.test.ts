import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { screenshotPath } from '../support/screenshots';
import { api, closeAll, fixtureUri, hoverAt, setting, sleep, until } from './helpers';
import { canScreenshot, screenshot } from './screenshot';

const EXPECTED = fs.readFileSync(fixtureUri('pdf/two-column.txt').fsPath, 'utf8');

async function openPdf(name: string): Promise<vscode.TextDocument | undefined> {
  return vscode.commands.executeCommand<vscode.TextDocument | undefined>(
    'plodTagger.openPdf',
    fixtureUri(`pdf/${name}`),
  );
}

describe('PLOD: Open PDF as Text', function () {
  this.timeout(120_000);
  afterEach(() => closeAll());

  it('opens the PDF’s text read-only, and tags it with offsets into that text', async () => {
    const plod = await api();
    const document = await openPdf('two-column.pdf');
    assert.ok(document, plod.pdfProblem());
    assert.equal(document.uri.scheme, 'plod-pdf');
    assert.equal(document.languageId, 'plaintext');
    assert.equal(document.getText(), EXPECTED);
    assert.equal(vscode.window.activeTextEditor?.document, document);
    await until(
      'the PDF is tagged',
      () => plod.result(document.uri)?.spans.some((s) => s.label === 'LF') === true,
      60_000,
    );
    await plod.whenIdle();
    const spans = plod.result(document.uri)?.spans ?? [];
    const long = EXPECTED.indexOf('support vector machine');
    const short = EXPECTED.indexOf('(SVM)') + 1;
    assert.ok(
      spans.some((s) => s.label === 'LF' && s.start === long && s.end === long + 22),
      JSON.stringify(spans),
    );
    assert.ok(spans.some((s) => s.label === 'AC' && s.start === short && s.end === short + 3));
    const later = EXPECTED.indexOf('SVM', short + 3);
    const hover = await hoverAt(document, later + 1);
    assert.match(hover, /Abbreviation \*\*SVM\*\*/);
    assert.match(hover, /support vector machine/);
    const line = document.positionAt(long).line + 1;
    assert.match(hover, new RegExp(`Defined on line ${line} · used 3 times`));
  });

  it('shows the PDF’s abbreviations in the glossary view, and ignores typing', async () => {
    const plod = await api();
    const document = await openPdf('two-column.pdf');
    assert.ok(document);
    await plod.whenIdle();
    await plod.setGlossaryScope('document');
    await until('the glossary lists SVM', () =>
      plod
        .glossaryTree()
        .some((n) => n.label === 'SVM' && n.description.startsWith('support vector machine · 3 ')),
    );
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('type', { text: 'typed into a read-only PDF ' });
    await sleep(200);
    assert.equal(document.getText(), EXPECTED);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      new vscode.Range(0, 0, document.lineCount, 0),
    );
    assert.deepEqual(
      actions.filter((a) => a.edit).map((a) => a.title),
      [],
      'no fix is offered for a text that cannot be edited',
    );
  });

  it('says that a scanned PDF has no text layer and that an encrypted one needs its password', async () => {
    const plod = await api();
    const before = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'plod-pdf').length;
    assert.equal(await openPdf('scanned.pdf'), undefined);
    assert.match(plod.pdfProblem() ?? '', /^scanned\.pdf has no text layer: it looks like a scan\. Run OCR/);
    assert.equal(await openPdf('encrypted.pdf'), undefined);
    assert.match(plod.pdfProblem() ?? '', /^encrypted\.pdf is encrypted with a password/);
    const after = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'plod-pdf').length;
    assert.equal(after, before, 'no document was opened for them');
  });

  it('takes the README screenshot of a tagged PDF with a hover open', async function () {
    if (!canScreenshot()) this.skip();
    const plod = await api();
    await setting('decorationStyle', 'background');
    const document = await openPdf('two-column.pdf');
    assert.ok(document);
    await plod.whenIdle();
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    await vscode.commands.executeCommand('editor.action.toggleWordWrap');
    const at = document.positionAt(EXPECTED.indexOf('SVM', EXPECTED.indexOf('(SVM)') + 4) + 1);
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1500);
    const file = await screenshot(screenshotPath(path.join(__dirname, '..', '..'), 'screenshot-pdf.png'));
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is empty');
    await vscode.commands.executeCommand('editor.action.toggleWordWrap');
    await setting('decorationStyle', undefined);
  });
});
