import { strict as assert } from 'node:assert';
import { execFile, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { analyse } from '../../src/core/analyze';
import { diagnose } from '../../src/core/assistant/diagnostics';
import { applyEdits, fixesFor, latexConversions, type Fix } from '../../src/core/assistant/fixes';
import { buildModel } from '../../src/core/assistant/model';
import { RulesTagger } from '../../src/core/taggers/rules';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'latex');
const run = promisify(execFile);

/** Every kind of quick fix, by the start of its title. */
const KINDS = [
  'Define',
  'Use the abbreviation',
  'Remove the repeated definition',
  'Remove the unused abbreviation',
  'Write out',
  'Convert to',
  'Convert every',
];

/** The macros each fixture's fixes must write, and those they must never write. */
const EXPECTED: Record<string, { writes: RegExp; never: RegExp }> = {
  'acronym.tex': { writes: /\\(ac|acp|Ac)\{/, never: /\\gls/ },
  'acro.tex': { writes: /\\(ac|acp|Ac)\{/, never: /\\gls/ },
  'glossaries.tex': { writes: /\\(gls|glspl|Gls)\{/, never: /\\(ac|acp|Ac)\{/ },
  'glossaries-shortcuts.tex': { writes: /\\(ac|acp|Ac)\{/, never: /\\gls/ },
};

/** Every distinct quick fix the core offers on a fixture: for its diagnostics, and at each mention. */
async function allFixes(source: string): Promise<Fix[]> {
  const analysis = await analyse(source, new RulesTagger(), { lang: 'latex' });
  const model = buildModel(analysis, source, 'latex');
  const found = [
    ...diagnose(model).flatMap((d) => fixesFor(model, d)),
    ...model.abbreviations.flatMap((a) => a.mentions.flatMap((m) => latexConversions(model, m))),
  ];
  const seen = new Set<string>();
  return found.filter((fix) => {
    const key = JSON.stringify(fix.edits);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Runs pdflatex on `text` in a fresh folder; the exit status and the log. */
async function pdflatex(binary: string, text: string): Promise<{ status: number; log: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-pdflatex-'));
  try {
    fs.writeFileSync(path.join(dir, 'fixed.tex'), text);
    const args = ['-interaction=nonstopmode', '-halt-on-error', '-no-shell-escape', 'fixed.tex'];
    try {
      const { stdout } = await run(binary, args, { cwd: dir, timeout: 60_000, maxBuffer: 16 << 20 });
      return { status: 0, log: stdout };
    } catch (error) {
      const failed = error as { code?: number; stdout?: string };
      return {
        status: typeof failed.code === 'number' ? failed.code : 1,
        log: failed.stdout ?? String(error),
      };
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `jobs` two at a time (the machines that run the tests are small). */
async function inPairs<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

/**
 * Every kind of quick fix, applied by the core to a small document of each acronym package, must leave a
 * document that pdflatex compiles: no `\ac` where glossaries lacks it, no key the document does not declare.
 * TeX Live comes from Debian (`texlive-latex-extra`, which holds acronym.sty, acro.sty and glossaries.sty);
 * `npm test` and `.ci/run` install it where it is missing. Without pdflatex this test fails, it never skips.
 */
describe('quick fixes compile with pdflatex, for acronym, acro and glossaries', function () {
  this.timeout(10 * 60_000);
  let binary: string;

  before(() => {
    binary = spawnSync('bash', ['-c', 'command -v pdflatex'], { encoding: 'utf8' }).stdout.trim();
    assert.ok(
      binary,
      'pdflatex is not on PATH: install TeX Live with `bash scripts/tex-live.sh` ' +
        '(apt-get install --no-install-recommends texlive-latex-extra), as npm test does',
    );
  });

  for (const name of Object.keys(EXPECTED)) {
    it(`${name}: the fixture compiles, and so does the result of each of its quick fixes`, async () => {
      const source = fs.readFileSync(path.join(FIXTURES, name), 'utf8');
      const original = await pdflatex(binary, source);
      assert.equal(original.status, 0, `the fixture itself does not compile:\n${errors(original.log)}`);

      const fixes = await allFixes(source);
      const kinds = KINDS.filter((kind) => fixes.some((f) => f.title.startsWith(kind)));
      assert.deepEqual(kinds, KINDS, `every kind of fix is offered on ${name}`);
      const written = fixes.flatMap((f) => f.edits.map((e) => e.newText)).join('\n');
      assert.match(written, EXPECTED[name].writes);
      assert.doesNotMatch(written, EXPECTED[name].never);

      const results = await inPairs(
        fixes.map((fix) => () => pdflatex(binary, applyEdits(source, fix.edits))),
      );
      const failures = fixes.flatMap((fix, i) => {
        const { status, log } = results[i];
        return status === 0 && !/Undefined control sequence/.test(log)
          ? []
          : [`“${fix.title}” (pdflatex exit ${status}):\n${errors(log)}`];
      });
      assert.deepEqual(failures, [], `${failures.length} of ${fixes.length} fixes break ${name}`);
    });
  }
});

/** The error lines of a pdflatex log, with the line after each. */
function errors(log: string): string {
  const lines = log.split('\n');
  return lines
    .flatMap((line, i) => (line.startsWith('!') ? [line, lines[i + 1] ?? '', lines[i + 2] ?? ''] : []))
    .join('\n');
}
