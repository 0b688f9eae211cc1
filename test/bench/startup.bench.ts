// npm run bench:startup — how soon the inference process gives its first result on the sample paper, on a quiet
// machine and with CPU hogs on every core, started the way the extension starts it (normal priority until the
// model is loaded, then niceness 10) against a process niced from its start (what the extension did before).
// Each figure is the median of 3 fresh processes; the ratio compares figures from the same run.
import { fork, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Request, Response } from '../../src/worker/protocol';
import { ensureBuilt, FIXTURES, ROOT } from '../support/cli';

const MODEL = process.env.PLOD_BENCH_MODEL ?? 'plod-base';
const RUNS = 3;
const text = fs.readFileSync(path.join(FIXTURES, 'paper.md'), 'utf8');

function firstResultMs(nicedFromStart: boolean): Promise<number> {
  const started = performance.now();
  const child = fork(path.join(ROOT, 'dist', 'worker.js'), [], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  if (nicedFromStart && child.pid !== undefined) os.setPriority(child.pid, 10);
  return new Promise((resolve, reject) => {
    child.once('message', (response: Response) => {
      child.kill();
      if (response.ok) resolve(performance.now() - started);
      else reject(new Error(response.error));
    });
    const request: Request = {
      id: 1,
      kind: 'analyse',
      model: { kind: 'shipped', name: MODEL },
      text,
      lang: 'markdown',
      minScore: 0,
    };
    child.send(request);
  });
}

async function median(nicedFromStart: boolean): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await firstResultMs(nicedFromStart));
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

/** One busy loop per core, at normal priority, like a build or a test run beside the editor. */
function hogs(count: number): () => void {
  const children = Array.from({ length: count }, () =>
    spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }),
  );
  return () => children.forEach((c) => c.kill());
}

async function main(): Promise<void> {
  ensureBuilt();
  const cores = os.availableParallelism();
  const rows: { load: string; shipped: number; niced: number }[] = [];
  for (const count of [0, cores, 2 * cores]) {
    const stop = count ? hogs(count) : () => undefined;
    try {
      rows.push({
        load: count ? `${count} CPU hogs` : 'quiet',
        shipped: await median(false),
        niced: await median(true),
      });
    } finally {
      stop();
    }
  }
  console.log(
    `first result on test/fixtures/paper.md, model ${MODEL}, ${cores} cores, median of ${RUNS} processes`,
  );
  console.log('load          shipped (nice after 1st)    niced from start   niced / shipped');
  for (const r of rows) {
    console.log(
      `${r.load.padEnd(14)}${`${Math.round(r.shipped)} ms`.padStart(14)}${`${Math.round(r.niced)} ms`.padStart(27)}` +
        `${(r.niced / r.shipped).toFixed(2).padStart(18)}×`,
    );
  }
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, 'bench-results', 'startup.json'),
    JSON.stringify({ model: MODEL, cores, rows }, null, 2),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
