import * as os from 'node:os';
import { analyse, ParagraphCache } from '../core/analyze';
import { loadTagger } from '../core/loadTagger';
import { messageOf, ModelError, modelRefKey, modelRefTarget, type ModelRef } from '../core/models';
import type { Tagger } from '../core/types';
import type { Request, Response } from './protocol';

/**
 * The inference process. The extension host forks it once and sends it requests one at a time,
 * so onnxruntime never runs on the extension host's thread.
 */
/** Milliseconds from the process's start until its modules were loaded and it could take requests. */
const startupMs = performance.now();
let reportedStartup = false;
let current: { key: string; tagger: Promise<Tagger>; loadMs: number } | undefined;
const cache = new ParagraphCache();

async function taggerFor(model: ModelRef): Promise<{ tagger: Tagger; loadMs?: number }> {
  const key = modelRefKey(model);
  if (current?.key === key) return { tagger: await current.tagger };
  const previous = current;
  const started = performance.now();
  const entry = {
    key,
    tagger: loadTagger(modelRefTarget(model), { threads: inferenceThreads() }),
    loadMs: 0,
  };
  current = entry;
  if (previous) void previous.tagger.then((t) => t.dispose()).catch(() => undefined);
  try {
    const tagger = await entry.tagger;
    entry.loadMs = performance.now() - started;
    yieldToTheEditor();
    return { tagger, loadMs: entry.loadMs };
  } catch (error) {
    if (current === entry) current = undefined;
    throw error;
  }
}

/**
 * The editor comes first: once a model is loaded, inference runs at a lower CPU priority, so it cannot starve
 * the extension host. Start-up and the first load run at normal priority: VS Code, its extensions and the
 * browser are busiest just then, and at niceness 10 the first tags of a short paper took half a minute.
 */
function yieldToTheEditor(): void {
  try {
    if (os.getPriority() < WORKER_NICENESS) os.setPriority(WORKER_NICENESS);
  } catch {
    // Not permitted on some systems; the worker keeps its priority.
  }
}

const WORKER_NICENESS = 10;

/** Leave one core to the editor on small machines. */
function inferenceThreads(): number {
  return Math.max(1, Math.min(2, os.availableParallelism() - 1));
}

async function handle(request: Request): Promise<Response> {
  try {
    const { tagger, loadMs } = await taggerFor(request.model);
    const analysis = await analyse(request.text, tagger, {
      lang: request.lang,
      minScore: request.minScore,
      words: request.words,
      cache,
    });
    const response: Response = {
      id: request.id,
      ok: true,
      analysis,
      ...(loadMs ? { loadMs } : {}),
      ...(reportedStartup ? {} : { startupMs }),
    };
    reportedStartup = true;
    return response;
  } catch (error) {
    return { id: request.id, ok: false, error: messageOf(error), modelError: error instanceof ModelError };
  }
}

let queue = Promise.resolve();
process.on('message', (request: Request) => {
  queue = queue.then(async () => {
    const response = await handle(request);
    process.send?.(response);
  });
});
process.on('disconnect', () => process.exit(0));
