#!/usr/bin/env node
// Load test of `plod-tagger serve` on 127.0.0.1 with autocannon:
//   1. POST /v1/tag (model plod-base) with PLOD-CW test sentences (detokenized, from GET /v1/samples) at
//      concurrency 1, 8, 32 and 128, with micro-batching on and then off (two server processes);
//   2. a memory check: 100,000 short requests to the rules model while the server's RSS and heap are sampled
//      from its /metrics, to show they stay flat.
// Writes bench-results/loadtest.json and bench-results/loadtest.svg.
// Options: --duration S (per run, default 6), --memory-requests N (default 100000), --model NAME.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'bench-results');
const HOST = '127.0.0.1';
const CONCURRENCY = [1, 8, 32, 128];
const MEMORY_TEXTS = [
  'The body mass index (BMI) rose.',
  'MRI and CT were used.',
  'Reactive oxygen species (ROS) damage cells.',
  'No abbreviation here.',
];

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '6' },
    'memory-requests': { type: 'string', default: '100000' },
    model: { type: 'string', default: 'plod-base' },
  },
});
const duration = Number(values.duration);
const memoryRequests = Number(values['memory-requests']);
const model = values.model;

function build() {
  const result = spawnSync(process.execPath, ['esbuild.config.mjs'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the build failed');
}

/** Start `plod-tagger serve` as a child process on a free port and wait for the URL it prints. */
function startServer(args) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-loadtest-'));
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'plod-tagger.js'), 'serve', '--host', HOST, '--port', '0', '--rate', '0'].concat([
      '--data-dir',
      dataDir,
      '--max-queue',
      '1024',
      ...args,
    ]),
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const url = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout)?.[1];
      if (url) resolve({ url, pid: child.pid, stop: () => stop(child, dataDir) });
    });
    child.on('exit', (code) => reject(new Error(`the server exited with ${code}: ${stderr}`)));
  });
}

function stop(child, dataDir) {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', (code) => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      resolve(code);
    });
    child.kill('SIGTERM');
  });
}

