import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlodTaggerApi } from '../../src/extension/extension';
import type { DocumentResult } from '../../src/extension/tagging/results';
import { api, closeAll, hoverAt, open, scratch, setting, sleep, until, wordOffsets } from './helpers';
import { screenshotPath } from '../support/screenshots';
import { canScreenshot, screenshot } from './screenshot';

function assertSpansMatchText(document: vscode.TextDocument, plod: PlodTaggerApi) {
  const result = plod.result(document.uri);
  assert.ok(result, `no result for ${document.uri}`);
  assert.equal(result.version, document.version);
  const text = document.getText();
  for (const span of result.spans)
    assert.equal(text.slice(span.start, span.end), span.text, JSON.stringify(span));
  return result;
}

const acStarts = (plod: PlodTaggerApi, uri: vscode.Uri, text: string) =>
  (plod.result(uri)?.spans ?? []).filter((s) => s.label === 'AC' && s.text === text).map((s) => s.start);

/** The extension host's log files: beside or above the extension's own log folder. */
function extensionHostLogs(logFolder: string): string[] {
  const found: string[] = [];
  for (let dir = path.dirname(logFolder), up = 0; up < 3; dir = path.dirname(dir), up++)
    for (const name of fs.readdirSync(dir))
      if (/exthost\d*\.log$/.test(name)) found.push(path.join(dir, name));
  return found;
}

