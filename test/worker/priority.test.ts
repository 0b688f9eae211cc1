import { strict as assert } from 'node:assert';
import { fork, type ChildProcess } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Request, Response } from '../../src/worker/protocol';
import { ensureBuilt, ROOT } from '../support/cli';

/** The inference process as the extension forks it: dist/worker.js, spoken to over IPC. */
describe('inference process (dist/worker.js)', function () {
  this.timeout(60_000);
  let child: ChildProcess;

  before(() => {
    ensureBuilt();
    child = fork(path.join(ROOT, 'dist', 'worker.js'), [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  });
  after(() => child.kill());

  const ask = (request: Request) =>
    new Promise<Response>((resolve) => {
      child.once('message', (response: Response) => resolve(response));
      child.send(request);
    });

  it('starts at normal priority, so its start-up and first model load are not starved on a busy machine', () => {
    assert.equal(os.getPriority(child.pid), os.getPriority());
  });

  it('reports its start-up time once, and then yields the CPU to the editor (niceness 10)', async () => {
    const text = 'The body mass index (BMI) rose.';
    const first = await ask({
      id: 1,
      kind: 'analyse',
      model: { kind: 'shipped', name: 'rules' },
      text,
      lang: 'plaintext',
      minScore: 0,
    });
    assert.ok(first.ok && 'analysis' in first);
    assert.ok(first.startupMs !== undefined && first.startupMs > 0, JSON.stringify(first));
    assert.deepEqual(
      first.analysis.spans.map((s) => [text.slice(s.start, s.end), s.label]),
      [
        ['body mass index', 'LF'],
        ['BMI', 'AC'],
      ],
    );
    assert.equal(os.getPriority(child.pid), Math.max(os.getPriority(), 10));
    const second = await ask({
      id: 2,
      kind: 'analyse',
      model: { kind: 'shipped', name: 'rules' },
      text,
      lang: 'plaintext',
      minScore: 0,
    });
    assert.ok(second.ok);
    assert.equal(second.startupMs, undefined);
  });
});
