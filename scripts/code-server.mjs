// Runs a real VS Code (code-server, installed by scripts/vscode-host.sh) and drives its web workbench
// with headless Chromium through playwright-core. Plain Node ESM: it runs before any build.
//
//   startCodeServer({ workspace, extensionsDir?, userDataDir?, settings?, env?, port?, host?, log? })
//     -> { url, port, host, workspaceUrl(folder?), stop(), userDataDir, extensionsDir, tmpRoot, logFile, child }
//   runExtensionTests({ extensionDevelopmentPath?, extensionTestsPath, workspace, timeoutMs?, env?,
//                       screenshot?, settings?, extensionsDir? })
//     -> { exitCode, passed, failed, skipped, timedOut, seconds, log (test output lines), workbenchLog }
//     Without extensionDevelopmentPath the tests run against the extensions installed in extensionsDir
//     (see installExtension): VS Code only runs extensionTestsPath when a development path is given, so a
//     stub folder whose package.json is not the extension (testHostStub) stands in for it.
//   installExtension({ vsix, extensionsDir }) -> { folder, seconds, output }   code-server --install-extension
//   takeScreenshot({ url, file, waitForSelector?, settleMs? })  one page load + screenshot, for `npm start -- --check`
//   hostEnv()  runs scripts/vscode-host.sh (installs what is missing) and returns its env file as an object
//
// Test results. VS Code calls window.codeAutomationLog(level, message) for each log line of the
// extension host (mocha's spec reporter output arrives there) and window.codeAutomationExit(code)
// once, with the exit code of the test index's run(). Both are exposed before page.goto. Counts come
// from the spec reporter's "N passing / N failing / N pending" lines, unless the test index prints
//   PLOD-TEST-COUNTS {"passed":N,"failed":M,"skipped":K}
// which is authoritative. A run that does not call codeAutomationExit within timeoutMs fails.
//
// Screenshot protocol. The tests run in the remote Node extension host and cannot reach the page.
// code-server's environment (hence the extension host's) gets PLOD_SCREENSHOT_DIR=<dir>. A test writes
//   <dir>/screenshot-request.json   {"path": "/abs/file.png"}       (write a .tmp file, then rename)
// the runner polls for it every 250 ms, takes page.screenshot({ path }), deletes the request and writes
//   <dir>/screenshot-done.json      {"path": ..., "ok": true}  or  {"path": ..., "ok": false, "error": "..."}
// which the test waits for and deletes. test/integration/screenshot.ts implements the test side.
//
// Environment given to code-server / the extension host: PLOD_SCREENSHOT_DIR (above), PLOD_TEST_LOG_MARKER
// (test/integration/index.ts prefixes console output with it, so test lines can be told from workbench
// logs), plus the caller's env (e.g. PLOD_TEST_GREP). Read here: PLOD_VSCODE_HOME (cache folder),
// PLOD_VSCODE_VERBOSE=1 (print workbench and code-server logs to stderr), PLOD_CHROMIUM (browser binary).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '..');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let cachedHost;

/** Runs scripts/vscode-host.sh (quiet when all is installed) once per process and returns the paths it wrote. */
export function hostEnv() {
  if (cachedHost) return cachedHost;
  const result = spawnSync('bash', [path.join(here, 'vscode-host.sh')], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0)
    throw new Error(`scripts/vscode-host.sh failed (${result.status ?? result.signal})`);
  const home = process.env.PLOD_VSCODE_HOME || path.join(os.homedir(), '.cache', 'plod-tagger-vscode');
  const env = {};
  for (const line of fs.readFileSync(path.join(home, 'env'), 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) env[m[1]] = m[2];
  }
  return (cachedHost = env);
}

/** A TCP port that is free on 127.0.0.1 right now. */
export function freePort(hostname = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, hostname, () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** GET url without keep-alive (fetch's pooled socket would keep the process alive for seconds). */
function healthz(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** Whether `port` can be listened on at `hostname`. */
export function portIsFree(port, hostname = '127.0.0.1') {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, hostname, () => srv.close(() => resolve(true)));
  });
}

/** The process environment without variables that would make code-server act as a client of another one. */
function cleanEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(key) || key === 'CODE_SERVER_PARENT_PID') delete env[key];
  }
  return env;
}

/**
 * Starts code-server and waits until it answers GET /healthz.
 * Temporary folders (TMPDIR, XDG_*, and the user data / extensions dirs when not given) are made fresh
 * for each call and removed by stop().
 */
