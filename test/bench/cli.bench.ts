// npm run bench:cli — what a user of the CLI waits for, as ratios measured in this one run:
// - start-up: `plod-tagger models` and `--help` against a bare `node -e 0`;
// - `tag` of a 10,000-word paper, cold (a fresh process: start-up and model load included), for each model;
// - cost growth: words per second of `tag` at 10k, 20k, 40k and 80k words (linear when the rate holds).
// Each figure is the median wall time of RUNS fresh processes, after one that is not counted.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dataDir } from '../../src/core/data';
import { ensureBuilt, ROOT } from '../support/cli';
import { makePaper } from './paper';

const RUNS = Number(process.env.PLOD_BENCH_RUNS ?? 5);
const CLI = path.join(ROOT, 'bin', 'plod-tagger.js');
const SIZES = [10_000, 20_000, 40_000, 80_000];
const SCALING_MODELS = ['rules', 'plod-small'];

function wallMs(args: string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`);
  return elapsed;
}

function median(args: string[], runs = RUNS): number {
  wallMs(args); // a first run that fills the file cache, not counted
  const times = Array.from({ length: runs }, () => wallMs(args)).sort((a, b) => a - b);
  return times[Math.floor(runs / 2)];
}

const ms = (x: number) => `${Math.round(x)} ms`;

function main(): void {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-bench-cli-'));
  const papers = new Map(
    SIZES.map((words) => {
      const file = path.join(dir, `paper-${words}.md`);
      fs.writeFileSync(file, makePaper(dataDir(), words));
      return [words, file] as const;
    }),
  );
  const countWords = (file: string) => fs.readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).length;

  const bare = median(['-e', '0']);
  const startup = [
    { command: 'models', ms: median([CLI, 'models']) },
    { command: '--help', ms: median([CLI, '--help']) },
  ];
  const models = ['rules', 'plod-small', 'plod-base'];
  const paper10k = papers.get(10_000) as string;
  const tag10k = models.map((model) => ({ model, ms: median([CLI, 'tag', '--model', model, paper10k]) }));
  const scaling = SCALING_MODELS.flatMap((model) =>
    SIZES.map((size) => {
      const file = papers.get(size) as string;
      const words = countWords(file);
      const wall = median([CLI, 'tag', '--model', model, file], 3);
      return { model, words, ms: wall, wordsPerSecond: (words / wall) * 1000 };
    }),
  );
  fs.rmSync(dir, { recursive: true, force: true });

  console.log(`CLI, ${os.availableParallelism()} cores, median of ${RUNS} fresh processes`);
  console.log(`node -e 0                        ${ms(bare).padStart(8)}`);
  for (const row of startup)
    console.log(
      `plod-tagger ${row.command.padEnd(21)}${ms(row.ms).padStart(8)}   ${(row.ms / bare).toFixed(2)}× node`,
    );
  for (const row of tag10k)
    console.log(
      `tag 10k words, ${row.model.padEnd(18)}${ms(row.ms).padStart(8)}   ${(row.ms / bare).toFixed(1)}× node`,
    );
  console.log('\nscaling (median of 3): model, words, wall, words/s, words/s against the 10k run');
  for (const row of scaling) {
    const first = scaling.find((r) => r.model === row.model) as (typeof scaling)[number];
    console.log(
      `${row.model.padEnd(12)}${String(row.words).padStart(7)}${ms(row.ms).padStart(10)}` +
        `${Math.round(row.wordsPerSecond).toString().padStart(9)}${(row.wordsPerSecond / first.wordsPerSecond).toFixed(2).padStart(7)}`,
    );
  }
  fs.mkdirSync(path.join(ROOT, 'bench-results'), { recursive: true });
  fs.writeFileSync(
    path.join(ROOT, 'bench-results', 'cli.json'),
    JSON.stringify({ runs: RUNS, bareNodeMs: bare, startup, tag10k, scaling }, null, 2),
  );
}

main();
