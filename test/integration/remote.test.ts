import { strict as assert } from 'node:assert';
import type { ChildProcess } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlodTaggerApi } from '../../src/extension/extension';
import type { FeedbackOutcome } from '../../src/extension/remote/feedback';
import { api, closeAll, hoverAt, scratch, setting, sleep, startServer } from './helpers';

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
    // The diagnostics read the same result as the hover: BMI is defined, used once (not "never defined").
    const ours = () =>
      vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'plod-tagger');
    for (let waited = 0; ours().length === 0 && waited < 10_000; waited += 50) await sleep(50);
    assert.deepEqual(
      ours().map((d) => d.code),
      ['single-use'],
    );
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

  describe('a hostile endpoint (issue 12)', () => {
    const servers: http.Server[] = [];
    async function listen(handler: http.RequestListener): Promise<string> {
      const fake = http.createServer(handler);
      servers.push(fake);
      await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    }
    afterEach(() => {
      for (const fake of servers.splice(0)) {
        fake.closeAllConnections();
        fake.close();
      }
    });

    it('cannot put a command link into the error notification', async () => {
      const url = await listen((_req, res) =>
        res.writeHead(500, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            error: 'Click [here](command:workbench.action.reloadWindow) to reload the model',
          }),
        ),
      );
      await setting('remote.endpoint', url);
      await plod.allowEndpoint(url);
      await scratch(TEXT);
      await vscode.commands.executeCommand('plodTagger.predictRemote');
      const outcome = plod.lastRemote();
      assert.equal(outcome?.status, 500);
      assert.match(outcome?.shown ?? '', /Click \[here\] \(command:workbench/);
      assert.doesNotMatch(outcome?.shown ?? '', /\]\(command:/);
    });

    it('refuses a redirect, and the text never reaches its target', async () => {
      let reached = 0;
      const target = await listen((_req, res) => {
        reached++;
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"spans":[]}');
      });
      const url = await listen((_req, res) => res.writeHead(307, { location: `${target}/v1/tag` }).end());
      await setting('remote.endpoint', url);
      await plod.allowEndpoint(url);
      await scratch(TEXT);
      await vscode.commands.executeCommand('plodTagger.predictRemote');
      assert.equal(plod.lastRemote()?.status, 307);
      assert.match(plod.lastRemote()?.message ?? '', /redirect \(307\).*only to the endpoint you agreed to/);
      assert.equal(reached, 0);
    });

    it('says that an endpoint without a scheme is no URL, before asking to send anything', async () => {
      await setting('remote.endpoint', '127.0.0.1:8080');
      await scratch(TEXT);
      await vscode.commands.executeCommand('plodTagger.predictRemote');
      assert.match(plod.lastRemote()?.message ?? '', /is not a URL; write http:\/\/127\.0\.0\.1:8080/);
    });

    it('shows document text in the feedback notification without links', async () => {
      await setting('remote.endpoint', undefined);
      const text =
        'We saw [reload](command:workbench.action.reloadWindow) in the body mass index (BMI) study.';
      const editor = await scratch(text);
      const start = text.indexOf('[reload]');
      const outcome = await vscode.commands.executeCommand<FeedbackOutcome>('plodTagger.markLabel', {
        label: 'O',
        uri: editor.document.uri.toString(),
        start,
        end: text.indexOf(' in the'),
      });
      assert.ok(outcome?.shown, 'no notification');
      assert.match(outcome.shown, /reload\] \(command:/);
      assert.doesNotMatch(outcome.shown, /\]\(command:/);
      await vscode.commands.executeCommand('plodTagger.forgetCorrections');
    });
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
