import { strict as assert } from 'node:assert';

/**
 * A benchmark-style guard against quadratic passes, robust to a busy machine: no wall-clock limit, only how the
 * time grows. `run(make(n))` and `run(make(factor * n))` are timed in turns, each sample repeating the run until
 * it has taken long enough to measure, and the medians are compared. A linear or n log n pass grows about
 * `factor` times; a quadratic one `factor²` times. The time is the process's CPU time, so that other work on a
 * shared machine does not count.
 *
 * Keep `factor * n` to some thousands of words: past that, allocation alone grows faster than linearly here (the
 * garbage collector's survivors outgrow the caches), and a linear pass can look 6–8× slower for 4× the input.
 * Quadratic code is already clearly quadratic at these sizes.
 */
export async function assertGrowsLinearly<T>(
  what: string,
  make: (n: number) => T,
  run: (input: T) => unknown,
  {
    n,
    factor = 4,
    maxRatio = 8,
    samples = 7,
  }: { n: number; factor?: number; maxRatio?: number; samples?: number },
): Promise<void> {
  const small = make(n);
  const large = make(factor * n);
  await run(small);
  await run(large);
  const smallTimes: number[] = [];
  const largeTimes: number[] = [];
  const started = performance.now();
  // A quadratic pass can take seconds a run: stop sampling after a while, the ratio is clear by then.
  while (smallTimes.length < samples && (smallTimes.length < 1 || performance.now() - started < 10_000)) {
    smallTimes.push(await timePerRun(run, small));
    largeTimes.push(await timePerRun(run, large));
  }
  const ratio = median(largeTimes) / median(smallTimes);
  const times = `${ms(median(smallTimes))} → ${ms(median(largeTimes))}`;
  if (process.env.PLOD_GROWTH_LOG) console.log(`      ${what}: ${times}, ${ratio.toFixed(1)}×`);
  assert.ok(
    ratio < maxRatio,
    `${what}: ${factor}× the input took ${ratio.toFixed(1)}× the time (${times}); a linear pass stays under ${maxRatio}×`,
  );
}

/** CPU milliseconds per run, repeating until at least 20 ms have passed so that timer noise does not count. */
async function timePerRun<T>(run: (input: T) => unknown, input: T): Promise<number> {
  let runs = 0;
  const started = process.cpuUsage();
  const elapsed = (): number => {
    const { user, system } = process.cpuUsage(started);
    return (user + system) / 1000;
  };
  do {
    await run(input);
    runs++;
  } while (elapsed() < 20);
  return elapsed() / runs;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function ms(value: number): string {
  return `${value.toFixed(2)} ms`;
}