async function metrics(url) {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (pattern) => Number(new RegExp(`^${pattern} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    rss: value('process_resident_memory_bytes'),
    heap: value('nodejs_heap_size_used_bytes'),
    batchSum: value(`plod_batch_requests_sum\\{model="${model}"\\}`),
    batchCount: value(`plod_batch_requests_count\\{model="${model}"\\}`),
  };
}

/** Run autocannon against POST /v1/tag, cycling through `bodies`. */
function cannon(url, { connections, seconds, amount, bodies }) {
  let next = 0;
  return autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    timeout: 60,
    requests: [
      {
        method: 'POST',
        path: '/v1/tag',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length] }),
      },
    ],
  });
}

async function throughputRuns(batching, bodies) {
  const server = await startServer([
    '--model',
    model,
    '--model',
    'rules',
    ...(batching ? [] : ['--no-batching']),
  ]);
  const runs = [];
  try {
    await cannon(server.url, { connections: 8, seconds: 2, bodies });
    for (const connections of CONCURRENCY) {
      const before = await metrics(server.url);
      const result = await cannon(server.url, { connections, seconds: duration, bodies });
      const after = await metrics(server.url);
      const run = {
        batching,
        concurrency: connections,
        rps: round(result.requests.average),
        requests: result.requests.total,
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        errors: result.errors + result.timeouts,
        non2xx: result.non2xx,
        meanBatch: round((after.batchSum - before.batchSum) / (after.batchCount - before.batchCount)),
      };
      runs.push(run);
      printRow(run);
    }
  } finally {
    await server.stop();
  }
  return runs;
}

async function memoryCheck() {
  const bodies = MEMORY_TEXTS.map((text) => JSON.stringify({ text, model: 'rules' }));
  const server = await startServer(['--model', 'rules']);
  try {
    await cannon(server.url, { connections: 16, amount: 5000, bodies });
    const samples = [];
    const started = performance.now();
    const sample = async (done) =>
      samples.push({ done, s: (performance.now() - started) / 1000, ...(await metrics(server.url)) });
    await sample(0);
    const instance = cannon(server.url, { connections: 16, amount: memoryRequests, bodies });
    let done = 0;
    instance.on('response', () => done++);
    const timer = setInterval(() => void sample(done), 1000);
    const result = await instance;
    clearInterval(timer);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await sample(done);
    const firstHalf = samples.filter((s) => s.done <= memoryRequests / 2);
    const secondHalf = samples.filter((s) => s.done > memoryRequests / 2);
    return {
      model: 'rules',
      requests: result.requests.total,
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
      seconds: round((performance.now() - started) / 1000),
      rssBeforeMB: mb(samples[0].rss),
      rssAfterMB: mb(samples.at(-1).rss),
      rssMaxMB: mb(Math.max(...samples.map((s) => s.rss))),
      heapBeforeMB: mb(samples[0].heap),
      heapAfterMB: mb(samples.at(-1).heap),
      rssSlopeKBPer10k: round((slope(samples, 'rss') * 10_000) / 1024),
      rssSlopeSecondHalfKBPer10k: round((slope(secondHalf, 'rss') * 10_000) / 1024),
      heapSlopeKBPer10k: round((slope(samples, 'heap') * 10_000) / 1024),
      // The heap saw-tooths between collections; its low points, half by half, show whether anything is kept.
      heapLowFirstHalfMB: mb(Math.min(...firstHalf.map((s) => s.heap))),
      heapLowSecondHalfMB: mb(Math.min(...secondHalf.map((s) => s.heap))),
      rssLowFirstHalfMB: mb(Math.min(...firstHalf.map((s) => s.rss))),
      rssLowSecondHalfMB: mb(Math.min(...secondHalf.map((s) => s.rss))),
      samples: samples.map((s) => ({ done: s.done, s: round(s.s), rssMB: mb(s.rss), heapMB: mb(s.heap) })),
    };
  } finally {
    await server.stop();
  }
}

/** Least-squares slope of `key` against requests done, in bytes per request. */
function slope(samples, key) {
  const xs = samples.map((s) => s.done);
  const ys = samples.map((s) => s[key]);
  const mx = mean(xs);
  const my = mean(ys);
  const num = xs.reduce((n, x, i) => n + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((n, x) => n + (x - mx) ** 2, 0);
  return den ? num / den : 0;
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const round = (n) => Math.round(n * 100) / 100;
const mb = (bytes) => round(bytes / 1048576);

const HEADER = 'batching  conc    req/s   p50 ms   p90 ms   p99 ms  errors  non-2xx  mean batch';
function printRow(r) {
  const cells = [
    (r.batching ? 'on' : 'off').padEnd(8),
    String(r.concurrency).padStart(5),
    r.rps.toFixed(1).padStart(8),
    String(r.p50).padStart(8),
    String(r.p90).padStart(8),
    String(r.p99).padStart(8),
    String(r.errors).padStart(7),
    String(r.non2xx).padStart(8),
    String(r.meanBatch).padStart(11),
  ];
  console.log(cells.join(' '));
}

/** Two panels: p50 and p99 latency (log scale) and throughput, against concurrency, batching on and off. */
function svgPlot(runs) {
  const width = 920;
  const height = 400;
  const panel = { w: 380, h: 260, top: 60 };
  const lefts = [70, 530];
  const x = (i) => (i * panel.w) / (CONCURRENCY.length - 1);
  const lines = [];
  const text = (px, py, s, extra = '') =>
    lines.push(`<text x="${px}" y="${py}" ${extra}>${s.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</text>`);

  const latencies = runs.flatMap((r) => [r.p50, r.p99]).filter((v) => v > 0);
  const lo = Math.floor(Math.log10(Math.max(0.1, Math.min(...latencies))));
  const hi = Math.ceil(Math.log10(Math.max(...latencies)));
  const yLat = (v) => panel.h - ((Math.log10(Math.max(v, 10 ** lo)) - lo) / (hi - lo || 1)) * panel.h;
  const maxRps = Math.max(...runs.map((r) => r.rps)) * 1.1;
  const yRps = (v) => panel.h - (v / maxRps) * panel.h;

  const series = [
    { key: 'p50', panel: 0, y: yLat, color: '#1f77b4' },
    { key: 'p99', panel: 0, y: yLat, color: '#d62728' },
    { key: 'rps', panel: 1, y: yRps, color: '#2ca02c' },
  ];
  lines.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
  );
  lines.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  text(
    width / 2,
    24,
    `plod-tagger serve, POST /v1/tag, model ${model}: batching on (solid) and off (dashed)`,
    'text-anchor="middle" font-size="14"',
  );
  ['latency, ms (log scale)', 'throughput, requests/s'].forEach((title, p) => {
    const left = lefts[p];
    lines.push(`<g transform="translate(${left},${panel.top})">`);
    lines.push(`<rect width="${panel.w}" height="${panel.h}" fill="none" stroke="#999"/>`);
    text(panel.w / 2, -10, title, 'text-anchor="middle"');
    CONCURRENCY.forEach((c, i) => text(x(i), panel.h + 18, String(c), 'text-anchor="middle"'));
    text(panel.w / 2, panel.h + 36, 'concurrent connections', 'text-anchor="middle"');
    const ticks =
      p === 0 ? range(lo, hi).map((e) => 10 ** e) : [0, 0.25, 0.5, 0.75, 1].map((f) => f * maxRps);
    for (const t of ticks) {
      const py = p === 0 ? yLat(t) : yRps(t);
      lines.push(`<line x1="0" x2="${panel.w}" y1="${py}" y2="${py}" stroke="#eee"/>`);
      text(-6, py + 4, t >= 1 ? String(Math.round(t)) : String(t), 'text-anchor="end"');
    }
    for (const s of series.filter((s) => s.panel === p)) {
      for (const batching of [true, false]) {
        const points = CONCURRENCY.map((c, i) => {
          const run = runs.find((r) => r.batching === batching && r.concurrency === c);
          return run ? `${x(i)},${s.y(run[s.key])}` : null;
        }).filter(Boolean);
        const dash = batching ? '' : ' stroke-dasharray="6 4"';
        lines.push(
          `<polyline points="${points.join(' ')}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`,
        );
      }
    }
    lines.push('</g>');
  });
  series.forEach((s, i) => {
    const lx = 70 + i * 120;
    lines.push(
      `<line x1="${lx}" x2="${lx + 24}" y1="${height - 14}" y2="${height - 14}" stroke="${s.color}" stroke-width="2"/>`,
    );
    text(lx + 30, height - 10, s.key === 'rps' ? 'req/s' : `${s.key} latency`);
  });
  lines.push('</svg>');
  return lines.join('\n') + '\n';
}

