#!/usr/bin/env node
// `npm start`: the extension in a real VS Code (code-server) that you open in your browser.
//
//   node scripts/start-vscode.mjs [--port N] [--no-build] [--verbose] [--check [--screenshot FILE]]
//
// 1. scripts/vscode-host.sh installs Node 24, code-server and Chromium where missing;
// 2. builds the extension (node esbuild.config.mjs) unless --no-build;
// 3. makes a workspace $PLOD_VSCODE_HOME/workspace with paper.md and paper.tex from test/fixtures
//    (files already there are kept, so your edits survive);
// 4. installs the extension by linking the repo as $PLOD_VSCODE_HOME/extensions/plod.plod-tagger-<version>
//    (a rebuild is picked up on reload: Developer: Reload Window);
// 5. starts code-server on 127.0.0.1:$PORT (default 8080; a free port when that one is busy) and
//    keeps it running until Ctrl-C / SIGTERM. User settings persist in $PLOD_VSCODE_HOME/user-data.
// --check: start, load the workbench once in headless Chromium, open paper.md, save a screenshot
// (--screenshot FILE, default plod-start-check.png in the system temp folder), stop, exit 0.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { hostEnv, portIsFree, freePort, repoRoot, startCodeServer, launchChromium } from './code-server.mjs';

