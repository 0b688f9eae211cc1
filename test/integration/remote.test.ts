import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlodTaggerApi } from '../../src/extension/extension';
import { api, closeAll, hoverAt, scratch, setting, startServer } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const KEY = 'integration-secret';

describe('PLOD: Predict with Remote Endpoint', function () {
  this.timeout(120_000);
  let plod: PlodTaggerApi;
  let server: { url: string; child: ChildProcess };
  const TEXT = 'The body mass index (BMI) was high. The BMI fell later.';

  before(async () => {
    plod = await api();
    server = await startServer(ROOT, KEY);
  });

  after(async () => {
    server?.child.kill('SIGTERM');
    await setting('remote.endpoint', undefined);
    await setting('autoTag', undefined);
    await plod.setApiToken('');
    await closeAll();
  });

  it('sends the document only when asked, and draws the remote spans with hovers marked remote', async () => {
    await setting('autoTag', false);
    await setting('remote.endpoint', server.url);
    await plod.allowEndpoint(server.url);
    await plod.setApiToken(KEY);
    const editor = await scratch(TEXT);
    assert.equal(plod.result(editor.document.uri), undefined, 'nothing is tagged before the command');
    await vscode.commands.executeCommand('plodTagger.predictRemote');
    assert.deepEqual(plod.lastRemote(), { ok: true, message: 'ok', status: 200, spans: 3 });
    const result = plod.result(editor.document.uri);
    assert.equal(result?.origin, 'remote');
    assert.equal(result?.model, 'rules');
    assert.deepEqual(
      result?.spans.map((s) => [s.label, s.start, s.end, s.text]),
      [
        ['LF', 4, 19, 'body mass index'],
        ['AC', 21, 24, 'BMI'],
        ['AC', 40, 43, 'BMI'],
      ],
    );
    const hover = await hoverAt(editor.document, 41);
    assert.match(hover, /body mass index/);
    assert.match(hover, /Model rules · score 1\.00 · remote/);
  });

  it('explains a refused token once, and keeps the local tags', async () => {
    await setting('remote.endpoint', server.url);
    await plod.allowEndpoint(server.url);
    await plod.setApiToken('wrong');
    await setting('model', 'rules');
    const editor = await scratch(TEXT);
    await vscode.commands.executeCommand('plodTagger.tagDocument');
    await plod.whenIdle();
    const local = plod.result(editor.document.uri);
    assert.equal(local?.origin, 'local');
    await vscode.commands.executeCommand('plodTagger.predictRemote');
    const outcome = plod.lastRemote();
    assert.equal(outcome?.ok, false);
    assert.equal(outcome?.status, 401);
    assert.match(outcome?.message ?? '', /refused the API token \(401\)/);
    assert.doesNotMatch(outcome?.message ?? '', /wrong/);
    assert.deepEqual(plod.result(editor.document.uri), local);
    await setting('model', undefined);
  });

  it('explains an endpoint that is down', async () => {
    await setting('remote.endpoint', 'http://127.0.0.1:9');
    await plod.allowEndpoint('http://127.0.0.1:9');
    await scratch(TEXT);
    await vscode.commands.executeCommand('plodTagger.predictRemote');
    assert.match(
      plod.lastRemote()?.message ?? '',
      /cannot reach http:\/\/127\.0\.0\.1:9\b.*; is the server running\?/,
    );
  });

  it('ignores an endpoint set by the workspace', async () => {
    await setting('remote.endpoint', server.url);
    await plod.allowEndpoint(server.url);
    await plod.setApiToken(KEY);
    try {
      await vscode.workspace
        .getConfiguration('plodTagger')
        .update('remote.endpoint', 'http://127.0.0.1:1', vscode.ConfigurationTarget.Workspace);
    } catch {
      // VS Code refuses to write an application setting into the workspace; either way it must not be used.
    }
    await scratch(TEXT);
    await vscode.commands.executeCommand('plodTagger.predictRemote');
    assert.equal(plod.lastRemote()?.status, 200, plod.lastRemote()?.message);
  });
});