export async function startCodeServer({
  workspace,
  extensionsDir,
  userDataDir,
  settings,
  env = {},
  port,
  host: hostname = '127.0.0.1',
  log = null, // a function(line) that receives code-server's own output, or null to only keep it in logFile
  startTimeoutMs = 60_000,
} = {}) {
  const { PLOD_NODE24: node24, PLOD_CODE_SERVER_ENTRY: entry } = hostEnv();
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-code-server-'));
  const dirs = { tmp: 'tmp', config: 'config', data: 'data' };
  for (const [k, v] of Object.entries(dirs)) fs.mkdirSync((dirs[k] = path.join(tmpRoot, v)));
  userDataDir ??= path.join(tmpRoot, 'user-data');
  extensionsDir ??= path.join(tmpRoot, 'extensions');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  if (settings) {
    fs.writeFileSync(
      path.join(userDataDir, 'User', 'settings.json'),
      JSON.stringify(settings, null, 2) + '\n',
    );
  }
  port ??= await freePort(hostname);

  const args = [
    entry,
    '--bind-addr',
    `${hostname}:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--vscode-option',
    'enable-smoke-test-driver',
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
  ];
  if (workspace) args.push(path.resolve(workspace));

  const logFile = path.join(tmpRoot, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const child = spawn(node24, args, {
    detached: true, // own process group: stop() kills code-server, its extension host and pty host together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...cleanEnv(),
      ...env,
      TMPDIR: dirs.tmp,
      XDG_CONFIG_HOME: dirs.config,
      XDG_DATA_HOME: dirs.data,
    },
  });
  let exited = null;
  const exitPromise = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve((exited = { code, signal }))),
  );
  for (const stream of [child.stdout, child.stderr]) {
    let buf = '';
    stream.on('data', (chunk) => {
      fs.writeSync(logFd, chunk);
      if (!log) return;
      buf += chunk.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        log(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    });
  }

  let stopped = false;
  const stop = async ({ keepTemp = false } = {}) => {
    if (stopped) return;
    stopped = true;
    const killGroup = (sig) => {
      try {
        process.kill(-child.pid, sig);
      } catch {
        /* already gone */
      }
    };
    if (!exited) {
      killGroup('SIGTERM');
      let timer;
      await Promise.race([exitPromise, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
    }
    // Children (extension host, pty host) may outlive the server for a moment; end the whole group.
    killGroup('SIGTERM');
    await sleep(100);
    killGroup('SIGKILL');
    try {
      fs.closeSync(logFd);
    } catch {
      /* closed */
    }
    if (!keepTemp) fs.rmSync(tmpRoot, { recursive: true, force: true });
  };

  const url = `http://${hostname}:${port}/`;
  const deadline = Date.now() + startTimeoutMs;
  let healthy = false;
  while (Date.now() < deadline && !exited) {
    if (await healthz(`${url}healthz`)) {
      healthy = true;
      break;
    }
    await sleep(150);
  }
  if (!healthy) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
    await stop();
    throw new Error(
      `code-server ${exited ? `exited (${exited.code ?? exited.signal})` : `did not answer /healthz in ${startTimeoutMs} ms`}` +
        ` on port ${port}. Its output:\n${tail}`,
    );
  }

  const workspaceUrl = (folder = workspace, payload) => {
    const q = [];
    if (folder) q.push(`folder=${encodeURIComponent(path.resolve(folder)).replace(/%2F/g, '/')}`);
    if (payload) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    return q.length ? `${url}?${q.join('&')}` : url;
  };

  return {
    url,
    port,
    host: hostname,
    workspaceUrl,
    stop,
    exited: exitPromise,
    userDataDir,
    extensionsDir,
    tmpRoot,
    logFile,
    child,
  };
}

/** The stub "extension under development" of testHostStub: it contributes nothing and has no code. */
export const TEST_HOST_STUB_ID = 'plod-test.vsix-test-host';

/**
 * A folder with a minimal package.json that is NOT the extension, used as extensionDevelopmentPath when the
 * tests must run against installed extensions: VS Code ignores extensionTestsPath without a development path
 * (checked with code-server 4.139: the run never starts). Returns its path; the caller removes it.
 */
