import { strict as assert } from 'node:assert';
import { fork, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis } from '../../src/core/analyze';
import { applyAssistDelta } from '../../src/core/assistant/outcome';
import { applyAnalysisDelta, diffText } from '../../src/core/delta';
import { Engine } from '../../src/extension/tagging/engine';
import type { Request, Response } from '../../src/worker/protocol';
import { ensureBuilt, FIXTURES, ROOT } from '../support/cli';

const WORKER = path.join(ROOT, 'dist', 'worker.js');
const RULES = { kind: 'shipped', name: 'rules' } as const;

/** A long Markdown paper: the fixture's paragraphs many times over, each copy numbered so that none repeats. */
function longPaper(copies: number): string {
  const paper = fs.readFileSync(path.join(FIXTURES, 'paper.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '');
  return Array.from({ length: copies }, (_, i) => paper.replace(/^(?=[A-Z])/gm, `Part ${i}. `)).join('\n');
}

/** The analysis but for how many paragraphs the model ran, which depends on what its cache held. */
const found = ({ taggedParagraphs: _, ...rest }: Analysis) => rest;

/** A fresh inference process for the suite, and how to ask it one thing at a time. */
function inferenceProcess(): (request: Request) => Promise<Response> {
  let child: ChildProcess;
  before(() => {
    ensureBuilt();
    child = fork(WORKER, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  });
  after(() => child.kill());
  return (request) =>
    new Promise<Response>((resolve) => {
      child.once('message', (response: Response) => resolve(response));
      child.send(request);
    });
}

const EDIT = 'The magnetic resonance imaging (MRI) scan was read twice. ';

/** The inference process spoken to over IPC, as the extension host speaks to it. */
describe('inference process deltas (dist/worker.js)', function () {
  this.timeout(60_000);
  const ask = inferenceProcess();
  const common = { kind: 'analyse', model: RULES, lang: 'markdown', minScore: 0 } as const;
  const full = async (id: number, text: string): Promise<Analysis> => {
    const response = await ask({ ...common, id, text });
    assert.ok(response.ok && 'analysis' in response, JSON.stringify(response).slice(0, 300));
    return response.analysis;
  };

  it('sends back only the spans an edit changed, which rebuild the analysis of the whole new text', async () => {
    const before = longPaper(40);
    const at = before.indexOf('Part 20. ');
    const after = before.slice(0, at) + EDIT + before.slice(at);
    const first = await ask({ ...common, id: 1, text: before, document: 'paper.md' });
    assert.ok(first.ok && 'analysis' in first);
    const edit: Request = {
      ...common,
      id: 2,
      document: 'paper.md',
      textDelta: diffText(before, after),
      textBase: 1,
      analysisBase: 1,
    };
    const second = await ask(edit);
    assert.ok(second.ok && 'analysisDelta' in second, JSON.stringify(second).slice(0, 300));
    assert.equal(second.analysisBase, 1);
    const rebuilt = applyAnalysisDelta(first.analysis, second.analysisDelta);
    const expected = await full(3, after);
    assert.deepEqual(found(rebuilt), found(expected));
    assert.deepEqual(rebuilt.glossary, expected.glossary);
    assert.ok(rebuilt.spans.some((s) => after.slice(s.start, s.end) === 'MRI'));

    const sizes = {
      request: JSON.stringify(edit).length,
      wholeRequest: JSON.stringify({ ...common, id: 2, text: after }).length,
      answer: JSON.stringify(second).length,
      wholeAnswer: JSON.stringify({ id: 2, ok: true, analysis: expected }).length,
    };
    console.log(`      IPC of a one-sentence edit to ${after.length} characters: ${JSON.stringify(sizes)}`);
    assert.ok(sizes.request * 20 < sizes.wholeRequest, JSON.stringify(sizes));
    assert.ok(sizes.answer * 5 < sizes.wholeAnswer, JSON.stringify(sizes));
  });

  it('asks for the whole text when it does not hold the text a delta changes', async () => {
    const response = await ask({
      ...common,
      id: 4,
      document: 'never-sent.md',
      textDelta: { keepStart: 0, keepEnd: 0, insert: 'x' },
      textBase: 99,
    });
    assert.ok(!response.ok && response.needText, JSON.stringify(response));
  });

  it('answers in full when the host does not hold the analysis the last answer was', async () => {
    const text = longPaper(2);
    await ask({ ...common, id: 5, text, document: 'other.md' });
    const response = await ask({ ...common, id: 6, text: text + '\nMore text.', document: 'other.md' });
    assert.ok(response.ok && 'analysis' in response);
  });
});

describe('Engine: the extension host side of the deltas', function () {
  this.timeout(60_000);
  let engine: Engine;
  before(() => {
    ensureBuilt();
    engine = new Engine(WORKER, () => {});
  });
  after(() => engine.dispose());

  it('gives the same analysis for each edit of a document as for its whole text', async () => {
    let text = longPaper(10);
    const analyse = (t: string, document?: string) =>
      engine.analyse(RULES, t, 'markdown', 0, { document }).then((r) => r.analysis);
    for (let edit = 0; edit < 4; edit++) {
      const delta = await analyse(text, 'paper.md');
      assert.deepEqual(found(delta), found(await analyse(text)), `edit ${edit}`);
      const at = text.indexOf(`Part ${edit * 2}. `);
      text = edit % 2 ? text.slice(0, at) + text.slice(at + 40) : text.slice(0, at) + EDIT + text.slice(at);
    }
  });

  it('gives the same findings for each edit of a document as for its whole text', async () => {
    let text = longPaper(10);
    const assist = { disabledRules: [], wellKnown: [] };
    const findings = (t: string, document?: string) =>
      engine.analyse(RULES, t, 'markdown', 0, { document, assist }).then((r) => r.assist);
    for (let edit = 0; edit < 4; edit++) {
      const delta = await findings(text, 'findings.md');
      assert.ok(delta && delta.diagnostics.length > 0);
      assert.deepEqual(delta, await findings(text), `edit ${edit}`);
      const at = text.indexOf(`Part ${edit * 2}. `);
      text = edit % 2 ? text.slice(0, at) + text.slice(at + 40) : text.slice(0, at) + EDIT + text.slice(at);
    }
  });

  it('sends the whole text again when a new inference process does not hold it', async () => {
    const text = longPaper(3);
    await engine.analyse(RULES, text, 'markdown', 0, { document: 'restart.md' });
    // The next request starts a new process, to which the window first sends a delta of a text it never had.
    engine.dispose();
    const changed = text.replace('Part 1. ', EDIT);
    const { analysis } = await engine.analyse(RULES, changed, 'markdown', 0, { document: 'restart.md' });
    assert.deepEqual(found(analysis), found((await engine.analyse(RULES, changed, 'markdown', 0)).analysis));
    assert.ok(analysis.spans.some((s) => changed.slice(s.start, s.end) === 'MRI'));
  });
});

describe('inference process: first tags while the model loads (dist/worker.js)', function () {
  this.timeout(60_000);
  const ask = inferenceProcess();
  const text = 'The magnetic resonance imaging (MRI) scan. Each MRI was read twice.';
  const request = { kind: 'analyse', lang: 'plaintext', minScore: 0, text } as const;
  const small = { kind: 'shipped', name: 'plod-small' } as const;

  it('answers a provisional request with the rules before the model is loaded, and says so', async () => {
    const first = await ask({ ...request, id: 1, model: small, provisional: true });
    assert.ok(first.ok && 'analysis' in first, JSON.stringify(first));
    assert.equal(first.taggedWith, 'rules');
    assert.equal(first.loadMs, undefined);
    assert.deepEqual(
      first.analysis.spans.map((s) => [text.slice(s.start, s.end), s.label]),
      [
        ['magnetic resonance imaging', 'LF'],
        ['MRI', 'AC'],
        ['MRI', 'AC'],
      ],
    );
  });

  it('answers with the model itself once it is loaded, provisional or not', async () => {
    const whole = await ask({ ...request, id: 2, model: small });
    assert.ok(
      whole.ok && whole.taggedWith === undefined && whole.loadMs !== undefined,
      JSON.stringify(whole),
    );
    const again = await ask({ ...request, id: 3, model: small, provisional: true });
    assert.ok(again.ok && again.taggedWith === undefined, JSON.stringify(again));
  });

  it('never calls the rules a stand-in for themselves', async () => {
    const rules = await ask({ ...request, id: 4, model: RULES, provisional: true });
    assert.ok(rules.ok && rules.taggedWith === undefined, JSON.stringify(rules));
  });
});

describe('inference process: the writing assistant’s findings with the tags (dist/worker.js)', function () {
  this.timeout(60_000);
  const ask = inferenceProcess();
  const text = [
    'Each MRI was read twice. The magnetic resonance imaging (MRI) scans came from two sites.',
    'The support vector machine (SVM) was never used again, and the ECG was never defined.',
    'We repeat the magnetic resonance imaging protocol.',
  ].join('\n\n');
  const request = { kind: 'analyse', model: RULES, lang: 'plaintext', minScore: 0, text } as const;
  const common = { kind: 'analyse', model: RULES, lang: 'markdown', minScore: 0 } as const;
  const findings = async (id: number, assist?: Request['assist']) => {
    const response = await ask({ ...request, id, ...(assist ? { assist } : {}) });
    assert.ok(response.ok, JSON.stringify(response));
    return response.assist;
  };
  const said = (outcome: Awaited<ReturnType<typeof findings>>) =>
    outcome?.diagnostics.map((d) => `${d.code} ${text.slice(d.range.start, d.range.end)}`);

  it('sends diagnostics and the Outline’s abbreviations only when asked, in the text’s offsets', async () => {
    assert.equal(await findings(1), undefined);
    const outcome = await findings(2, { disabledRules: [], wellKnown: [] });
    assert.deepEqual(said(outcome), [
      'used-before-definition MRI',
      'single-use MRI',
      'unused-definition SVM',
      'undefined ECG',
      'repeated-long-form magnetic resonance imaging',
    ]);
    assert.deepEqual(
      outcome?.symbols.map((s) => [s.name, s.detail]),
      [
        ['MRI', 'magnetic resonance imaging'],
        ['SVM', 'support vector machine'],
        ['ECG', 'not defined'],
      ],
    );
  });

  it('after an edit sends only the change of the findings, which rebuilds them whole', async () => {
    const options = { disabledRules: [], wellKnown: [] };
    const paper = longPaper(20);
    const first = await ask({ ...common, id: 10, text: paper, document: 'findings.md', assist: options });
    assert.ok(first.ok && first.assist, JSON.stringify(first).slice(0, 300));
    const at = paper.indexOf('Part 10. ') + 'Part 10. '.length;
    const edited = paper.slice(0, at) + 'Each scan was read twice. ' + paper.slice(at);
    const second = await ask({
      ...common,
      id: 11,
      document: 'findings.md',
      textDelta: diffText(paper, edited),
      textBase: 10,
      analysisBase: 10,
      assist: options,
    });
    assert.ok(second.ok && second.assistDelta && !second.assist, JSON.stringify(second).slice(0, 300));
    const whole = await ask({ ...common, id: 12, text: edited, assist: options });
    assert.ok(whole.ok && whole.assist);
    assert.deepEqual(applyAssistDelta(first.assist, second.assistDelta), whole.assist);
    const sizes = {
      delta: JSON.stringify(second.assistDelta).length,
      whole: JSON.stringify(whole.assist).length,
    };
    assert.ok(sizes.delta * 5 < sizes.whole, JSON.stringify(sizes));
  });

  it('leaves out the rules turned off and the abbreviations the user calls well known', async () => {
    const outcome = await findings(3, { disabledRules: ['unused-definition'], wellKnown: ['ECG'] });
    assert.deepEqual(said(outcome), [
      'used-before-definition MRI',
      'single-use MRI',
      'repeated-long-form magnetic resonance imaging',
    ]);
    assert.deepEqual(outcome?.options, { disabledRules: ['unused-definition'], wellKnown: ['ECG'] });
  });
});
