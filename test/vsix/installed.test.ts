// Smoke suite for the packaged extension: `npm run test:vsix` installs the VSIX into a fresh extensions
// folder of a real VS Code (code-server) and runs these tests there, with no development copy of the
// extension (scripts/run-integration-tests.mjs --vsix). They check that what a user installs works offline:
// the bundles, the shipped model, onnxruntime-node's native binding for this platform and the CLI.
import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlodTaggerApi } from '../../src/extension/extension';
import { api, closeAll, EXTENSION_ID, hoverAt, open, setting, startServer } from '../integration/helpers';

const KEY = 'vsix-smoke-secret';

/** [label, start, end, text] of spans in test/fixtures/paper.tex; offsets in UTF-16 code units. */
const PAPER_TEX_SPANS: Array<[string, number, number, string]> = [
  ['LF', 218, 245, 'Natural Language Processing'],
  ['AC', 256, 259, 'NLP'],
  ['LF', 410, 432, 'support vector machine'],
  ['AC', 434, 437, 'SVM'],
  ['AC', 331, 339, '\\ac{cnn}'],
];

function installedFolder(): string {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  return extension.extensionPath;
}

/** The spans of paper.tex tagged by the current model, checked against PAPER_TEX_SPANS. */
async function tagPaper(plod: PlodTaggerApi, model: string) {
  const editor = await open('paper.tex');
  await vscode.commands.executeCommand('plodTagger.tagDocument');
  await plod.whenIdle();
  const result = plod.result(editor.document.uri);
  assert.ok(result, `no result for paper.tex; status: ${plod.statusText()}`);
  assert.equal(result.model, model, plod.statusText());
  const text = editor.document.getText();
  const found = result.spans.map((s) => [s.label, s.start, s.end, s.text]);
  for (const expected of PAPER_TEX_SPANS) {
    assert.equal(text.slice(expected[1], expected[2]), expected[3], 'the fixture changed');
    assert.ok(
      found.some((s) => JSON.stringify(s) === JSON.stringify(expected)),
      `${model}: no span ${JSON.stringify(expected)} in ${JSON.stringify(found)}`,
    );
  }
  return { editor, result };
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('the installed VSIX', function () {
  this.timeout(120_000);
  let plod: PlodTaggerApi;

  before(async () => {
    plod = await api();
  });

  afterEach(async () => {
    await closeAll();
    await setting('model', undefined);
    await plod.whenIdle();
  });

  it('is the copy in the extensions folder, not a development folder', () => {
    const extensionsDir = process.env.PLOD_VSIX_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'PLOD_VSIX_EXTENSIONS_DIR is not set: run with `npm run test:vsix`');
    const folder = installedFolder();
    assert.ok(
      path.resolve(folder).startsWith(path.resolve(extensionsDir) + path.sep),
      `${EXTENSION_ID} runs from ${folder}, not from the extensions folder ${extensionsDir}`,
    );
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(extension?.extensionKind, vscode.ExtensionKind.Workspace);
    // The "extension under development" is the runner's empty stub (scripts/code-server.mjs testHostStub).
    assert.ok(vscode.extensions.getExtension('plod-test.vsix-test-host'), 'the test host stub is not loaded');
    // What a VSIX must not carry, and what only a development folder has.
    for (const absent of ['src', 'test', 'scripts', 'models/training', 'dist/extension.js.map'])
      assert.ok(!fs.existsSync(path.join(folder, absent)), `${absent} is in the installed extension`);
    const target = process.env.PLOD_VSIX_TARGET ?? 'linux-x64';
    const [platform, arch] = target.split('-');
    const napi = fs.readdirSync(path.join(folder, 'node_modules', 'onnxruntime-node', 'bin'));
    assert.equal(napi.length, 1, `napi folders: ${napi.join(', ')}`);
    const bin = path.join(folder, 'node_modules', 'onnxruntime-node', 'bin', napi[0]);
    assert.deepEqual(fs.readdirSync(bin), [platform]);
    assert.deepEqual(fs.readdirSync(path.join(bin, platform)), [arch]);
  });

  it('tags a LaTeX paper with the default model (ONNX on the shipped onnxruntime binding)', async () => {
    const { result } = await tagPaper(plod, 'plod-small');
    assert.ok(
      result.spans.some((s) => s.score < 1),
      'every score is 1: the neural model did not run',
    );
    assert.equal(result.glossary.find((e) => e.short === 'CNN')?.long, 'convolutional neural network');
    assert.match(plod.statusText(), /PLOD: plod-small · \d+ AC · \d+ LF/);
  });

  it('gives an abbreviation its long form in a hover', async () => {
    const { editor } = await tagPaper(plod, 'plod-small');
    const text = editor.document.getText();
    const hover = await hoverAt(editor.document, text.lastIndexOf('SVM') + 1);
    assert.match(hover, /support vector machine/);
    assert.match(hover, /Model plod-small · score (0|1)\.\d\d/);
  });

  it('switches to the rules model when the setting changes', async () => {
    const editor = await open('paper.tex');
    await plod.whenIdle();
    assert.equal(plod.result(editor.document.uri)?.model, 'plod-small');
    await vscode.workspace
      .getConfiguration()
      .update('plodTagger.model', 'rules', vscode.ConfigurationTarget.Global);
    await plod.whenIdle();
    assert.equal(plod.result(editor.document.uri)?.model, 'rules');
    assert.match(plod.statusText(), /PLOD: rules · \d+ AC · \d+ LF/);
    await tagPaper(plod, 'rules');
  });

  describe('remote prediction against the installed CLI server', () => {
    let server: { url: string; child: ChildProcess } | undefined;

    before(async () => {
      server = await startServer(installedFolder(), KEY);
    });

    after(async () => {
      server?.child.kill('SIGTERM');
      await setting('remote.endpoint', undefined);
      await setting('autoTag', undefined);
      await plod.setApiToken('');
    });

    it('serves the web page from the installed media/web', async () => {
      const page = await get(`${server?.url}/`);
      assert.equal(page.status, 200);
      assert.match(page.body, /<html/i);
    });

    it('sends the paper on request and draws the remote spans', async () => {
      assert.ok(server);
      await setting('autoTag', false);
      await setting('remote.endpoint', server.url);
      await plod.allowEndpoint(server.url);
      await plod.setApiToken(KEY);
      const editor = await open('paper.tex');
      await vscode.commands.executeCommand('plodTagger.predictRemote');
      const outcome = plod.lastRemote();
      assert.equal(outcome?.ok, true, outcome?.message);
      assert.equal(outcome?.status, 200);
      const result = plod.result(editor.document.uri);
      assert.equal(result?.origin, 'remote');
      assert.equal(result?.model, 'rules');
      const found = result?.spans.map((s) => [s.label, s.start, s.end, s.text]) ?? [];
      for (const expected of PAPER_TEX_SPANS)
        assert.ok(
          found.some((s) => JSON.stringify(s) === JSON.stringify(expected)),
          JSON.stringify(expected),
        );
      const hover = await hoverAt(editor.document, editor.document.getText().lastIndexOf('SVM') + 1);
      assert.match(hover, /Model rules · score 1\.00 · remote/);
    });
  });
});
