import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { PlodTaggerApi } from '../../src/extension/extension';
import { makePaper } from '../bench/paper';
import { EXTENSION_ID, fixtureUri, sleep } from './helpers';

const STALL_LIMIT_MS = 50;
const root = path.resolve(__dirname, '..', '..');
const dataDir = process.env.PLOD_DATA_DIR ?? path.resolve(root, '..', 'shared', 'data');

/** The longest gap between 1 ms timer ticks: how long the extension host's event loop was blocked. */
function stallSampler() {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 1);
    last = now;
  }, 1);
  return () => {
    clearInterval(timer);
    return worst;
  };
}

describe('extension host benchmark (10,000-word paper)', () => {
  it('measures activation, time to first decorations and the worst event-loop stall', async () => {
    const extension = vscode.extensions.getExtension<PlodTaggerApi>(EXTENSION_ID);
    if (!extension) throw new Error(`${EXTENSION_ID} is not installed`);
    const wasActive = extension.isActive;
    const activationStart = performance.now();
    const plod = await extension.activate();
    const activationMs = performance.now() - activationStart;

    const paper = makePaper(dataDir, 10_000);
    const uri = fixtureUri(`bench-paper.${process.env.PLOD_BENCH_EXT ?? 'txt'}`);
    fs.writeFileSync(uri.fsPath, paper);
    const words = paper.split(/\s+/).filter(Boolean).length;

    // Baseline: what opening the same paper costs the extension host when nothing tags it.
    const config = vscode.workspace.getConfiguration('plodTagger');
    await config.update('autoTag', false, vscode.ConfigurationTarget.Global);
    const baselineUri = fixtureUri(`bench-baseline.${process.env.PLOD_BENCH_EXT ?? 'txt'}`);
    fs.writeFileSync(baselineUri.fsPath, paper);
    const stopBaseline = stallSampler();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(baselineUri));
    await sleep(3000);
    const baselineStallMs = stopBaseline();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await config.update('autoTag', undefined, vscode.ConfigurationTarget.Global);

    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    const stopSampler = stallSampler();
    const openStart = performance.now();
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    while (!plod.result(uri)) await sleep(5);
    const firstDecorationsMs = performance.now() - openStart;
    const stallWhileOpening = stopSampler();
    const stopEditSampler = stallSampler();

    const editor = vscode.window.activeTextEditor;
    if (!editor) throw new Error('no editor');
    const editStart = performance.now();
    await editor.edit((e) =>
      e.insert(new vscode.Position(0, 0), 'The magnetic resonance imaging (MRI) scan. '),
    );
    await plod.whenIdle();
    const retagMs = performance.now() - editStart;
    const stallWhileRetagging = stopEditSampler();
    const worstStallMs = Math.max(stallWhileOpening, stallWhileRetagging);
    histogram.disable();
    const histogramMaxMs = histogram.max / 1e6;

    const result = plod.result(uri);
    const figures = {
      words,
      spans: result?.spans.length ?? 0,
      activationMs: round(plod.activationMs),
      activateCallMs: round(activationMs),
      activatedBeforeBench: wasActive,
      firstDecorationsMs: round(firstDecorationsMs),
      retagAfterEditMs: round(retagMs),
      retagIncludesDebounceMs: vscode.workspace.getConfiguration('plodTagger').get('debounceMs'),
      baselineStallWithoutTaggingMs: round(baselineStallMs),
      worstStallMs: round(worstStallMs),
      worstStallOpeningMs: round(stallWhileOpening),
      worstStallRetaggingMs: round(stallWhileRetagging),
      eventLoopDelayMaxMs: round(histogramMaxMs),
      eventLoopDelayP99Ms: round(histogram.percentile(99) / 1e6),
      stallLimitMs: STALL_LIMIT_MS,
      stallWithinLimit: Math.max(worstStallMs, histogramMaxMs) < STALL_LIMIT_MS,
    };
    console.log(`BENCH ${JSON.stringify(figures)}`);
    const out = path.join(root, 'bench-results');
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(path.join(out, 'vscode-host.json'), JSON.stringify(figures, null, 2) + '\n');
    if (!figures.stallWithinLimit) {
      throw new Error(
        `the extension host stalled for ${figures.worstStallMs} ms (limit ${STALL_LIMIT_MS} ms)`,
      );
    }
  });
});

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
