import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { PlodTaggerApi } from '../../src/extension/extension';
import { api, closeAll, scratch, setting, until } from './helpers';

const TEXT = 'The body mass index (BMI) was high. Every BMI above 30 and the Section (S) count.\n';

/** The AC spans of the document's current result, as `text@offset`. */
function abbreviations(plod: PlodTaggerApi, document: vscode.TextDocument): string[] {
  const result = plod.result(document.uri);
  assert.equal(result?.version, document.version, 'the result is for the current text');
  return result.spans
    .filter((s) => s.label === 'AC')
    .map((s) => `${document.getText().slice(s.start, s.end)}@${s.start}`);
}

describe('user corrections in a real VS Code', function () {
  this.timeout(120_000);
  let plod: PlodTaggerApi;

  before(async () => {
    plod = await api();
  });

  beforeEach(async () => {
    await setting('model', 'rules');
  });

  afterEach(async () => {
    await closeAll();
    for (const key of ['model', 'notAbbreviations', 'alwaysAbbreviations']) await setting(key, undefined);
    await vscode.commands.executeCommand('plodTagger.forgetCorrections');
    await plod.whenIdle();
  });

  async function tagged(text: string, language = 'plaintext'): Promise<vscode.TextDocument> {
    const editor = await scratch(text, language);
    await vscode.commands.executeCommand('plodTagger.tagDocument');
    await plod.whenIdle();
    return editor.document;
  }

  it('offers "not an abbreviation" on a tagged word, and the word is untagged at once', async () => {
    const document = await tagged(TEXT);
    const bmi = TEXT.indexOf('BMI');
    assert.deepEqual(
      abbreviations(plod, document).filter((s) => s.startsWith('BMI')),
      [`BMI@${bmi}`, `BMI@${TEXT.indexOf('BMI', bmi + 1)}`],
    );
    const at = new vscode.Range(document.positionAt(bmi + 1), document.positionAt(bmi + 1));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      at,
      vscode.CodeActionKind.QuickFix.value,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(
      titles.includes('"BMI" is not an abbreviation (add to workspace settings)'),
      titles.join(' | '),
    );
    const user = actions.find((a) => a.title === '"BMI" is not an abbreviation (add to user settings)');
    assert.ok(user?.command, titles.join(' | '));
    await vscode.commands.executeCommand(user.command.command, ...(user.command.arguments ?? []));
    const written = vscode.workspace.getConfiguration('plodTagger').inspect<string[]>('notAbbreviations');
    assert.deepEqual(written?.globalValue, ['BMI']);
    await until('BMI is untagged', () => {
      const result = plod.result(document.uri);
      return (
        !!result &&
        result.version === document.version &&
        !abbreviations(plod, document).some((s) => s.startsWith('BMI'))
      );
    });
    assert.ok(!plod.result(document.uri)?.glossary.some((g) => g.short === 'BMI'), 'nor in the glossary');
  });

  it('"Mark as Wrong" with O untags the word at once and in later runs, until the corrections are forgotten', async () => {
    const document = await tagged(TEXT);
    const bmi = TEXT.indexOf('BMI');
    await vscode.commands.executeCommand('plodTagger.markLabel', {
      label: 'O',
      uri: document.uri.toString(),
      start: bmi,
      end: bmi + 3,
    });
    await plod.whenIdle();
    assert.ok(!abbreviations(plod, document).some((s) => s.startsWith('BMI')), 'untagged at once');
    const later = await tagged(`Another note on BMI.\n${TEXT}`);
    assert.ok(!abbreviations(plod, later).some((s) => s.startsWith('BMI')), 'and in a later run');
    assert.equal(await vscode.commands.executeCommand('plodTagger.forgetCorrections'), 1);
    await plod.whenIdle();
    assert.ok(
      abbreviations(plod, later).some((s) => s.startsWith('BMI')),
      'tagged again once forgotten',
    );
  });

  it('honours plod-tagger comments in LaTeX and Markdown', async () => {
    const latex = await tagged(`% plod-tagger: ignore BMI\n${TEXT}`, 'latex');
    assert.ok(
      !abbreviations(plod, latex).some((s) => s.startsWith('BMI')),
      abbreviations(plod, latex).join(),
    );
    const markdown = await tagged(`<!-- plod-tagger: ignore BMI -->\n\n${TEXT}`, 'markdown');
    assert.ok(
      !abbreviations(plod, markdown).some((s) => s.startsWith('BMI')),
      abbreviations(plod, markdown).join(),
    );
    const plain = await tagged(TEXT);
    assert.ok(
      abbreviations(plod, plain).some((s) => s.startsWith('BMI')),
      'other documents are not affected',
    );
  });
});