const { values: opts } = parseArgs({
  options: {
    port: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

const die = (message) => {
  console.error(`start-vscode: ${message}`);
  process.exit(1);
};

let host;
try {
  host = hostEnv();
} catch (err) {
  die(err.message);
}
const home = host.PLOD_VSCODE_HOME;

if (!opts['no-build']) {
  const build = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) die('the build (node esbuild.config.mjs) failed');
}

// Workspace: the sample papers, never overwriting a file that is there already.
const workspace = path.join(home, 'workspace');
fs.mkdirSync(workspace, { recursive: true });
for (const name of ['paper.md', 'paper.tex']) {
  const target = path.join(workspace, name);
  if (!fs.existsSync(target)) fs.copyFileSync(path.join(repoRoot, 'test', 'fixtures', name), target);
}

// Extension: a link to the repo, named as VS Code names installed extensions.
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const extensionId = `${pkg.publisher}.${pkg.name}`;
const folderName = `${extensionId}-${pkg.version}`;
const extensionsDir = path.join(home, 'extensions');
fs.mkdirSync(extensionsDir, { recursive: true });
const linkPath = path.join(extensionsDir, folderName);
for (const entry of fs.readdirSync(extensionsDir)) {
  if (entry.startsWith(`${extensionId}-`) && entry !== folderName)
    fs.rmSync(path.join(extensionsDir, entry), { recursive: true, force: true });
}
let linkOk = false;
try {
  linkOk = fs.lstatSync(linkPath).isSymbolicLink() && fs.realpathSync(linkPath) === fs.realpathSync(repoRoot);
} catch {
  /* missing */
}
if (!linkOk) {
  fs.rmSync(linkPath, { recursive: true, force: true });
  fs.symlinkSync(repoRoot, linkPath, 'dir');
}
// VS Code keeps the list of installed extensions in extensions.json: drop stale versions, add this one.
const manifest = path.join(extensionsDir, 'extensions.json');
if (fs.existsSync(manifest)) {
  let entries = [];
  try {
    entries = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  } catch {
    /* unreadable: VS Code rebuilds it from the folders */
  }
  const others = entries.filter((e) => e?.identifier?.id?.toLowerCase() !== extensionId.toLowerCase());
  const ours = entries.find(
    (e) =>
      e?.identifier?.id?.toLowerCase() === extensionId.toLowerCase() && e.relativeLocation === folderName,
  ) ?? {
    identifier: { id: extensionId },
    version: pkg.version,
    location: { $mid: 1, path: linkPath, scheme: 'file' },
    relativeLocation: folderName,
  };
  const next = JSON.stringify([...others, ours]);
  if (next !== JSON.stringify(entries)) fs.writeFileSync(manifest, next);
}

// Settings for a first start only; afterwards they are yours.
const userDataDir = opts.check ? undefined : path.join(home, 'user-data');
const firstSettings = {
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};
const hasSettings = userDataDir && fs.existsSync(path.join(userDataDir, 'User', 'settings.json'));

let port = Number(opts.port ?? process.env.PORT ?? 8080);
if (!(await portIsFree(port))) {
  const wanted = port;
  port = await freePort();
  console.error(`start-vscode: port ${wanted} is busy, using ${port}`);
}

let server;
try {
  server = await startCodeServer({
    workspace,
    extensionsDir,
    userDataDir,
    settings: hasSettings ? undefined : firstSettings,
    port,
    log: opts.verbose ? (line) => process.stderr.write(`[code-server] ${line}\n`) : null,
  });
} catch (err) {
  die(err.message);
}
const url = server.workspaceUrl(workspace);

if (opts.check) {
  const file = path.resolve(opts.screenshot ?? path.join(os.tmpdir(), 'plod-start-check.png'));
  let ok = false;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // paper.md opens through the URL payload (as `code paper.md` would), so the screenshot shows a tagged document.
    const paper = `vscode-remote://${server.host}:${server.port}${path.join(workspace, 'paper.md')}`;
    const opened = performance.now();
    await page.goto(server.workspaceUrl(workspace, [['openFile', paper]]));
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await page.waitForSelector('.editor-instance .monaco-editor .view-lines', { timeout: 60_000 });
    const editorShown = performance.now();
    // Wait for the extension's status bar item to show up and stop spinning (model loaded, document tagged).
    const settled = await page
      .waitForFunction(
        () => {
          const items = [...globalThis.document.querySelectorAll('.statusbar-item')].filter((e) =>
            /PLOD/.test(e.textContent ?? ''),
          );
          return items.length > 0 && !items.some((e) => /~spin/.test(e.getAttribute('aria-label') ?? ''));
        },
        undefined,
        { timeout: Number(process.env.PLOD_CHECK_SETTLE_MS ?? 60_000), polling: 250 },
      )
      .then(() => true)
      .catch(() => false);
    if (!settled)
      console.error('start-vscode --check: no idle PLOD status bar item (extension not active yet?)');
    else {
      const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
      console.log(
        `start-vscode --check: editor shown ${seconds(editorShown - opened)} after loading the page, ` +
          `paper.md tagged ${seconds(performance.now() - editorShown)} after that`,
      );
    }
    for (const line of extensionLog(server.userDataDir)) console.log(`  [PLOD Tagger log] ${line}`);
    await page.waitForTimeout(1000);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await page.screenshot({ path: file });
    ok = true;
    console.log(`start-vscode --check: workbench loaded at ${url}; screenshot ${file}`);
  } catch (err) {
    console.error(`start-vscode --check failed: ${err.message}`);
    const pages = browser.contexts().flatMap((c) => c.pages());
    if (pages[0]) await pages[0].screenshot({ path: file }).catch(() => {});
    console.error(`start-vscode --check: what the page showed is in ${file}`);
  } finally {
    await browser.close().catch(() => {});
  }
  const list = spawnSync(
    host.PLOD_NODE24,
    [host.PLOD_CODE_SERVER_ENTRY, '--extensions-dir', extensionsDir, '--list-extensions'],
    {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: server.tmpRoot, XDG_DATA_HOME: server.tmpRoot },
    },
  );
  const installed = (list.stdout ?? '')
    .split('\n')
    .some((l) => l.trim().toLowerCase() === extensionId.toLowerCase());
  if (!installed)
    console.error(`start-vscode --check: ${extensionId} is not listed by code-server --list-extensions`);
  await server.stop();
  process.exit(ok && installed ? 0 : 1);
}

/** The lines of the extension's output channel, as VS Code wrote them under the user data folder's logs. */
function extensionLog(userData) {
  const found = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('PLOD Tagger.log')) found.push(full);
    }
  };
  try {
    walk(path.join(userData, 'logs'));
  } catch {
    return [];
  }
  return found.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean));
}

console.log(`\nPLOD Tagger is running in VS Code (code-server ${host.PLOD_CODE_SERVER_VERSION}).`);
console.log(`Open ${url}`);
console.log(`code-server's log: ${server.logFile}${opts.verbose ? '' : ' (--verbose prints it here)'}`);
console.log('Press Ctrl-C to stop.\n');

let stopping = false;
const shutdown = async (signal) => {
  if (stopping) return;
  stopping = true;
  console.error(`\nstart-vscode: ${signal}, stopping code-server`);
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGHUP', () => shutdown('SIGHUP'));
const exited = await server.exited;
if (!stopping) {
  console.error(`start-vscode: code-server exited (${exited.code ?? exited.signal})`);
  await server.stop();
  process.exit(exited.code ?? 1);
}
