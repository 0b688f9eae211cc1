import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PlodTaggerApi } from '../../src/extension/extension';
import { AbbreviationNavigation } from '../../src/extension/assistant/navigation';
import { AssistModels } from '../../src/extension/assistant/models';
import { ResultStore } from '../../src/extension/tagging/results';
import { api, closeAll, open, scratch, setting, until } from './helpers';

const MD = 'assistant/draft.md';
const TEX = 'assistant/draft.tex';

/** [code, 1-based line, message, lines of the related places] of the extension's diagnostics. */
type Summary = [string, number, string, number[]];

const MD_DIAGNOSTICS: Summary[] = [
  ['used-before-definition', 3, 'CNN is used before its definition on line 4', [4]],
  [
    'repeated-long-form',
    5,
    '“Convolutional Neural Network” is written out again; CNN is defined on line 4',
    [4],
  ],
  ['redefined', 8, 'MSE is defined again as “mean signed error”, but on line 7 as “mean squared error”', [7]],
  ['unused-definition', 10, 'SVM is defined on line 10 but never used', []],
  ['single-use', 11, 'RMS is used only once, on line 11; the long form alone may read better', [11]],
  ['undefined', 12, 'GPU is used once but never defined (first use on line 12)', []],
];

// No unused-definition for \newacronym{svm}: glossaries prints only the entries used.
const TEX_DIAGNOSTICS: Summary[] = [
  ['single-use', 4, 'RMS is used only once, on line 14; the long form alone may read better', [14]],
  ['used-before-definition', 6, 'CNN is used before its definition on line 7', [7]],
  [
    'repeated-long-form',
    8,
    '“convolutional neural network” is written out again; CNN is defined on line 7',
    [7],
  ],
  [
    'redefined',
    12,
    'MSE is defined again as “mean signed error”, but on line 11 as “mean squared error”',
    [11],
  ],
  ['undefined', 15, 'GPU is used once but never defined (first use on line 15)', []],
];

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'plod-tagger');
}

function summary(diagnostics: vscode.Diagnostic[]): Summary[] {
  return diagnostics.map((d) => [
    String(d.code),
    d.range.start.line + 1,
    d.message,
    (d.relatedInformation ?? []).map((r) => r.location.range.start.line + 1),
  ]);
}

function rangeOf(document: vscode.TextDocument, start: number, length: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(start + length));
}