export function testHostStub(parent = os.tmpdir()) {
  const dir = fs.mkdtempSync(path.join(parent, 'plod-test-host-'));
  const [publisher, name] = TEST_HOST_STUB_ID.split('.');
  const manifest = {
    name,
    displayName: 'Test host stub (not PLOD Tagger)',
    description: 'Lets VS Code run extensionTestsPath against the installed extensions.',
    publisher,
    version: '0.0.0',
    engines: { vscode: '*' },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  return dir;
}

/**
 * Installs a VSIX into extensionsDir with `code-server --install-extension` (offline, about a second),
 * as a user would, and returns the folder it was unpacked into.
 */
export function installExtension({ vsix, extensionsDir }) {
  const { PLOD_NODE24: node24, PLOD_CODE_SERVER_ENTRY: entry } = hostEnv();
  const started = Date.now();
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-install-'));
  fs.mkdirSync(extensionsDir, { recursive: true });
  const before = new Set(fs.readdirSync(extensionsDir));
  try {
    const dirs = {};
    for (const d of ['tmp', 'config', 'data', 'user-data']) fs.mkdirSync((dirs[d] = path.join(tmpRoot, d)));
    const result = spawnSync(
      node24,
      [
        entry,
        '--user-data-dir',
        dirs['user-data'],
        '--extensions-dir',
        extensionsDir,
        '--install-extension',
        path.resolve(vsix),
      ],
      {
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...cleanEnv(), TMPDIR: dirs.tmp, XDG_CONFIG_HOME: dirs.config, XDG_DATA_HOME: dirs.data },
      },
    );
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
    const added = fs.readdirSync(extensionsDir).filter((d) => !before.has(d) && d !== 'extensions.json');
    if (result.status !== 0 || !/successfully installed/i.test(output) || added.length !== 1) {
      throw new Error(
        `code-server --install-extension ${vsix} failed (${result.status ?? result.signal}):\n${output}`,
      );
    }
    return { folder: path.join(extensionsDir, added[0]), seconds: (Date.now() - started) / 1000, output };
  } finally {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
}

/** Launches /usr/bin/chromium (or $PLOD_CHROMIUM) headless through playwright-core. */
export async function launchChromium({ headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: process.env.PLOD_CHROMIUM || hostEnv().PLOD_CHROMIUM || '/usr/bin/chromium',
    headless,
    args: CHROMIUM_ARGS,
  });
}

/** Counts from mocha's spec reporter lines; `PLOD-TEST-COUNTS {...}` overrides them. */
export class TestCounter {
  passed = 0;
  failed = 0;
  skipped = 0;
  authoritative = false;
  line(text) {
    const counts = /PLOD-TEST-COUNTS\s+(\{.*\})/.exec(text);
    if (counts) {
      try {
        const c = JSON.parse(counts[1]);
        this.passed = c.passed ?? 0;
        this.failed = c.failed ?? 0;
        this.skipped = c.skipped ?? c.pending ?? 0;
        this.authoritative = true;
      } catch {
        /* not JSON: ignore */
      }
      return;
    }
    if (this.authoritative) return;
    const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(text);
    if (m) this[{ passing: 'passed', failing: 'failed', pending: 'skipped' }[m[2]]] = Number(m[1]);
  }
}

/**
 * Settings for test runs and `npm start`: no AI/chat features, no gallery or update checks, no
 * welcome page. They make the workbench start faster offline and do not touch the extension's settings.
 */
export const QUIET_SETTINGS = {
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.tips.enabled': false,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
};

/**
 * Marks the extension host's console output while the tests run (test/integration/index.ts adds it when
 * PLOD_TEST_LOG_MARKER is set), so it can be told from the workbench's own log lines.
 */
export const TEST_LOG_MARKER = '@@PLOD@@';

/** Errors the offline workbench always logs (marketplace, sign-in, telemetry): not worth showing. */
const NOISE = /ENOTFOUND|ENETUNREACH|EAI_AGAIN|authentication provider|open-vsx|^Canceled/;

/**
 * Starts code-server, opens the workbench in headless Chromium with extensionDevelopmentPath and
 * extensionTestsPath in the URL payload, streams the test output to stdout and resolves when the
 * test index's run() settles (codeAutomationExit) or after timeoutMs.
 */
