import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer } from '../../scripts/code-server.mjs';
import { ROOT } from '../support/cli';

/**
 * The real set-up, the way `npm test` and `npm start` run it: `npm run setup:vscode` from inside an npm
 * script, into $PLOD_VSCODE_HOME. CI points that at a new empty folder (.ci/run) and sets
 * PLOD_EXPECT_FRESH_HOST=1, so every CI run proves the install a new user gets, not a cached one.
 */
describe('VS Code host set-up, from inside npm', function () {
  this.timeout(20 * 60_000);

  const home = process.env.PLOD_VSCODE_HOME || path.join(os.homedir(), '.cache', 'plod-tagger-vscode');
  const envFile = path.join(home, 'env');

  it('installs Node 24, code-server and Chromium where missing, through npm run setup:vscode', () => {
    const fresh = !fs.existsSync(envFile);
    if (process.env.PLOD_EXPECT_FRESH_HOST === '1') {
      assert.ok(fresh, `PLOD_EXPECT_FRESH_HOST=1, but ${home} already holds an install`);
    }
    const started = performance.now();
    const npm = spawnSync('bash', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
    const run = spawnSync(npm, ['run', '--silent', 'setup:vscode'], { cwd: ROOT, stdio: 'inherit' });
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    assert.equal(run.status, 0, 'npm run setup:vscode failed; its messages are above');
    console.log(`      ${fresh ? 'fresh install' : 'already installed, checked'} in ${seconds} s: ${home}`);

    const env = Object.fromEntries(
      fs
        .readFileSync(envFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    const node = spawnSync(env.PLOD_NODE24, ['--version'], { encoding: 'utf8' });
    assert.match(node.stdout, /^v24\./);
    const codeServer = spawnSync(env.PLOD_NODE24, [env.PLOD_CODE_SERVER_ENTRY, '--version'], {
      encoding: 'utf8',
    });
    assert.equal(codeServer.status, 0, codeServer.stderr);
    assert.match(codeServer.stdout, new RegExp(`^${env.PLOD_CODE_SERVER_VERSION.replace(/\./g, '\\.')} `));
    assert.ok(fs.existsSync(env.PLOD_CHROMIUM), `no Chromium at ${env.PLOD_CHROMIUM}`);
  });

  it('starts code-server, which answers /healthz and serves the workbench page', async () => {
    const server = await startCodeServer();
    try {
      const get = (url: string) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          http
            .get(url, { agent: false }, (res) => {
              let body = '';
              res.setEncoding('utf8');
              res.on('data', (chunk: string) => (body += chunk));
              res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
            })
            .on('error', reject);
        });
      assert.equal((await get(`${server.url}healthz`)).status, 200);
      const page = await get(server.url);
      assert.equal(page.status, 200);
      assert.match(page.body, /workbench/);
    } finally {
      await server.stop();
    }
  });
});
