import { strict as assert } from 'node:assert';
import { spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseConll } from '../../src/core/eval/conll';
import type { GlossaryFormat } from '../../src/core/glossary/formats';
import type { PlodTaggerApi } from '../../src/extension/extension';
import type { GlossaryNode } from '../../src/extension/glossary/view';
import type { ScanReport } from '../../src/extension/glossary/workspaceScan';
import type { FeedbackOutcome } from '../../src/extension/remote/feedback';
import { api, closeAll, fixtureUri, open, setting, startServer } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const FOLDER_GLOB = 'workspace/**/*.{txt,md,tex}';
const FORMATS: GlossaryFormat[] = ['latex', 'acronym', 'markdown', 'csv', 'json'];

function workspaceRoot(): string {
  return fixtureUri('.').fsPath;
}

/** `plod-tagger glossary --model rules` of the built CLI, run in the workspace folder as a user would. */
function cli(format: GlossaryFormat, files: string[]): string {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bin', 'plod-tagger.js'), 'glossary', '--model', 'rules', '--format', format, ...files],
    { cwd: workspaceRoot(), encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
  );
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

function summary(nodes: GlossaryNode[]): [string, string][] {
  return nodes.map((n) => [n.label, n.description]);
}

async function scan(include?: string): Promise<ScanReport> {
  const report = await vscode.commands.executeCommand<ScanReport | undefined>(
    'plodTagger.tagWorkspace',
    include ? { include } : undefined,
  );
  assert.ok(report, 'the scan ran');
  return report;
}

describe('Glossary view, workspace scan and feedback', function () {
  this.timeout(180_000);
  let plod: PlodTaggerApi;
  let tmp: string;
  let filesExclude: unknown;

  before(async () => {
    plod = await api();
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-glossary-'));
    await setting('model', 'rules');
    await setting('autoTag', false);
    const files = vscode.workspace.getConfiguration('files');
    filesExclude = files.inspect('exclude')?.workspaceValue;
    await files.update(
      'exclude',
      { ...(files.get<Record<string, boolean>>('exclude') ?? {}), '**/excluded': true },
      vscode.ConfigurationTarget.Workspace,
    );
  });

  after(async () => {
    await vscode.workspace
      .getConfiguration('files')
      .update('exclude', filesExclude, vscode.ConfigurationTarget.Workspace);
    await setting('model', undefined);
    await setting('autoTag', undefined);
    await plod.setGlossaryScope('document');
    await closeAll();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  describe('document scope', () => {
    it("lists the active document's abbreviations with long forms, counts and where they are defined", async () => {
      const editor = await open('workspace/intro.md');
      await vscode.commands.executeCommand('plodTagger.tagDocument');
      await plod.whenIdle();
      await plod.setGlossaryScope('document');
      // The view is contributed to the Explorer and can be shown.
      await vscode.commands.executeCommand('plodTagger.glossary.focus');
      await vscode.window.showTextDocument(editor.document);
      const uri = editor.document.uri.toString();
      assert.deepEqual(plod.glossaryTree(), [
        {
          id: 'document:CNN',
          label: 'CNN',
          description: 'convolutional neural network · 2 mentions',
          tooltip: 'CNN: convolutional neural network\n2 mentions; defined on line 3 of workspace/intro.md',
          command: {
            command: 'plodTagger.glossary.reveal',
            title: 'Show',
            arguments: [{ uri, start: 27, end: 55 }],
          },
          children: [],
        },
        {
          id: 'document:EHR',
          label: 'EHR',
          description: 'electronic health records · 2 mentions',
          tooltip: 'EHR: electronic health records\n2 mentions; defined on line 3 of workspace/intro.md',
          command: {
            command: 'plodTagger.glossary.reveal',
            title: 'Show',
            arguments: [{ uri, start: 65, end: 90 }],
          },
          children: [],
        },
        {
          id: 'document:R&D',
          label: 'R&D',
          description: '(no long form) · 1 mention',
          tooltip:
            'R&D: no long form found\n1 mention; not defined; first mentioned on line 4 of workspace/intro.md',
          command: {
            command: 'plodTagger.glossary.reveal',
            title: 'Show',
            arguments: [{ uri, start: 136, end: 139 }],
          },
          children: [],
        },
      ]);
    });

    it('clicking an entry opens the document and selects the definition, or the first mention', async () => {
      await open('workspace/intro.md');
      const [cnn, , rd] = plod.glossaryTree();
      await open('workspace/notes.txt');
      for (const [node, text, line] of [
        [cnn, 'convolutional neural network', 2],
        [rd, 'R&D', 3],
      ] as const) {
        assert.ok(node.command);
        await vscode.commands.executeCommand(node.command.command, ...node.command.arguments);
        const editor = vscode.window.activeTextEditor;
        assert.equal(editor?.document.uri.fsPath, fixtureUri('workspace/intro.md').fsPath);
        assert.equal(editor?.document.getText(editor.selection), text);
        assert.equal(editor?.selection.start.line, line);
      }
    });

    it('exports each format exactly as the CLI writes it for the same file', async () => {
      await open('workspace/intro.md');
      await plod.whenIdle();
      const expected: Partial<Record<GlossaryFormat, string>> = {
        latex:
          '\\newacronym{cnn}{CNN}{convolutional neural network}\n' +
          '\\newacronym{ehr}{EHR}{electronic health records}\n' +
          '% R\\&D: no long form found in the text\n',
        acronym:
          '\\begin{acronym}\n\\acro{CNN}[CNN]{convolutional neural network}\n' +
          '\\acro{EHR}[EHR]{electronic health records}\n% R\\&D: no long form found in the text\n\\end{acronym}\n',
        csv:
          'file,short,long,count,definition_start,definition_end\r\n' +
          'workspace/intro.md,CNN,convolutional neural network,2,27,55\r\n' +
          'workspace/intro.md,EHR,electronic health records,2,65,90\r\nworkspace/intro.md,R&D,,1,,\r\n',
        markdown:
          '| Abbreviation | Long form | Mentions |\n| --- | --- | ---: |\n' +
          '| CNN | convolutional neural network | 2 |\n| EHR | electronic health records | 2 |\n| R&D |  | 1 |\n',
      };
      for (const format of FORMATS) {
        const target = path.join(tmp, `intro.${format}`);
        const written = await vscode.commands.executeCommand<string>('plodTagger.exportGlossary', {
          format,
          scope: 'document',
          target,
        });
        assert.equal(written, target);
        const text = fs.readFileSync(target, 'utf8');
        assert.equal(text, cli(format, ['workspace/intro.md']), `${format} differs from the CLI`);
        if (expected[format]) assert.equal(text, expected[format], format);
      }
    });
  });

  describe('PLOD: Tag Workspace', () => {
    const huge = () => fixtureUri('workspace/huge.txt').fsPath;

    afterEach(() => fs.rmSync(huge(), { force: true }));

    it('tags the papers of a folder, skips excluded, binary and huge files, and merges the glossary', async () => {
      fs.writeFileSync(huge(), 'The body mass index (BMI) rose. '.repeat(20_000));
      const report = await scan(FOLDER_GLOB);
      assert.deepEqual(report, {
        total: 5,
        tagged: ['workspace/chapters/methods.tex', 'workspace/intro.md', 'workspace/notes.txt'],
        skipped: [
          {
            file: 'workspace/binary.txt',
            reason: 'workspace/binary.txt looks like a binary file (it holds NUL bytes)',
          },
          {
            file: 'workspace/huge.txt',
            reason:
              'workspace/huge.txt has 640,000 characters, more than plodTagger.maxDocumentLength (500,000)',
          },
        ],
        failed: [],
        cancelled: false,
      });
      await plod.setGlossaryScope('workspace');
      const tree = plod.glossaryTree();
      assert.deepEqual(summary(tree), [
        ['BMI', 'body mass index · 1 mention in 1 file'],
        ['CNN', 'convolutional neural network · 3 mentions in 2 files'],
        ['EHR', 'electronic health records · 4 mentions in 2 files'],
        ['OR', 'odds ratio · 1 mention in 1 file'],
        ['R&D', '(no long form) · 1 mention in 1 file'],
        ['RBF', 'radial basis function · 1 mention in 1 file'],
        ['RNN', 'recurrent neural network · 2 mentions in 1 file'],
        ['SVM', 'support vector machine · 2 mentions in 1 file'],
      ]);
      const cnn = tree[1];
      assert.equal(
        cnn.tooltip,
        'CNN: convolutional neural network\n3 mentions in 2 files\ndefined on line 3 of workspace/intro.md',
      );
      assert.deepEqual(summary(cnn.children), [
        ['workspace/chapters/methods.tex', '1 mention · first on line 2'],
        ['workspace/intro.md', '2 mentions · defined on line 3'],
      ]);
      assert.ok(cnn.children[0].command);
      await vscode.commands.executeCommand(
        cnn.children[0].command.command,
        ...cnn.children[0].command.arguments,
      );
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.fsPath, fixtureUri('workspace/chapters/methods.tex').fsPath);
      assert.equal(editor?.document.getText(editor.selection), 'CNN');
      assert.deepEqual(
        plod.workspaceGlossary().find((e) => e.short === 'EHR'),
        {
          short: 'EHR',
          long: 'electronic health records',
          longForms: ['electronic health records'],
          count: 4,
          files: [
            {
              file: 'workspace/intro.md',
              count: 2,
              long: 'electronic health records',
              definition: { start: 65, end: 90 },
            },
            { file: 'workspace/notes.txt', count: 2, long: null, definition: null },
          ],
          definition: { file: 'workspace/intro.md', range: { start: 65, end: 90 } },
        },
      );
    });

    it('exports the workspace glossary in each format exactly as the CLI writes it for the scanned files', async () => {
      const report = await scan(FOLDER_GLOB);
      for (const format of FORMATS) {
        const target = path.join(tmp, `workspace.${format}`);
        await vscode.commands.executeCommand('plodTagger.exportGlossary', {
          format,
          scope: 'workspace',
          target,
        });
        assert.equal(
          fs.readFileSync(target, 'utf8'),
          cli(format, report.tagged),
          `${format} differs from the CLI`,
        );
      }
      assert.equal(
        fs.readFileSync(path.join(tmp, 'workspace.latex'), 'utf8'),
        '\\newacronym{cnn}{CNN}{convolutional neural network}\n\\newacronym{rnn}{RNN}{recurrent neural network}\n' +
          '\\newacronym{svm}{SVM}{support vector machine}\n\\newacronym{rbf}{RBF}{radial basis function}\n' +
          '\\newacronym{ehr}{EHR}{electronic health records}\n% R\\&D: no long form found in the text\n' +
          '\\newacronym{bmi}{BMI}{body mass index}\n\\newacronym{or}{OR}{odds ratio}\n',
      );
    });

    it('covers the files a search with the same include and excludes finds, in the whole workspace', async () => {
      const include = vscode.workspace.getConfiguration('plodTagger').get<string>('workspaceScan.include');
      assert.ok(include);
      const found = (await vscode.workspace.findFiles(include)).map((u) =>
        vscode.workspace.asRelativePath(u, false),
      );
      const report = await scan();
      assert.equal(report.total, found.length);
      const seen = [
        ...report.tagged,
        ...report.skipped.map((s) => s.file),
        ...report.failed.map((f) => f.file),
      ];
      assert.deepEqual([...seen].sort(), [...found].sort());
      assert.ok(!seen.some((f) => f.includes('excluded/')), 'files.exclude is respected');
      assert.ok(report.tagged.includes('workspace/intro.md') && report.tagged.includes('paper.tex'));
    });

    it('leaves out what search.exclude excludes, and shows the workspace glossary when done', async () => {
      await plod.setGlossaryScope('document');
      const search = vscode.workspace.getConfiguration('search');
      const saved = search.inspect('exclude')?.workspaceValue;
      await search.update('exclude', { '**/chapters': true }, vscode.ConfigurationTarget.Workspace);
      try {
        const report = await scan(FOLDER_GLOB);
        assert.deepEqual(report.tagged, ['workspace/intro.md', 'workspace/notes.txt']);
        assert.equal(report.total, 3);
        assert.deepEqual(
          plod.glossaryTree().map((n) => n.label),
          ['BMI', 'CNN', 'EHR', 'OR', 'R&D'],
          'the view switched to the workspace glossary',
        );
      } finally {
        await search.update('exclude', saved, vscode.ConfigurationTarget.Workspace);
      }
    });

    it('stops at the first file when the model cannot be loaded, and says why', async () => {
      await setting('customModelPath', path.join(tmp, 'no-such-model'));
      try {
        const report = await scan(FOLDER_GLOB);
        assert.deepEqual(report.tagged, []);
        assert.equal(report.failed.length, 1);
        assert.match(report.failed[0].error, /no-such-model/);
      } finally {
        await setting('customModelPath', undefined);
      }
    });

    it('stops when cancelled, after the file being tagged', async () => {
      const subscription = plod.onWorkspaceScanProgress(() => plod.cancelWorkspaceScan());
      try {
        const report = await scan(FOLDER_GLOB);
        assert.equal(report.cancelled, true);
        assert.equal(report.total, 4);
        assert.equal(report.tagged.length + report.skipped.length + report.failed.length, 1);
      } finally {
        subscription.dispose();
      }
      const again = await scan(FOLDER_GLOB);
      assert.equal(again.cancelled, false, 'a new scan runs after a cancelled one');
    });
  });

  describe('PLOD: Mark as Wrong / Correct Label', () => {
    const SENTENCE = 'The body mass index (BMI) and the odds ratio (OR) were computed for every EHR.';
    const TOKENS = SENTENCE.replace(/([().])/g, ' $1 ')
      .trim()
      .split(/\s+/);
    let server: { url: string; child: ChildProcess } | undefined;

    afterEach(async () => {
      // A correction to O holds in later runs; the suites after this one start without it.
      await vscode.commands.executeCommand('plodTagger.forgetCorrections');
      await plod.whenIdle();
    });

    after(async () => {
      server?.child.kill('SIGTERM');
      await setting('remote.endpoint', undefined);
      await plod.setApiToken('');
    });

    it('appends corrections to the feedback file and exports them as PLOD CoNLL', async () => {
      await setting('remote.endpoint', undefined);
      const editor = await open('workspace/notes.txt');
      await vscode.commands.executeCommand('plodTagger.tagDocument');
      await plod.whenIdle();
      const file = plod.feedbackFile();
      const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      const text = editor.document.getText();
      const bmi = text.indexOf('BMI');
      const first = await vscode.commands.executeCommand<FeedbackOutcome>('plodTagger.markLabel', {
        label: 'O',
        uri: editor.document.uri.toString(),
        start: bmi,
        end: bmi + 3,
      });
      assert.equal(first.remote, undefined, 'nothing is sent without an endpoint');
      // The cursor inside a tagged span corrects that span.
      const mass = editor.document.positionAt(text.indexOf('mass') + 1);
      editor.selection = new vscode.Selection(mass, mass);
      await vscode.commands.executeCommand('plodTagger.markLabel', { label: 'AC' });

      const after = fs.readFileSync(file, 'utf8');
      assert.ok(after.startsWith(before), 'earlier corrections are kept');
      const added = after
        .slice(before.length)
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.equal(added.length, 2);
      const modelTags = TOKENS.map((t, i) =>
        ['BMI', 'OR', 'EHR'].includes(t)
          ? 'B-AC'
          : [1, 9].includes(i)
            ? 'B-LF'
            : [2, 3, 10].includes(i)
              ? 'I-LF'
              : 'B-O',
      );
      assert.deepEqual(
        added.map(({ time, ...rest }) => (assert.match(time, /^\d{4}-\d\d-\d\dT/), rest)),
        [
          {
            model: 'rules',
            comment: null,
            text: SENTENCE,
            span: { start: 21, end: 24 },
            span_text: 'BMI',
            label: 'O',
            tokens: TOKENS,
            ner_tags: TOKENS.map((_, i) => (i === 5 ? 'B-O' : null)),
            file: 'workspace/notes.txt',
            source_span: { start: bmi, end: bmi + 3 },
            model_tags: modelTags,
          },
          {
            model: 'rules',
            comment: null,
            text: SENTENCE,
            span: { start: 4, end: 19 },
            span_text: 'body mass index',
            label: 'AC',
            tokens: TOKENS,
            ner_tags: TOKENS.map((_, i) => (i === 1 ? 'B-AC' : i === 2 || i === 3 ? 'I-AC' : null)),
            file: 'workspace/notes.txt',
            source_span: { start: text.indexOf('body'), end: text.indexOf('body') + 15 },
            model_tags: modelTags,
          },
        ],
      );

      const target = path.join(tmp, 'corrections.conll');
      await vscode.commands.executeCommand('plodTagger.exportFeedback', { target });
      const conll = fs.readFileSync(target, 'utf8');
      assert.match(conll, /^The X B-O\nbody X B-AC\nmass X I-AC\nindex X I-AC\n\( X B-O\nBMI X B-O\n/m);
      const sentence = parseConll(conll).find((s) => s.tokens.join(' ') === TOKENS.join(' '));
      assert.deepEqual(sentence?.tags, [
        'O',
        'B-AC',
        'I-AC',
        'I-AC',
        'O',
        'O',
        'O',
        'O',
        'O',
        'B-LF',
        'I-LF',
        'O',
        'B-AC',
        'O',
        'O',
        'O',
        'O',
        'O',
        'B-AC',
        'O',
      ]);
    });

    it("sends a correction to the server's feedback route once the user agreed, with the API token", async () => {
      const data = fs.mkdtempSync(path.join(tmp, 'server-'));
      server = await startServer(ROOT, 'feedback-key', ['--data-dir', data]);
      await setting('remote.endpoint', server.url);
      await plod.allowEndpoint(server.url);
      await plod.setApiToken('feedback-key');
      const editor = await open('workspace/notes.txt');
      const start = editor.document.getText().indexOf('odds ratio');
      const outcome = await vscode.commands.executeCommand<FeedbackOutcome>('plodTagger.markLabel', {
        label: 'LF',
        uri: editor.document.uri.toString(),
        start,
        end: start + 10,
        comment: 'from the test',
      });
      assert.deepEqual(outcome.remote, { ok: true, status: 201, message: 'ok' });
      const stored = fs
        .readFileSync(path.join(data, 'feedback.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.equal(stored.length, 1);
      assert.deepEqual(
        [
          stored[0].text,
          stored[0].span,
          stored[0].span_text,
          stored[0].label,
          stored[0].model,
          stored[0].comment,
        ],
        [SENTENCE, { start: 34, end: 44 }, 'odds ratio', 'LF', 'rules', 'from the test'],
      );
      assert.ok(
        fs.readFileSync(plod.feedbackFile(), 'utf8').includes('"comment":"from the test"'),
        'kept locally too',
      );
    });
  });
});