export async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace,
  screenshot, // optional path: a screenshot of the workbench when the tests have finished
  timeoutMs = 10 * 60_000,
  env = {},
  settings,
  extensionsDir,
  out = (line) => process.stdout.write(line + '\n'),
  verbose = !!process.env.PLOD_VSCODE_VERBOSE, // also print workbench / code-server logs
} = {}) {
  if (!extensionTestsPath) throw new Error('runExtensionTests needs extensionTestsPath');
  let stub;
  if (!extensionDevelopmentPath) extensionDevelopmentPath = stub = testHostStub();
  const started = Date.now();
  const log = []; // test output
  const workbenchLog = []; // everything else the workbench logged
  const counter = new TestCounter();
  const emit = (line) => {
    log.push(line);
    counter.line(line);
    out(line);
  };
  const debug = (line) => {
    workbenchLog.push(line);
    if (verbose) process.stderr.write(`[vscode +${((Date.now() - started) / 1000).toFixed(1)}s] ${line}\n`);
  };

  const errors = []; // the workbench's error lines, shown when the tests never report counts
  const shotDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-screenshots-'));
  let server;
  let browser;
  let poll;
  let timer;
  let exitCode = 1;
  let timedOut = false;
  try {
    server = await startCodeServer({
      workspace,
      extensionsDir,
      settings: { ...QUIET_SETTINGS, ...settings },
      env: { ...env, PLOD_SCREENSHOT_DIR: shotDir, PLOD_TEST_LOG_MARKER: TEST_LOG_MARKER },
      log: verbose ? (l) => process.stderr.write(`[code-server] ${l}\n`) : null,
    });
    debug(`code-server is up at ${server.url}`);
    const remote = (p) => `vscode-remote://${server.host}:${server.port}${path.resolve(p)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDevelopmentPath)],
      ['extensionTestsPath', remote(extensionTestsPath)],
    ];

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (err) => debug(`page error: ${err.message}`));
    debug('chromium is up');

    let resolveExit;
    const exitReported = new Promise((r) => (resolveExit = r));
    // Marked lines come from the extension host's console while the tests run; the rest is workbench noise.
    await page.exposeFunction('codeAutomationLog', (level, message) => {
      const text = String(message ?? '');
      const marked = text.startsWith(TEST_LOG_MARKER);
      if (!marked && level === 'error' && !NOISE.test(text)) errors.push(text);
      for (const line of (marked ? text.slice(TEST_LOG_MARKER.length) : text).split('\n')) {
        if (marked || /PLOD-TEST-COUNTS/.test(line)) emit(line);
        else debug(`${level}: ${line}`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));

    const answer = (reply) => {
      const done = path.join(shotDir, 'screenshot-done.json');
      fs.writeFileSync(`${done}.tmp`, JSON.stringify(reply));
      fs.renameSync(`${done}.tmp`, done);
    };
    const takeRequestedShot = async () => {
      const request = path.join(shotDir, 'screenshot-request.json');
      if (!fs.existsSync(request)) return;
      let target;
      try {
        target = JSON.parse(fs.readFileSync(request, 'utf8')).path;
        fs.rmSync(request, { force: true });
        fs.mkdirSync(path.dirname(target), { recursive: true });
        await page.screenshot({ path: target });
        answer({ path: target, ok: true });
        debug(`screenshot: ${target}`);
      } catch (err) {
        fs.rmSync(request, { force: true });
        answer({ path: target, ok: false, error: String(err?.message ?? err) });
      }
    };
    let polling = false;
    poll = setInterval(() => {
      if (polling) return;
      polling = true;
      takeRequestedShot().finally(() => (polling = false));
    }, 250);

    const timeout = new Promise((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const serverDied = server.exited.then((e) => ({ died: e }));
    await page.goto(server.workspaceUrl(workspace, payload));
    debug('workbench page loaded');
    const outcome = await Promise.race([exitReported, timeout, serverDied]);
    if (outcome === 'timeout') {
      timedOut = true;
      emit(
        `TIMEOUT: the tests did not finish within ${Math.round(timeoutMs / 1000)} s (no codeAutomationExit)`,
      );
    } else if (typeof outcome === 'object') {
      emit(`code-server exited during the tests (${outcome.died.code ?? outcome.died.signal})`);
    } else {
      exitCode = outcome;
    }
    if (screenshot) {
      try {
        fs.mkdirSync(path.dirname(path.resolve(screenshot)), { recursive: true });
        await page.screenshot({ path: screenshot });
      } catch (err) {
        debug(`final screenshot failed: ${err.message}`);
      }
    }
  } finally {
    clearInterval(poll);
    clearTimeout(timer);
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    fs.rmSync(shotDir, { recursive: true, force: true });
    if (stub) fs.rmSync(stub, { recursive: true, force: true });
  }

  if (exitCode !== 0 && !counter.authoritative && errors.length) {
    emit('The tests reported no counts. Last errors logged by VS Code:');
    for (const e of errors.slice(-3)) {
      for (const line of e.split('\n').slice(0, 12)) emit(`  ${line}`);
    }
  }
  let { passed, failed, skipped } = counter;
  if (exitCode !== 0 && failed === 0) failed = 1; // run() rejected or never finished: never report green
  if (exitCode === 0 && failed > 0) exitCode = 1;
  if (!counter.authoritative && passed + failed === 0 && exitCode === 0) {
    debug('no test counts were reported');
  }
  return {
    exitCode,
    passed,
    failed,
    skipped,
    timedOut,
    seconds: (Date.now() - started) / 1000,
    log,
    workbenchLog,
  };
}

/** Loads `url` once in headless Chromium and saves a screenshot (used by `npm start -- --check`). */
export async function takeScreenshot({ url, file, waitForSelector = '.monaco-workbench', settleMs = 3000 }) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(url);
    await page.waitForSelector(waitForSelector, { timeout: 60_000 });
    await sleep(settleMs);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    await page.screenshot({ path: file });
    return { title: await page.title() };
  } finally {
    await browser.close();
  }
}