describe('writing assistant in a real VS Code', function () {
  this.timeout(120_000);
  let plod: PlodTaggerApi;

  /** Opens a fixture (or an untitled copy of it) tagged by the rules tagger. */
  async function tagged(name: string, copy = false): Promise<vscode.TextDocument> {
    let editor: vscode.TextEditor;
    if (copy) {
      const original = await vscode.workspace.openTextDocument((await open(name)).document.uri);
      editor = await scratch(original.getText(), original.languageId);
    } else editor = await open(name);
    await vscode.commands.executeCommand('plodTagger.tagDocument');
    await plod.whenIdle();
    const result = plod.result(editor.document.uri);
    assert.equal(result?.model, 'rules');
    assert.equal(result?.version, editor.document.version);
    return editor.document;
  }

  before(async () => {
    plod = await api();
  });

  beforeEach(async () => {
    await setting('model', 'rules');
  });

  afterEach(async () => {
    await closeAll();
    for (const key of [
      'model',
      'diagnostics.enabled',
      'diagnostics.severity',
      'diagnostics.disabledRules',
      'diagnostics.wellKnown',
    ])
      await setting(key, undefined);
    await plod.whenIdle();
  });

  describe('navigation', () => {
    it('goes from a Markdown mention to “long form (AC)”, selecting the AC', async () => {
      const document = await tagged(MD);
      const text = document.getText();
      const links = await vscode.commands.executeCommand<(vscode.LocationLink | vscode.Location)[]>(
        'vscode.executeDefinitionProvider',
        document.uri,
        document.positionAt(text.indexOf('the CNN beat') + 5),
      );
      const definition = text.indexOf('convolutional neural network (CNN)');
      assert.equal(links.length, 1);
      const [link] = links as vscode.LocationLink[];
      assert.equal(link.targetUri.toString(), document.uri.toString());
      assert.deepEqual(
        link.targetRange,
        rangeOf(document, definition, 'convolutional neural network (CNN)'.length),
      );
      assert.deepEqual(link.targetSelectionRange, rangeOf(document, text.indexOf('(CNN)') + 1, 3));
    });

    it('goes from a LaTeX \\ac mention to its \\newacronym', async () => {
      const document = await tagged(TEX);
      const text = document.getText();
      const links = await vscode.commands.executeCommand<vscode.LocationLink[]>(
        'vscode.executeDefinitionProvider',
        document.uri,
        document.positionAt(text.indexOf('\\ac{rms}') + 2),
      );
      const macro = '\\newacronym{rms}{RMS}{root mean square}';
      assert.equal(links.length, 1);
      assert.deepEqual(links[0].targetRange, rangeOf(document, text.indexOf(macro), macro.length));
    });

    it('finds every reference of an abbreviation, its definition included', async () => {
      const document = await tagged(MD);
      const text = document.getText();
      const locations = await vscode.commands.executeCommand<vscode.Location[]>(
        'vscode.executeReferenceProvider',
        document.uri,
        document.positionAt(text.indexOf('CNN') + 1),
      );
      const lines = text.split('\n');
      const offsetOf = (line: number, needle: string) =>
        lines.slice(0, line - 1).join('\n').length + 1 + lines[line - 1].indexOf(needle);
      const expected = [offsetOf(3, 'CNN'), offsetOf(4, '(CNN)') + 1, offsetOf(4, 'the CNN') + 4].map(
        (start) => rangeOf(document, start, 3),
      );
      assert.deepEqual(
        locations.map((l) => l.range),
        expected,
      );
    });

    it('lists the glossary in the Outline, with long forms as details', async () => {
      const document = await tagged(TEX);
      const text = document.getText();
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        document.uri,
      );
      const glossary = symbols.filter((s) => /^[A-Z]{3}$/.test(s.name));
      assert.deepEqual(
        glossary.map((s) => [s.name, s.detail]),
        [
          ['SVM', 'support vector machine'],
          ['RMS', 'root mean square'],
          ['CNN', 'convolutional neural network'],
          ['MSE', 'mean squared error'],
          ['GPU', 'not defined'],
        ],
      );
      const cnn = glossary[2];
      assert.deepEqual(
        cnn.range,
        rangeOf(document, text.indexOf('convolutional'), 'convolutional neural network (CNN)'.length),
      );
      assert.deepEqual(cnn.selectionRange, rangeOf(document, text.indexOf('(CNN)') + 1, 3));
    });

    it("waits for the whole document's tags rather than list a first paint's abbreviations", async () => {
      const editor = await scratch(
        'The body mass index (BMI) was high.\n\nAt the end, the heart rate (HR) was normal.',
      );
      await plod.whenIdle();
      const document = editor.document;
      const whole = plod.result(document.uri);
      assert.ok(whole);
      const cut = document.getText().indexOf('\n\n');
      // The visible paragraphs of a long document, as its first paint gives them.
      const firstPaint = {
        ...whole,
        firstPaint: true,
        range: { start: 0, end: cut },
        spans: whole.spans.filter((s) => s.end <= cut),
        glossary: whole.glossary.filter((g) => g.short === 'BMI'),
        assist: undefined,
      };
      const store = new ResultStore();
      const navigation = new AbbreviationNavigation(new AssistModels(store), store, () => true);
      try {
        assert.ok(store.set(document, firstPaint));
        const asked = navigation.provideDocumentSymbols(document, new vscode.CancellationTokenSource().token);
        assert.ok(store.set(document, { ...whole, assist: undefined }));
        assert.deepEqual(
          (await asked).map((s) => [s.name, s.detail]),
          [
            ['BMI', 'body mass index'],
            ['HR', 'heart rate'],
          ],
        );
      } finally {
        store.dispose();
      }
    });

    it('gives the Outline the tags of an edited draft once they come, never an empty list meanwhile', async () => {
      const document = await tagged(MD, true);
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
      assert.ok(editor);
      const end = document.positionAt(document.getText().length);
      await editor.edit((e) => e.insert(end, '\n\nThe heart rate (HR) was normal.\n'));
      // Asked at once, before the re-tag's debounce is over: the answer waits for the edited version's tags.
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        document.uri,
      );
      const names = symbols.map((s) => [s.name, s.detail]);
      assert.deepEqual(
        names.find(([name]) => name === 'HR'),
        ['HR', 'heart rate'],
        JSON.stringify(names),
      );
      assert.ok(
        names.some(([name]) => name === 'CNN'),
        JSON.stringify(names),
      );
    });
  });

  describe('diagnostics', () => {
    for (const [name, expected] of [
      [MD, MD_DIAGNOSTICS],
      [TEX, TEX_DIAGNOSTICS],
    ] as const) {
      it(`reports every abbreviation problem in ${name} as information (listed in the Problems view)`, async () => {
        const document = await tagged(name);
        await until('the diagnostics are published', () => ours(document.uri).length > 0);
        const diagnostics = ours(document.uri);
        assert.deepEqual(summary(diagnostics), expected);
        for (const d of diagnostics) assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
      });
    }

    it('follows the severity setting, drops disabled rules, and clears them all with the off switch', async () => {
      const document = await tagged(MD);
      await until('the diagnostics are published', () => ours(document.uri).length === MD_DIAGNOSTICS.length);
      await setting('diagnostics.severity', 'warning');
      await until('they are warnings', () =>
        ours(document.uri).every((d) => d.severity === vscode.DiagnosticSeverity.Warning),
      );
      assert.equal(ours(document.uri).length, MD_DIAGNOSTICS.length);
      await setting('diagnostics.disabledRules', ['undefined', 'single-use']);
      await until('two rules are off', () => ours(document.uri).length === MD_DIAGNOSTICS.length - 2);
      assert.ok(ours(document.uri).every((d) => d.code !== 'undefined' && d.code !== 'single-use'));
      await setting('diagnostics.disabledRules', ['single-use']);
      await setting('diagnostics.wellKnown', ['GPU']);
      await until('GPU needs no definition', () => ours(document.uri).length === MD_DIAGNOSTICS.length - 2);
      assert.ok(ours(document.uri).every((d) => d.code !== 'undefined'));
      await setting('diagnostics.wellKnown', undefined);
      await setting('diagnostics.disabledRules', ['undefined', 'single-use']);
      await setting('diagnostics.enabled', false);
      await until('they are gone', () => ours(document.uri).length === 0);
      await setting('diagnostics.enabled', undefined);
      await until('they are back', () => ours(document.uri).length === MD_DIAGNOSTICS.length - 2);
    });

    it('clears a document’s diagnostics when it closes', async () => {
      const document = await tagged(MD, true);
      await until('the diagnostics are published', () => ours(document.uri).length > 0);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await until('they are cleared', () => ours(document.uri).length === 0);
    });
  });

  describe('quick fixes', () => {
    /** Applies the action titled `title` that the extension offers at `range`; returns the new text. */
    async function applyFix(
      document: vscode.TextDocument,
      range: vscode.Range,
      title: string,
    ): Promise<string> {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        document.uri,
        range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const action = actions.find((a) => a.title === title);
      assert.ok(action?.edit, `no "${title}" among ${JSON.stringify(actions.map((a) => a.title))}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
      return document.getText();
    }

    /** The untitled, tagged copy of a fixture, and its diagnostic with `code`. */
    async function copyWith(name: string, code: string): Promise<[vscode.TextDocument, vscode.Diagnostic]> {
      const document = await tagged(name, true);
      await until('the diagnostics are published', () => ours(document.uri).length > 0);
      const diagnostic = ours(document.uri).find((d) => d.code === code);
      assert.ok(diagnostic, `no ${code}`);
      return [document, diagnostic];
    }

    for (const name of [MD, TEX]) {
      it(`defines CNN at its first use in ${name}, and shortens the later definition`, async () => {
        const [document, diagnostic] = await copyWith(name, 'used-before-definition');
        const before = document.getText();
        const after = await applyFix(document, diagnostic.range, 'Define CNN at its first use');
        assert.equal(
          after,
          before
            .replace('first trained a CNN on', 'first trained a convolutional neural network (CNN) on')
            .replace('A convolutional neural network (CNN) is', 'A CNN is'),
        );
      });
    }

    it('replaces the long form written out again by the abbreviation, in Markdown', async () => {
      const [document, diagnostic] = await copyWith(MD, 'repeated-long-form');
      const before = document.getText();
      const after = await applyFix(document, diagnostic.range, 'Use the abbreviation CNN');
      assert.equal(after, before.replace('the Convolutional Neural Network was', 'the CNN was'));
    });

    it('replaces the long form written out again by the abbreviation, inside LaTeX markup', async () => {
      const [document, diagnostic] = await copyWith(TEX, 'repeated-long-form');
      const before = document.getText();
      const after = await applyFix(document, diagnostic.range, 'Use the abbreviation CNN');
      assert.equal(after, before.replace('\\emph{convolutional neural network}', '\\emph{CNN}'));
    });

    it('converts a LaTeX mention to \\gls{cnn} (glossaries) and declares it with \\newacronym', async () => {
      const [document, diagnostic] = await copyWith(TEX, 'used-before-definition');
      const before = document.getText();
      const after = await applyFix(document, diagnostic.range, 'Convert to \\gls{cnn}');
      assert.equal(
        after,
        before
          .replace(
            '\\begin{document}',
            '\\newacronym{cnn}{CNN}{convolutional neural network}\n\\begin{document}',
          )
          .replace('first trained a CNN on', 'first trained a \\gls{cnn} on'),
      );
    });

    it('converts every CNN of the LaTeX draft to \\gls{cnn}, its plain definition too', async () => {
      const [document, diagnostic] = await copyWith(TEX, 'used-before-definition');
      const before = document.getText();
      const after = await applyFix(document, diagnostic.range, 'Convert every CNN to \\gls{cnn}');
      assert.equal(
        after,
        before
          .replace(
            '\\begin{document}',
            '\\newacronym{cnn}{CNN}{convolutional neural network}\n\\begin{document}',
          )
          .replace('first trained a CNN on', 'first trained a \\gls{cnn} on')
          .replace('A convolutional neural network (CNN) is', 'A \\gls{cnn} is')
          .replace('and the CNN beat', 'and the \\gls{cnn} beat'),
      );
    });

    it('removes the unused abbreviation SVM, and writes out RMS used only once, in Markdown', async () => {
      const [document, unused] = await copyWith(MD, 'unused-definition');
      const before = document.getText();
      const removed = await applyFix(document, unused.range, 'Remove the unused abbreviation SVM');
      assert.equal(removed, before.replace('support vector machine (SVM) was', 'support vector machine was'));
      await plod.whenIdle();
      await until(
        'the diagnostics follow the edit',
        () => !ours(document.uri).some((d) => d.code === 'unused-definition'),
      );
      const single = ours(document.uri).find((d) => d.code === 'single-use');
      assert.ok(single);
      const written = await applyFix(document, single.range, 'Write out root mean square instead of RMS');
      assert.equal(
        written,
        removed.replace(
          'root mean square (RMS) error was low; the RMS is',
          'root mean square error was low; the root mean square is',
        ),
      );
    });

    it('removes a definition repeated with the same long form', async () => {
      const source = 'A body mass index (BMI). The BMI rose.\nThe body mass index (BMI) fell, the BMI too.\n';
      const editor = await scratch(source, 'markdown');
      await vscode.commands.executeCommand('plodTagger.tagDocument');
      await plod.whenIdle();
      const document = editor.document;
      await until('the diagnostics are published', () =>
        ours(document.uri).some((d) => d.code === 'redefined'),
      );
      const diagnostic = ours(document.uri).find((d) => d.code === 'redefined');
      assert.equal(diagnostic?.message, 'BMI is defined again; it is already defined on line 1');
      const after = await applyFix(document, diagnostic.range, 'Remove the repeated definition of BMI');
      assert.equal(after, 'A body mass index (BMI). The BMI rose.\nThe BMI fell, the BMI too.\n');
    });

    it('leaves the fixture files unchanged', async () => {
      for (const name of [MD, TEX]) {
        const document = await vscode.workspace.openTextDocument((await open(name)).document.uri);
        assert.equal(document.isDirty, false);
      }
    });
  });
});