describe('PLOD Tagger in a real VS Code', function () {
  this.timeout(120_000);
  let plod: PlodTaggerApi;

  before(async () => {
    plod = await api();
  });

  afterEach(async () => {
    await closeAll();
    for (const key of ['model', 'customModelPath', 'autoTag', 'decorationStyle'])
      await setting(key, undefined);
    await plod.whenIdle();
  });

  describe('tagging with the default model', () => {
    it('tags the plain-text paper: spans cover their own text and GYPES is paired with its long form', async () => {
      const editor = await open('paper.txt');
      await vscode.commands.executeCommand('plodTagger.tagDocument');
      await plod.whenIdle();
      const document = editor.document;
      const result = assertSpansMatchText(document, plod);
      assert.equal(result.model, 'plod-small');
      const text = document.getText();
      assert.deepEqual(acStarts(plod, document.uri, 'GYPES'), wordOffsets(text, 'GYPES'));
      const long = 'Gothenburg Young Persons Empowerment Scale';
      const lf = result.spans.find((s) => s.label === 'LF' && s.start === text.indexOf(long));
      assert.ok(lf, `no LF at ${text.indexOf(long)}: ${JSON.stringify(result.spans)}`);
      assert.equal(lf.end, text.indexOf(long) + long.length);
      const entry = result.glossary.find((e) => e.short === 'GYPES');
      assert.equal(entry?.long, long);
      assert.equal(entry?.count, 3);
    });

    it('tags Markdown prose but not its front matter, code, URLs or HTML', async () => {
      const editor = await open('paper.md');
      await plod.whenIdle();
      const document = editor.document;
      const result = assertSpansMatchText(document, plod);
      const text = document.getText();
      const fence = { start: text.indexOf('```python'), end: text.lastIndexOf('```') + 3 };
      const frontMatter = { start: 0, end: text.indexOf('---', 3) + 3 };
      const url = text.indexOf('https://example.org/NLP');
      for (const span of result.spans) {
        assert.ok(span.end <= fence.start || span.start >= fence.end, `span in code: ${span.text}`);
        assert.ok(span.start >= frontMatter.end, `span in front matter: ${span.text}`);
        assert.ok(span.start < url || span.start >= url + 23, `span in URL: ${span.text}`);
      }
      assert.deepEqual(acStarts(plod, document.uri, 'NLP'), [
        text.indexOf('(NLP)') + 1,
        text.indexOf('**NLP**') + 2,
      ]);
      const nlp = result.glossary.find((e) => e.short === 'NLP');
      assert.equal(nlp?.long?.toLowerCase(), 'natural language processing');
    });

    it('tags LaTeX: a bold pair, \\ac macros, and never comments or cite keys', async () => {
      const editor = await open('paper.tex');
      await plod.whenIdle();
      const document = editor.document;
      const result = assertSpansMatchText(document, plod);
      const text = document.getText();
      const long = 'Natural Language Processing';
      assert.ok(
        result.spans.some((s) => s.label === 'LF' && s.start === text.indexOf(long) && s.text === long),
      );
      assert.ok(
        result.spans.some(
          (s) => s.label === 'AC' && s.start === text.indexOf('{NLP}') + 1 && s.text === 'NLP',
        ),
      );
      const acCnn = result.spans.filter((s) => s.text === '\\ac{cnn}').map((s) => s.start);
      assert.deepEqual(acCnn, [text.indexOf('\\ac{cnn}'), text.lastIndexOf('\\ac{cnn}')]);
      assert.equal(result.glossary.find((e) => e.short === 'CNN')?.long, 'convolutional neural network');
      const comment = { start: text.indexOf('% A comment'), end: text.indexOf('\\begin{document}') };
      for (const span of result.spans) {
        assert.ok(span.end <= comment.start || span.start >= comment.end, `span in a comment: ${span.text}`);
        assert.ok(
          !/smith2020|LSTM1997|fig:arch|sec:svm/.test(span.text),
          `cite or ref key tagged: ${span.text}`,
        );
      }
    });
  });

  describe('hovers', () => {
    it('give an abbreviation its long form, definition line, use count, model and score', async () => {
      const editor = await open('paper.txt');
      await plod.whenIdle();
      const text = editor.document.getText();
      const hover = await hoverAt(editor.document, text.lastIndexOf('GYPES') + 2);
      assert.match(hover, /Gothenburg Young Persons Empowerment Scale/);
      assert.match(hover, /Defined on line 3 · used 3 times/);
      assert.match(hover, /Model plod-small · score (0|1)\.\d\d/);
    });

    it('give a long form its abbreviation', async () => {
      const editor = await open('paper.txt');
      await plod.whenIdle();
      const hover = await hoverAt(editor.document, editor.document.getText().indexOf('Young Persons'));
      assert.match(hover, /Long form of \*\*GYPES\*\*/);
    });

    it('give the plural forms that a LaTeX document declares apart', async () => {
      const editor = await open('latex/acronym.tex');
      await plod.whenIdle();
      const hover = await hoverAt(editor.document, editor.document.getText().indexOf('two OSes boot') + 5);
      assert.match(hover, /Abbreviation \*\*OS\*\*/);
      assert.match(hover, /^operating system$/m);
      assert.match(hover, /Defined on line 7 · used \d+ times · plural OSes, operating systems/);
    });

    it('say when an abbreviation is used but never defined', async () => {
      await setting('model', 'rules');
      const editor = await scratch('Patients with HIV were enrolled. The HIV load was measured twice.');
      await vscode.commands.executeCommand('plodTagger.tagDocument');
      await plod.whenIdle();
      const hover = await hoverAt(editor.document, editor.document.getText().indexOf('HIV') + 1);
      assert.match(hover, /HIV is used 2 times but never defined in this document\./);
    });

    it('escape document text, so it cannot inject links or commands', async () => {
      const source = [
        '\\newacronym{xss}{XSS}{[cross](command:workbench.action.quit) site *scripting*}',
        '\\begin{document}',
        'We tested \\ac{xss} here.',
        '\\end{document}',
      ].join('\n');
      const editor = await scratch(source, 'latex');
      await vscode.commands.executeCommand('plodTagger.tagDocument');
      await plod.whenIdle();
      const hover = await hoverAt(editor.document, source.indexOf('\\ac{xss}') + 2);
      assert.match(hover, /\\\[cross\\\]\\\(command:workbench\.action\.quit\\\) site \\\*scripting\\\*/);
      assert.doesNotMatch(hover, /\]\(command:/);
    });
  });

  it('switches model as soon as the setting changes', async () => {
    const editor = await open('paper.txt');
    await plod.whenIdle();
    assert.equal(plod.result(editor.document.uri)?.model, 'plod-small');
    await vscode.workspace
      .getConfiguration()
      .update('plodTagger.model', 'rules', vscode.ConfigurationTarget.Global);
    await plod.whenIdle();
    assert.equal(plod.result(editor.document.uri)?.model, 'rules');
    assert.match(plod.statusText(), /PLOD: rules · \d+ AC · \d+ LF/);
  });

  it("shows a spinner, not the old model's counts, while the new model loads", async () => {
    const editor = await open('paper.txt');
    await plod.whenIdle();
    const seen: string[] = [];
    const sample = setInterval(
      () => seen.push(`${plod.result(editor.document.uri)?.model}|${plod.statusText()}`),
      2,
    );
    try {
      await setting('model', 'plod-base');
      await plod.whenIdle();
    } finally {
      clearInterval(sample);
    }
    const beforeNewTags = seen.filter((s) => s.startsWith('plod-small|') && s.includes('PLOD: plod-base'));
    assert.ok(beforeNewTags.length > 0, `the switch was not seen before plod-base's tags: ${seen.at(-1)}`);
    for (const s of beforeNewTags) assert.match(s, /\|\$\(sync~spin\) PLOD: plod-base · tagging…$/);
    assert.match(plod.statusText(), /PLOD: plod-base · \d+ AC · \d+ LF/);
  });

  it('tags the visible paragraphs of a long document first, then the whole of it', async () => {
    const text = Array.from(
      { length: 300 },
      (_, i) => `Paragraph ${i}: the body mass index (BMI) of patient ${i} was high, and the BMI fell later.`,
    )
      .concat('At the end, the heart rate (HR) was normal.')
      .join('\n\n');
    const stored: DocumentResult[] = [];
    let outline: Thenable<vscode.DocumentSymbol[]> | undefined;
    const listening = plod.onDidStoreResult((result) => {
      stored.push(result);
      // Asked while only the first paint is in: the Outline waits for the whole document's abbreviations.
      if (result.firstPaint)
        outline ??= vscode.commands.executeCommand(
          'vscode.executeDocumentSymbolProvider',
          vscode.Uri.parse(result.uri),
        );
    });
    let editor: vscode.TextEditor;
    try {
      editor = await scratch(text);
      await plod.whenIdle();
    } finally {
      listening.dispose();
    }
    assert.ok(outline, 'no first paint was stored');
    const names = (await outline).map((s) => [s.name, s.detail]);
    assert.deepEqual(names, [
      ['BMI', 'body mass index'],
      ['HR', 'heart rate'],
    ]);
    const mine = stored.filter((r) => r.uri === editor.document.uri.toString());
    assert.deepEqual(
      mine.map((r) => [Boolean(r.firstPaint), r.range.start === 0, r.range.end === text.length]),
      [
        [true, true, false],
        [false, true, true],
      ],
    );
    const [first, whole] = mine;
    // The first paint ends where a paragraph ends, holds the paragraphs on screen, and agrees with the whole.
    assert.equal(text.slice(first.range.end, first.range.end + 2), '\n\n');
    const shown = editor.document.offsetAt(editor.visibleRanges[0].end);
    assert.ok(first.range.end >= shown, `${first.range.end} < ${shown}`);
    const inside = (s: { start: number; end: number }) => s.end <= first.range.end;
    const key = (s: { label: string; start: number; end: number }) => `${s.label}:${s.start}:${s.end}`;
    assert.ok(first.spans.some((s) => s.label === 'AC' && text.slice(s.start, s.end) === 'BMI'));
    assert.deepEqual(first.spans.map(key), whole.spans.filter(inside).map(key));
    assert.equal(plod.result(editor.document.uri)?.firstPaint, undefined);
  });

  it('reads its settings as their scopes allow: the extension host logs no warning about them', async () => {
    await scratch('The heart rate (HR) was normal, and the HR stayed normal.', 'markdown');
    await plod.whenIdle();
    const logs = extensionHostLogs(plod.logFolder.fsPath);
    assert.ok(logs.length > 0, `no extension host log above ${plod.logFolder.fsPath}`);
    const warnings = logs
      .flatMap((file) => fs.readFileSync(file, 'utf8').split('\n'))
      .filter((line) => line.includes('plodTagger.') && /scoped configuration/.test(line));
    assert.deepEqual(warnings, []);
  });

  it('tags only the selection', async () => {
    await setting('autoTag', false);
    const editor = await open('paper.txt');
    const text = editor.document.getText();
    const start = text.indexOf('Body mass index');
    const end = text.indexOf('\n', start);
    editor.selection = new vscode.Selection(
      editor.document.positionAt(start),
      editor.document.positionAt(end),
    );
    await vscode.commands.executeCommand('plodTagger.tagSelection');
    await plod.whenIdle();
    const result = assertSpansMatchText(editor.document, plod);
    assert.deepEqual(result.range, { start, end });
    assert.ok(result.spans.length > 0);
    for (const span of result.spans) assert.ok(span.start >= start && span.end <= end, span.text);
    assert.deepEqual(
      acStarts(plod, editor.document.uri, 'BMI'),
      wordOffsets(text.slice(start, end), 'BMI').map((o) => o + start),
    );
    assert.equal(acStarts(plod, editor.document.uri, 'GYPES').length, 0);
  });

  it('clears the tags of a document', async () => {
    const editor = await open('paper.txt');
    await plod.whenIdle();
    assert.ok(plod.result(editor.document.uri));
    await vscode.commands.executeCommand('plodTagger.clear');
    assert.equal(plod.result(editor.document.uri), undefined);
  });

  it('re-tags after an edit and never keeps a result for an older version', async () => {
    const editor = await open('paper.txt');
    await plod.whenIdle();
    const before = plod.result(editor.document.uri);
    assert.ok(before);
    const end = editor.document.positionAt(editor.document.getText().length);
    await editor.edit((e) => e.insert(end, '\nThe magnetic resonance imaging (MRI) scan was repeated.\n'));
    await editor.edit((e) =>
      e.insert(editor.document.positionAt(editor.document.getText().length), 'The MRI was clear.\n'),
    );
    await plod.whenIdle();
    const after = assertSpansMatchText(editor.document, plod);
    assert.ok(after.version > before.version);
    const text = editor.document.getText();
    assert.deepEqual(acStarts(plod, editor.document.uri, 'MRI'), wordOffsets(text, 'MRI'));
  });

  it('draws every tag of a long paper, and after an edit that adds lines, every tag where it now is', async () => {
    const paper = fs.readFileSync(path.join(__dirname, '..', '..', 'test', 'fixtures', 'paper.txt'), 'utf8');
    const long = Array.from({ length: 60 }, (_, i) => paper.replace(/^(?=\S)/gm, `Part ${i}. `)).join('\n');
    const editor = await scratch(long);
    const document = editor.document;
    /** Where the stored result says each tag is, against what the editor was sent to draw. */
    const drawnRight = () => {
      const result = plod.result(document.uri);
      if (!result || result.version !== document.version || result.firstPaint) return false;
      const drawn = plod.drawnDecorations(editor);
      const want = (label: string) =>
        result.spans
          .filter((s) => s.label === label)
          .map((s) => `${s.start}-${s.end}`)
          .sort()
          .join(' ');
      const got = (ranges: vscode.Range[]) =>
        ranges
          .map((r) => `${document.offsetAt(r.start)}-${document.offsetAt(r.end)}`)
          .sort()
          .join(' ');
      return want('AC') === got(drawn.AC) && want('LF') === got(drawn.LF) && drawn.AC.length > 100;
    };
    /** The Problems view's entries of ours, against the assistant's diagnostics for this version. */
    const problemsRight = () => {
      const items = plod.assistDiagnostics(document);
      if (!items) return false;
      const listed = vscode.languages
        .getDiagnostics(document.uri)
        .filter((d) => d.source === 'plod-tagger')
        .map((d) => `${document.offsetAt(d.range.start)} ${d.message}`)
        .sort();
      const wanted = items.map((d) => `${d.range.start} ${d.message}`).sort();
      return listed.length > 50 && listed.join('\n') === wanted.join('\n');
    };
    await until('every tag drawn', drawnRight, 60_000);
    await until('every problem listed', problemsRight, 60_000);
    const middle = new vscode.Position(Math.floor(document.lineCount / 2), 0);
    await editor.edit((e) =>
      e.insert(middle, 'The magnetic resonance imaging (MRI) scan.\n\nEach MRI was read.\n\n'),
    );
    await plod.whenIdle();
    await until('every tag drawn after the edit', drawnRight, 60_000);
    await until('every problem listed after the edit', problemsRight, 60_000);
    const mri = plod.drawnDecorations(editor).AC.filter((r) => document.getText(r) === 'MRI');
    assert.deepEqual(
      mri.map((r) => document.offsetAt(r.start)),
      wordOffsets(document.getText(), 'MRI'),
    );
  });

  it('explains a missing custom model folder, keeps the old tags, and recovers', async () => {
    const editor = await open('paper.txt');
    await plod.whenIdle();
    const before = plod.result(editor.document.uri);
    await setting('customModelPath', '/no/such/model/folder');
    await vscode.commands.executeCommand('plodTagger.tagDocument');
    await plod.whenIdle();
    assert.match(plod.statusText(), /\$\(error\)/);
    assert.equal(plod.result(editor.document.uri)?.version, before?.version);
    await setting('customModelPath', undefined);
    await vscode.commands.executeCommand('plodTagger.tagDocument');
    await plod.whenIdle();
    assert.doesNotMatch(plod.statusText(), /\$\(error\)/);
    assert.equal(plod.result(editor.document.uri)?.model, 'plod-small');
  });
});

describe('README screenshot', function () {
  this.timeout(120_000);

  it('shows a tagged paper with a hover open, from the real workbench', async function () {
    if (!canScreenshot()) this.skip();
    const plod = await api();
    await setting('decorationStyle', 'background');
    const editor = await open('paper.tex');
    await plod.whenIdle();
    const text = editor.document.getText();
    const at = editor.document.positionAt(text.lastIndexOf('\\ac{cnn}') + 5);
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('editor.action.showHover');
    await sleep(1500);
    const file = await screenshot(screenshotPath(path.join(__dirname, '..', '..'), 'screenshot-hover.png'));
    assert.ok(fs.statSync(file).size > 10_000, 'the screenshot is empty');
    await setting('decorationStyle', undefined);
    await closeAll();
  });
});
