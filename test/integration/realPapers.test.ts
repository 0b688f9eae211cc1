import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnose } from '../../src/core/assistant/diagnostics';
import { applyEdits, fixesFor, latexConversions, type Fix } from '../../src/core/assistant/fixes';
import { buildModel } from '../../src/core/assistant/model';
import { langOf } from '../../src/extension/config';
import type { PlodTaggerApi } from '../../src/extension/extension';
import { declaredKeysOf, judgeDiagnostic, judgeFix, readRealPapers } from '../support/judge';
import { api, closeAll, hoverAt, scratch, setting, until } from './helpers';

/** ../shared/real-papers beside the clone (or PLOD_REAL_PAPERS): four real documents with a gold standard. */
const PAPERS =
  process.env.PLOD_REAL_PAPERS ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'real-papers');
/** The share of diagnostics that must be right by the gold, over all the papers (issue 14's goal). */
const RIGHT_SHARE = 0.9;

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'plod-tagger');
}

describe('the real papers in a real VS Code, with the default model', function () {
  this.timeout(600_000);
  let plod: PlodTaggerApi;
  const verdicts = { right: 0, total: 0, wrong: [] as string[] };

  before(async function () {
    assert.ok(fs.existsSync(PAPERS), `the real papers are not at ${PAPERS}: put ../shared beside the clone`);
    plod = await api();
    await setting('autoTag', false);
  });

  after(async () => {
    await closeAll();
    await setting('autoTag', undefined);
  });

  const papers = fs.existsSync(PAPERS) ? readRealPapers(PAPERS) : [];

  for (const paper of papers) {
    it(`${paper.name}: the Problems view shows the core's diagnostics, judged by the gold, and each quick fix writes its text`, async () => {
      const editor = await scratch(paper.source, paper.lang);
      const document = editor.document;
      await vscode.commands.executeCommand('plodTagger.tagDocument');
      await plod.whenIdle();
      const result = plod.result(document.uri);
      assert.equal(result?.version, document.version);
      assert.equal(result.model, 'plod-small');
      await until(
        'the diagnostics are published',
        () => plod.assistDiagnostics(document) !== undefined,
        60_000,
      );
      const published = plod.assistDiagnostics(document) ?? [];

      // The expected list: the core's diagnostics of the result the editor shows.
      const model = buildModel(result, document.getText(), langOf(document.languageId));
      const expected = diagnose(model);
      assert.deepEqual(
        published.map((d) => [d.code, d.range, d.message]),
        expected.map((d) => [d.code, d.range, d.message]),
      );
      const shown = ours(document.uri);
      assert.deepEqual(
        shown.map((d) => [
          String(d.code),
          document.offsetAt(d.range.start),
          document.offsetAt(d.range.end),
          d.message,
        ]),
        expected.map((d) => [d.code, d.range.start, d.range.end, d.message]),
      );

      for (const item of published) {
        const verdict = judgeDiagnostic(item, paper.facts, paper.lang);
        verdicts.total++;
        if (verdict.right) verdicts.right++;
        else verdicts.wrong.push(`${paper.name}: ${item.message} [${verdict.reason}]`);
        // The hover and the diagnostic read the same result: never "never defined" beside a long form.
        const hover = await hoverAt(document, item.range.start);
        if (item.code === 'undefined') assert.match(hover, /never defined/, `${item.message} / ${hover}`);
        else if (hover) assert.doesNotMatch(hover, /never defined/, `${item.message} / ${hover}`);
      }

      // Every quick fix offered at a diagnostic or a mention: the text after it is the core's, and right.
      const original = document.getText();
      const declared = declaredKeysOf(original, paper.lang);
      const offered: { action: vscode.CodeAction; fix: Fix }[] = [];
      const places = [
        ...expected.map((d) => ({ range: d.range, fixes: fixesFor(model, d) })),
        ...model.abbreviations.flatMap((a) =>
          a.mentions.map((m) => ({ range: m, fixes: latexConversions(model, m) })),
        ),
      ];
      for (const place of places) {
        if (place.fixes.length === 0) continue;
        const at = new vscode.Range(
          document.positionAt(place.range.start),
          document.positionAt(place.range.end),
        );
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          at,
          vscode.CodeActionKind.QuickFix.value,
        );
        for (const fix of place.fixes) {
          const action = actions.find((a) => a.title === fix.title && a.edit);
          assert.ok(action, `"${fix.title}" is not offered at ${JSON.stringify(place.range)}`);
          offered.push({ action, fix });
        }
      }
      const whole = () =>
        new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
      for (const { action, fix } of offered) {
        assert.ok(action.edit && (await vscode.workspace.applyEdit(action.edit)));
        assert.equal(document.getText(), applyEdits(original, fix.edits), `the text after "${fix.title}"`);
        const verdict = judgeFix(fix, model, paper.facts, paper.lang, declared);
        assert.ok(verdict.right, `${paper.name}: "${fix.title}": ${verdict.reasons.join('; ')}`);
        assert.notEqual(verdict.compiles, false, `${paper.name}: "${fix.title}" does not compile`);
        const restore = new vscode.WorkspaceEdit();
        restore.replace(document.uri, whole(), original);
        assert.ok(await vscode.workspace.applyEdit(restore));
      }
      console.log(
        `      ${paper.name}: ${published.length} diagnostics, ${offered.length} quick fixes applied and judged`,
      );
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
  }

  it(`at least ${RIGHT_SHARE * 100} % of the diagnostics over the papers are right by the gold`, () => {
    assert.equal(papers.length, 4, `the four papers of ${PAPERS}`);
    assert.ok(verdicts.total > 0);
    console.log(
      `      right: ${verdicts.right}/${verdicts.total}\n        ${verdicts.wrong.join('\n        ')}`,
    );
    assert.ok(
      verdicts.right / verdicts.total >= RIGHT_SHARE,
      `${verdicts.right} of ${verdicts.total} right:\n${verdicts.wrong.join('\n')}`,
    );
  });
});
