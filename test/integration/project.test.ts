import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PlodTaggerApi } from '../../src/extension/extension';
import { api, closeAll, hoverAt, open, scratch, setting, until } from './helpers';

const INTRO = 'project/chapters/intro.tex';
const METHOD = 'project/chapters/method.tex';

function ours(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'plod-tagger')
    .map((d) => `${String(d.code)}: ${d.message}`);
}

describe('a LaTeX project of several files in a real VS Code', function () {
  this.timeout(120_000);
  let plod: PlodTaggerApi;

  before(async () => {
    plod = await api();
  });

  beforeEach(async () => {
    await setting('model', 'rules');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAll();
    await setting('model', undefined);
    await plod.whenIdle();
  });

  async function tagged(editor: vscode.TextEditor): Promise<vscode.TextDocument> {
    await vscode.commands.executeCommand('plodTagger.tagDocument');
    await plod.whenIdle();
    assert.equal(plod.result(editor.document.uri)?.version, editor.document.version);
    return editor.document;
  }

  it('gives a chapter the acronyms that another file declares, in the hover and with no "never defined"', async () => {
    const document = await tagged(await open(INTRO));
    const result = plod.result(document.uri);
    assert.equal(result?.project, 'project/main.tex');
    assert.deepEqual(
      result?.glossary.map((g) => [g.short, g.long, g.definition === null]),
      [
        ['VM', 'virtual machine', true],
        ['OS', 'operating system', true],
        ['IoT', 'Internet of Things', false],
        ['GPU', null, true],
      ],
    );
    const hover = await hoverAt(document, document.getText().indexOf('\\ac{VM}') + 4);
    assert.match(hover, /virtual machine/);
    assert.match(hover, /Defined in another file of the project project\/main\.tex · used 1 time here/);
    // GPU is what the chapter uses and nothing defines: its diagnostic shows the checks have run.
    await until('the diagnostics are published', () => ours(document.uri).length > 0);
    assert.deepEqual(
      ours(document.uri).filter((d) => d.startsWith('undefined')),
      ['undefined: GPU is used once but never defined (first use on line 2)'],
      'nothing the project defines is "never defined"',
    );
  });

  it('follows a %!TEX root comment, and a definition in a sibling chapter, at the file’s own offsets', async () => {
    const document = await tagged(await open(METHOD));
    const result = plod.result(document.uri);
    assert.equal(result?.project, 'project/main.tex');
    const text = document.getText();
    assert.deepEqual(
      result?.spans.map((s) => [s.label, text.slice(s.start, s.end)]),
      [
        ['AC', '\\ac{VM}'],
        ['AC', 'IoT'],
      ],
    );
    assert.equal(result?.glossary.find((g) => g.short === 'IoT')?.long, 'Internet of Things');
  });

  it('reads an unsaved edit of another file of the project, and a copy outside the project stands alone', async () => {
    const acronyms = await open('project/acronyms.tex');
    await acronyms.edit((edit) =>
      edit.replace(
        new vscode.Range(
          acronyms.document.positionAt(0),
          acronyms.document.positionAt(acronyms.document.getText().length),
        ),
        acronyms.document.getText().replace('virtual machine', 'virtual memory'),
      ),
    );
    const document = await tagged(await open(INTRO));
    assert.equal(plod.result(document.uri)?.glossary.find((g) => g.short === 'VM')?.long, 'virtual memory');
    await vscode.window.showTextDocument(acronyms.document);
    await vscode.commands.executeCommand('workbench.action.files.revert');

    const copy = await tagged(await scratch(document.getText(), 'latex'));
    const alone = plod.result(copy.uri);
    assert.equal(alone?.project, undefined);
    assert.equal(alone?.glossary.find((g) => g.short === 'VM')?.long, null);
    await until('the copy says VM is never defined', () =>
      ours(copy.uri).some((d) => d.startsWith('undefined: VM is used once but never defined')),
    );
  });
});
