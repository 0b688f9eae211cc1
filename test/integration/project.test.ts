import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlodTaggerApi } from '../../src/extension/extension';
import { api, closeAll, fixtureUri, hoverAt, open, scratch, setting, sleep, until } from './helpers';
import { screenshotPath } from '../support/screenshots';
import { canScreenshot, screenshot } from './screenshot';

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

  /** The introduction chapter, with `\\acp{` typed at its end: where a key is being written. */
  async function typingKey(): Promise<{ editor: vscode.TextEditor; at: vscode.Position }> {
    const editor = await open(INTRO);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, ' A second \\acp{'));
    return { editor, at: editor.document.lineAt(editor.document.lineCount - 1).range.end };
  }

  it('completes the keys in \\ac{…} that another file declares, with their long forms, before any tagging', async () => {
    await setting('autoTag', false);
    try {
      const { editor, at } = await typingKey();
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        at,
        '{',
      );
      const ours = list.items
        .map((item) => (typeof item.label === 'string' ? { label: item.label } : item.label))
        .filter((label) => label.description)
        .map((label) => [label.label, label.description]);
      assert.deepEqual(ours, [
        ['OS', 'operating system'],
        ['VM', 'virtual machine'],
      ]);

      // A file alone, never tagged: its own declarations, from its text.
      const alone = await scratch('\\newacronym{cnn}{CNN}{convolutional neural network}\nA \\gls{c', 'latex');
      const own = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        alone.document.uri,
        alone.document.positionAt(alone.document.getText().length),
      );
      const cnn = own.items.find((item) => typeof item.label !== 'string' && item.label.label === 'cnn');
      assert.equal(plod.result(alone.document.uri), undefined, 'completion must not need tags');
      assert.ok(cnn && typeof cnn.label !== 'string');
      assert.equal(cnn.label.description, 'convolutional neural network');
      assert.equal(alone.document.getText(cnn.range as vscode.Range), 'c');
    } finally {
      await setting('autoTag', undefined);
    }
  });

  it('goes from a key in \\ac{…} to its declaration in another file of the project', async () => {
    const editor = await open(INTRO);
    const text = editor.document.getText();
    const key = editor.document.positionAt(text.indexOf('\\ac{OS}') + '\\ac{O'.length);
    const links = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      editor.document.uri,
      key,
    );
    const targets = links.map((link) =>
      'targetUri' in link ? [link.targetUri, link.targetRange] : [link.uri, link.range],
    ) as [vscode.Uri, vscode.Range][];
    assert.equal(targets.length, 1, JSON.stringify(targets));
    const [uri, range] = targets[0];
    assert.equal(uri.fsPath, fixtureUri('project/acronyms.tex').fsPath);
    const declaration = (await vscode.workspace.openTextDocument(uri)).getText(range);
    assert.equal(declaration, '\\acro{OS}{operating system}');
  });

  it('offers to declare a key that nothing declares, in the root preamble, with the package macro', async () => {
    await setting('autoTag', false);
    try {
      const { editor, at } = await typingKey();
      await editor.edit((edit) => edit.insert(at, 'GPU'));
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        editor.document.uri,
        end,
      );
      const declare = list.items.find(
        (item) =>
          typeof item.label !== 'string' && item.label.description === 'declare a new acronym (acronym)',
      );
      assert.ok(declare?.command, JSON.stringify(list.items.map((i) => i.label)));
      assert.equal(typeof declare.label === 'string' ? declare.label : declare.label.label, 'GPU');
      const [options] = declare.command.arguments as [{ uri: string; key: string }];
      const written = await vscode.commands.executeCommand<boolean>(declare.command.command, {
        ...options,
        short: 'GPU',
        long: 'graphics processing unit',
      });
      assert.equal(written, true);
      const main = await vscode.workspace.openTextDocument(fixtureUri('project/main.tex'));
      assert.match(
        main.getText(),
        /\\usepackage\{acronym\}\n\\acrodef\{GPU\}\[GPU\]\{graphics processing unit\}\n\\begin\{document\}/,
      );
      await vscode.window.showTextDocument(main);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      await setting('autoTag', undefined);
    }
  });

  it('shows the completion of an acronym key, from the real workbench', async function () {
    if (!canScreenshot()) this.skip();
    await setting('autoTag', false);
    try {
      const { editor, at } = await typingKey();
      editor.selection = new vscode.Selection(at, at);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await sleep(1500);
      const file = await screenshot(
        screenshotPath(path.join(__dirname, '..', '..'), 'screenshot-completion.png'),
      );
      assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is empty');
      await vscode.commands.executeCommand('hideSuggestWidget');
    } finally {
      await setting('autoTag', undefined);
    }
  });
});
