import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { ensureBuilt, ROOT, runCli } from '../support/cli';
import { serveOptions } from '../../src/cli/serve';
import { get, post, tempDir } from './helpers';

interface Child {
  process: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Start a process and wait for the URL it prints. */
function launch(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Child> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL after 20 s: ${stdout} ${stderr}`)), 20_000);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const url = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ process: child, url, stderr: () => stderr, exited });
      }
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before listening: ${stderr}`)));
  });
}

const serve = (args: string[], env?: NodeJS.ProcessEnv) => {
  ensureBuilt();
  return launch([path.join(ROOT, 'bin', 'plod-tagger.js'), 'serve', '--data-dir', tempDir(), ...args], env);
};

describe('plod-tagger serve (child process)', () => {
  it('prints its URL on 127.0.0.1, answers, and exits 0 on SIGTERM', async () => {
    const child = await serve(['--model', 'rules', '--port', '0']);
    const answer = await post(`${child.url}v1/tag`, { text: 'The body mass index (BMI) rose.' });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.model, 'rules');
    child.process.kill('SIGTERM');
    assert.equal(await child.exited, 0);
    assert.match(child.stderr(), /SIGTERM: finishing the requests in flight/);
  });

  it('reads the API key from $PLOD_API_KEY', async () => {
    const child = await serve(['--model', 'rules', '--port', '0'], { PLOD_API_KEY: 'from-env' });
    try {
      assert.equal((await post(`${child.url}v1/tag`, { text: 'x' })).status, 401);
      const authorized = await post(
        `${child.url}v1/tag`,
        { text: 'x' },
        { authorization: 'Bearer from-env' },
      );
      assert.equal(authorized.status, 200);
    } finally {
      child.process.kill('SIGINT');
      assert.equal(await child.exited, 0);
    }
  });

  it('finishes a request in flight when SIGTERM arrives, then exits 0', async () => {
    const child = await launch(['--import', 'tsx', path.join(__dirname, 'fixtures', 'slow-server.ts')], {
      SLOW_MS: '1500',
    });
    const inFlight = post(`${child.url}v1/tag`, { text: 'Answered after the signal.' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.process.kill('SIGTERM');
    const answer = await inFlight;
    assert.equal(answer.status, 200);
    assert.equal(answer.body.model, 'slow');
    assert.equal(await child.exited, 0);
  });

  it('answers every request that had arrived when SIGTERM comes, resetting none (20 at once)', async function () {
    this.timeout(60_000);
    const child = await serve(['--model', 'rules', '--port', '0']);
    const text = 'The body mass index (BMI) of the patients rose, and BMI fell later. '.repeat(1200);
    // SIGTERM comes once every request has been written to its socket: "had arrived" is the client's fact, not a
    // guess of how long a busy machine takes to send 20 bodies.
    const requests = Array.from({ length: 20 }, (_, i) =>
      sendJson(`${child.url}v1/tag`, { text: `Request ${i}. ${text}` }),
    );
    await Promise.all(requests.map((r) => r.sent));
    await new Promise((resolve) => setTimeout(resolve, 100));
    child.process.kill('SIGTERM');
    assert.deepEqual(await Promise.all(requests.map((r) => r.status)), Array(20).fill('200'));
    assert.equal(await child.exited, 0);
  });

  it('a model error is one line on stderr, with no input tensors (token ids of the text)', async function () {
    this.timeout(60_000);
    const folder = path.join(tempDir(), 'bad-vocab');
    fs.cpSync(path.join(ROOT, 'models', 'plod-small'), folder, { recursive: true });
    const tokenizer = JSON.parse(fs.readFileSync(path.join(folder, 'tokenizer.json'), 'utf8'));
    // An id past the ONNX file's embedding table: the vocabulary does not fit the model.
    tokenizer.model.vocab.zorblax = 9999;
    fs.writeFileSync(path.join(folder, 'tokenizer.json'), JSON.stringify(tokenizer));
    const child = await serve(['--model', folder, '--port', '0']);
    try {
      const answer = await post(`${child.url}v1/tag`, { text: 'A secret zorblax sentence.' });
      assert.equal(answer.status, 500);
      assert.match(String(answer.body.error), /internal error; see the server log/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const lines = child.stderr().trim().split('\n');
      assert.equal(lines.length, 1, child.stderr());
      assert.match(lines[0], /^plod-tagger serve: POST \/v1\/tag \(req-\d+\): /);
      assert.doesNotMatch(child.stderr(), /Inputs given to model|input_ids|BigInt64Array|onnxruntime/);
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  });

  it('refuses an API key with white space in one line, exit 1', () => {
    const result = runCli(['serve', '--model', 'rules', '--port', '0', '--data-dir', tempDir()], '', {
      PLOD_API_KEY: 'two words',
    });
    assert.equal(result.status, 1);
    assert.match(
      result.stderr,
      /^plod-tagger: PLOD_API_KEY holds white space .*no client could send it.*\n$/,
    );
  });

  it('says in one line that the port is taken, and exits 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const result = runCli(['serve', '--model', 'rules', '--port', String(port), '--data-dir', tempDir()]);
      assert.equal(result.status, 1);
      assert.equal(
        result.stderr,
        `plod-tagger: port ${port} on 127.0.0.1 is already in use; pick another with --port\n`,
      );
    } finally {
      blocker.close();
    }
  });

  it('rejects bad flags with one line and exit code 2', () => {
    for (const [args, message] of [
      [['--port', 'http'], /--port must be a whole number from 0 to 65535; got "http"/],
      [['--ab-share', '0.5'], /--ab-share needs --ab-model NAME/],
      [['--ab-model', 'rules', '--ab-share', '2'], /--ab-share must be a number from 0 to 1/],
      [['--api-key', 'secret'], /the API key is never a flag; set PLOD_API_KEY or give --api-key-file PATH/],
      [['--rate', 'fast'], /--rate must look like 120\/min/],
      [['--colour'], /Unknown option '--colour'/],
    ] as const) {
      const result = runCli(['serve', ...args]);
      assert.equal(result.status, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
    }
  });

  it('names an unknown model in one line and exits 1', () => {
    const result = runCli(['serve', '--model', 'nope', '--port', '0', '--data-dir', tempDir()]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /^plod-tagger: unknown model "nope"; the models are .*\n$/);
  });
});

describe('serve flags', () => {
  it('turns flags into server options', () => {
    const keyFile = path.join(tempDir(), 'key');
    fs.writeFileSync(keyFile, 'from-file\n');
    const options = serveOptions(
      [
        ...['--model', 'rules', '--model', 'plod-base', '--ab-model', 'rules', '--ab-share', '0.2'],
        ...['--rate', '5/s', '--max-queue', '3', '--timeout', '900', '--no-batching', '--no-log-text'],
        ...['--api-key-file', keyFile, '--batch-window', '0', '--host', '0.0.0.0', '--port', '0'],
      ],
      { PLOD_API_KEY: 'from-env' },
    );
    assert.deepEqual(options.models, ['rules', 'plod-base']);
    assert.equal(options.abShare, 0.2);
    assert.equal(options.ratePerMinute, 300);
    assert.equal(options.maxQueue, 3);
    assert.equal(options.timeoutMs, 900);
    assert.equal(options.batching, false);
    assert.equal(options.logText, false);
    assert.equal(options.apiKey, 'from-file');
    assert.equal(options.batchWindowMs, 0);
    assert.equal(options.host, '0.0.0.0');
    assert.equal(serveOptions([], {}).apiKey, undefined);
    assert.equal(serveOptions(['--rate', '0'], {}).ratePerMinute, 0);
  });
});

describe('GET / with the real CLI server', () => {
  it('serves the page from the bundle', async () => {
    const child = await serve(['--model', 'rules', '--port', '0']);
    try {
      const page = await get(child.url);
      assert.equal(page.status, 200);
      assert.match(page.body, /PLOD Tagger/);
    } finally {
      child.process.kill('SIGTERM');
      await child.exited;
    }
  });
});

/** A JSON POST whose `sent` resolves once the whole request is written, and `status` with the answer's status (or the error's code). */
function sendJson(url: string, body: unknown): { sent: Promise<void>; status: Promise<string> } {
  let markSent: () => void = () => undefined;
  const sent = new Promise<void>((resolve) => (markSent = resolve));
  const status = new Promise<string>((resolve) => {
    const request = http.request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(String(response.statusCode)));
        response.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      markSent();
      resolve(error.code ?? error.message);
    });
    request.on('finish', markSent);
    request.end(JSON.stringify(body));
  });
  return { sent, status };
}
