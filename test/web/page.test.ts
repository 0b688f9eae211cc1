import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { screenshotPath } from '../support/screenshots';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/server';
import { start } from '../server/helpers';
import { CHROMIUM_ARGS } from '../../scripts/code-server.mjs';
import { ROOT } from '../support/cli';

/** Debian's Chromium, installed by the project's own script when it is missing. */
function chromiumPath(): string {
  const wanted = process.env.PLOD_CHROMIUM || '/usr/bin/chromium';
  if (!fs.existsSync(wanted)) {
    const result = spawnSync('bash', [path.join(ROOT, 'scripts', 'vscode-host.sh')], { stdio: 'inherit' });
    if (result.status !== 0 || !fs.existsSync(wanted)) throw new Error(`no Chromium at ${wanted}`);
  }
  return wanted;
}

const TEXT =
  'The body mass index (BMI) of the patients rose. We used magnetic resonance imaging (MRI) twice; ' +
  'BMI and MRI results agreed.';

describe('web page in Chromium', function () {
  this.timeout(120_000);
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  before(async function () {
    this.timeout(900_000);
    server = await start({ models: ['rules'] });
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    await page.goto(server.url);
    await page.waitForSelector('#model option', { state: 'attached' });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function tag(text: string): Promise<void> {
    await page.fill('#text', text);
    await page.selectOption('#model', 'rules');
    await page.click('#tag');
    await page.waitForSelector('#results', { state: 'visible' });
    await page.waitForSelector('#tag:not([disabled])');
  }

  it('highlights the AC and LF spans, and lists the entities and the glossary', async () => {
    await tag(TEXT);
    const marks = await page.$$eval('#rendered mark', (nodes) =>
      nodes.map((n) => [n.getAttribute('data-label'), n.textContent]),
    );
    assert.deepEqual(marks, [
      ['LF', 'body mass index'],
      ['AC', 'BMI'],
      ['LF', 'magnetic resonance imaging'],
      ['AC', 'MRI'],
      ['AC', 'BMI'],
      ['AC', 'MRI'],
    ]);
    assert.equal(await page.textContent('#rendered'), TEXT);
    const entities = await page.$$eval('#entities tbody tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
    );
    assert.deepEqual(
      entities,
      marks.map(([label, text]) => [label, text]),
    );
    const glossary = await page.$$eval('#glossary tbody tr', (rows) =>
      rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent)),
    );
    assert.deepEqual(glossary, [
      ['BMI', 'body mass index', '2'],
      ['MRI', 'magnetic resonance imaging', '2'],
    ]);
    assert.match((await page.textContent('#meta')) ?? '', /4 abbreviations and 2 long forms · model rules/);
  });

  it('shows a <script> in the text as text, and never runs it', async () => {
    const hostile =
      'The <script>window.__pwned = 1</script> body mass index (BMI) <img src=x onerror="window.__pwned = 2"> rose.';
    await tag(hostile);
    assert.equal(await page.textContent('#rendered'), hostile);
    assert.equal(await page.$$eval('#rendered script, #rendered img', (nodes) => nodes.length), 0);
    assert.equal(await page.evaluate('window.__pwned'), undefined);
    const texts = await page.$$eval('#entities tbody tr td:nth-child(2)', (cells) =>
      cells.map((c) => c.textContent),
    );
    assert.ok(texts.includes('BMI'), JSON.stringify(texts));
  });

  it('fills the text box from the sample picker', async () => {
    const options = await page.$$eval('#sample option', (nodes) => nodes.map((n) => n.getAttribute('value')));
    assert.ok(options.length >= 4, 'the picker has samples');
    await page.selectOption('#sample', '1');
    const value = await page.inputValue('#text');
    assert.match(value, /magnetic resonance imaging \(MRI\)/);
  });

  it('makes no request beyond 127.0.0.1, and logs no error', async () => {
    await tag(TEXT);
    await page.screenshot({ path: screenshotPath(ROOT, 'web-page.png'), fullPage: true });
    assert.ok(requests.length >= 5, JSON.stringify(requests));
    for (const url of requests) assert.ok(url.startsWith(server.url), `request to ${url}`);
    assert.deepEqual(problems, []);
  });
});
