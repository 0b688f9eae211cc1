import * as os from 'node:os';
import { analyse, ParagraphCache, type AnalyseOptions, type Analysis } from '../core/analyze';
import { assistOutcome, diffAssist, sameAssistOptions, type AssistOutcome } from '../core/assistant/outcome';
import { applyTextDelta, diffAnalysis, editPlace, rememberLatest, type EditPlace } from '../core/delta';
import { loadTagger } from '../core/loadTagger';
import {
  messageOf,
  ModelError,
  modelRefKey,
  modelRefTarget,
  RULES_MODEL,
  type ModelRef,
} from '../core/models';
import type { Tagger } from '../core/types';
import type { Request, Response } from './protocol';

/**
 * The inference process. The extension host forks it once and sends it requests one at a time,
 * so onnxruntime never runs on the extension host's thread.
 */
/** Milliseconds from the process's start until its modules were loaded and it could take requests. */
const startupMs = performance.now();
let reportedStartup = false;
let current: { key: string; tagger: Promise<Tagger>; loadMs: number; ready: boolean } | undefined;
let rules: Promise<Tagger> | undefined;
const cache = new ParagraphCache();

/** What the host sent and was sent for each document, for deltas: the last text, and the last analysis answered. */
interface Known {
  textId: number;
  text: string;
  answered?: { id: number; analysis: Analysis; text: string; assist?: AssistOutcome };
}
const documents = new Map<string, Known>();
/** The request's text, whole or rebuilt from its delta; undefined when the delta's base is not the one held. */
function textOf(request: Request): string | undefined {
  if (request.text !== undefined) return request.text;
  const known = request.document === undefined ? undefined : documents.get(request.document);
  if (!request.textDelta || !known || known.textId !== request.textBase) return undefined;
  return applyTextDelta(known.text, request.textDelta);
}

/** Where the text changed since the answered one: the request's own delta when it is from that text. */
function editFrom(base: NonNullable<Known['answered']>, request: Request, text: string): EditPlace {
  const fromBase = request.textDelta && request.textBase === base.id ? request.textDelta : undefined;
  return editPlace(base.text, text, fromBase);
}

async function taggerFor(model: ModelRef): Promise<{ tagger: Tagger; loadMs?: number }> {
  const key = modelRefKey(model);
  if (current?.key === key) return { tagger: await current.tagger };
  const previous = current;
  const started = performance.now();
  const entry = {
    key,
    tagger: loadTagger(modelRefTarget(model), { threads: inferenceThreads() }),
    loadMs: 0,
    ready: false,
  };
  current = entry;
  if (previous) void previous.tagger.then((t) => t.dispose()).catch(() => undefined);
  try {
    const tagger = await entry.tagger;
    entry.loadMs = performance.now() - started;
    entry.ready = true;
    return { tagger, loadMs: entry.loadMs };
  } catch (error) {
    if (current === entry) current = undefined;
    throw error;
  }
}

/**
 * The editor comes first: once the first tags are out, inference runs at a lower CPU priority, so it cannot
 * starve the extension host. Start-up, the first load and the first answer run at normal priority: VS Code, its
 * extensions and the browser are busiest just then, and at niceness 10 the first tags of a short paper took half
 * a minute.
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

function analyseOptions(request: Request): AnalyseOptions {
  return { lang: request.lang, minScore: request.minScore, words: request.words, cache };
}

async function handle(request: Request): Promise<Response> {
  const started = performance.now();
  try {
    const text = textOf(request);
    const document = request.document;
    if (text === undefined) {
      const error = 'the inference process no longer holds the text this edit changes';
      return { id: request.id, ok: false, error, modelError: false, needText: true };
    }
    const known = document === undefined ? undefined : documents.get(document);
    if (document !== undefined) rememberLatest(documents, document, { ...known, textId: request.id, text });
    // The rules need no model load: they give a document's first tags while the model it asked for loads.
    const loaded = current?.key === modelRefKey(request.model) && current.ready;
    const isRules = request.model.kind === 'shipped' && request.model.name === RULES_MODEL;
    const stopGap = request.provisional === true && !loaded && !isRules;
    const { tagger, loadMs } = stopGap
      ? { tagger: await (rules ??= loadTagger(RULES_MODEL)), loadMs: undefined }
      : await taggerFor(request.model);
    const analysis = await analyse(text, tagger, analyseOptions(request));
    const assist = request.assist && assistOutcome(analysis, text, request.lang, request.assist);
    const base = known?.answered;
    const edit =
      base !== undefined && base.id === request.analysisBase ? editFrom(base, request, text) : undefined;
    const body =
      base && edit
        ? { analysisDelta: diffAnalysis(base.analysis, analysis, edit), analysisBase: base.id }
        : { analysis };
    const baseAssist = edit && base?.assist;
    const findings =
      edit && assist && baseAssist && sameAssistOptions(baseAssist.options, assist.options)
        ? { assistDelta: diffAssist(baseAssist, assist, edit) }
        : assist && { assist };
    if (document !== undefined)
      rememberLatest(documents, document, {
        textId: request.id,
        text,
        answered: { id: request.id, analysis, text, ...(assist ? { assist } : {}) },
      });
    const response: Response = {
      id: request.id,
      ok: true,
      ...body,
      ...(stopGap ? { taggedWith: RULES_MODEL } : {}),
      ...findings,
      ...(loadMs ? { loadMs } : {}),
      ...(reportedStartup ? {} : { startupMs }),
      workMs: performance.now() - started,
    };
    reportedStartup = true;
    return response;
  } catch (error) {
    return { id: request.id, ok: false, error: messageOf(error), modelError: error instanceof ModelError };
  }
}

let warmedUp = false;

/**
 * Once per process, after its first answer for a whole document: that document analysed again, as after an edit
 * that changed nothing (every paragraph from the cache, the deltas empty), and thrown away. It runs the code an
 * edit runs, so that V8 has compiled it before the user's first edit: that re-tag took 221 ms beyond the
 * debounce, the later ones 51–78 ms.
 */
async function warmUp(request: Request): Promise<void> {
  const known = request.document === undefined ? undefined : documents.get(request.document);
  const answered = known?.answered;
  if (!answered || answered.id !== request.id) return;
  try {
    const { tagger } = await taggerFor(request.model);
    const { text } = answered;
    const analysis = await analyse(text, tagger, analyseOptions(request));
    const nowhere = { from: text.length, shift: 0 };
    diffAnalysis(answered.analysis, analysis, nowhere);
    const assist = request.assist && assistOutcome(analysis, text, request.lang, request.assist);
    if (assist && answered.assist) diffAssist(answered.assist, assist, nowhere);
  } catch {
    // Only a warm-up: the next real request reports whatever is wrong.
  }
}

let queue = Promise.resolve();
process.on('message', (request: Request) => {
  queue = queue.then(async () => {
    const response = await handle(request);
    // Once the first answer is ready (a long paper's visible paragraphs, the first tags the user waits for).
    if (response.ok) yieldToTheEditor();
    process.send?.(response);
    if (!warmedUp && response.ok && 'analysis' in response && request.document && !request.provisional) {
      warmedUp = true;
      await warmUp(request);
    }
  });
});
process.on('disconnect', () => process.exit(0));