const range = (a, b) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

async function main() {
  const started = performance.now();
  build();
  const probe = await startServer(['--model', 'rules']);
  const samples = await (await fetch(`${probe.url}/v1/samples`)).json();
  await probe.stop();
  const bodies = samples.samples.map((text) => JSON.stringify({ text, model }));
  console.log(
    `plod-tagger load test on ${HOST}: ${os.availableParallelism()} CPUs, Node ${process.version}, ` +
      `${bodies.length} bodies from ${samples.source}, ${duration} s per run, model ${model}\n`,
  );
  console.log(HEADER);
  const runs = [...(await throughputRuns(true, bodies)), ...(await throughputRuns(false, bodies))];
  const ratio = Object.fromEntries(
    CONCURRENCY.map((c) => {
      const on = runs.find((r) => r.batching && r.concurrency === c);
      const off = runs.find((r) => !r.batching && r.concurrency === c);
      return [c, round(on.rps / off.rps)];
    }),
  );
  console.log(
    `\nthroughput, batching on / off: ${CONCURRENCY.map((c) => `c=${c}: ${ratio[c]}×`).join(', ')}`,
  );

  console.log(`\nmemory check: ${memoryRequests} short requests to the rules model, 16 connections…`);
  const memory = await memoryCheck();
  console.log(
    `  ${memory.requests} requests in ${memory.seconds} s (${memory.non2xx} non-2xx, ${memory.errors} errors); ` +
      `RSS ${memory.rssBeforeMB} → ${memory.rssAfterMB} MB (max ${memory.rssMaxMB} MB), ` +
      `heap ${memory.heapBeforeMB} → ${memory.heapAfterMB} MB\n` +
      `  slope: RSS ${memory.rssSlopeKBPer10k} KB per 10k requests (second half ${memory.rssSlopeSecondHalfKBPer10k}), ` +
      `heap ${memory.heapSlopeKBPer10k} KB per 10k requests\n` +
      `  low points, first half → second half: heap ${memory.heapLowFirstHalfMB} → ${memory.heapLowSecondHalfMB} MB, ` +
      `RSS ${memory.rssLowFirstHalfMB} → ${memory.rssLowSecondHalfMB} MB`,
  );

  fs.mkdirSync(outDir, { recursive: true });
  const report = {
    date: new Date().toISOString(),
    host: HOST,
    cpus: os.availableParallelism(),
    node: process.version,
    model,
    samples: { source: samples.source, count: bodies.length },
    secondsPerRun: duration,
    runs,
    batchingRatio: ratio,
    memory,
    totalSeconds: round((performance.now() - started) / 1000),
  };
  fs.writeFileSync(path.join(outDir, 'loadtest.json'), JSON.stringify(report, null, 2) + '\n');
  fs.writeFileSync(path.join(outDir, 'loadtest.svg'), svgPlot(runs));
  console.log(
    `\nwrote bench-results/loadtest.json and bench-results/loadtest.svg in ${report.totalSeconds} s`,
  );
}

main().catch((error) => {
  console.error(`loadtest: ${error.stack ?? error}`);
  process.exitCode = 1;
});
