/**
 * The analysis thread (`dist/analysis-worker.js`): it projects the markup, splits the sentences, and builds
 * the spans and glossary, so that none of that CPU work runs on the server's event loop. The model call stays
 * with the main thread (its queue may merge several requests into one batch), and while a job waits for it
 * the thread takes others; the rules tagger, plain JavaScript, runs here. A job that must stop while it
 * computes is stopped by terminating the thread: the only way to interrupt a synchronous loop.
 */
import { parentPort } from 'node:worker_threads';
import { finish, prepare, type PreparedAnalysis } from '../core/analyze';
import { RulesTagger } from '../core/taggers/rules';
import type { FromWorker, ToWorker } from './analysisProtocol';

const port = parentPort;
if (!port) throw new Error('analysisWorker runs as a worker thread only');
const rules = new RulesTagger();
/** Jobs waiting for the main thread's tags. */
const prepared = new Map<number, { prepared: PreparedAnalysis; started: number }>();

const send = (message: FromWorker) => port.postMessage(message);

port.on('message', (message: ToWorker) => {
  // start() reports its own failure to the main thread as a 'failed' message.
  if (message.type === 'job') void start(message);
  else if (message.type === 'tags') end(message.id, message.tags);
  else prepared.delete(message.id);
});

async function start(job: Extract<ToWorker, { type: 'job' }>): Promise<void> {
  try {
    const ready = prepare(job.text, job.model, { lang: job.lang, withTokens: job.withTokens });
    const started = performance.now();
    if (ready.sentences.length === 0 || job.rulesHere) {
      const tags = ready.sentences.length ? await rules.tagSentences(ready.sentences) : [];
      done(job.id, ready, tags, started);
    } else {
      prepared.set(job.id, { prepared: ready, started });
      send({ type: 'tag', id: job.id, sentences: ready.sentences });
    }
  } catch (error) {
    failed(job.id, error);
  }
}

function end(id: number, tags: Parameters<typeof finish>[1]): void {
  const job = prepared.get(id);
  if (!job) return;
  prepared.delete(id);
  try {
    done(id, job.prepared, tags, job.started);
  } catch (error) {
    failed(id, error);
  }
}

function done(
  id: number,
  ready: PreparedAnalysis,
  tags: Parameters<typeof finish>[1],
  started: number,
): void {
  const tagSeconds = (performance.now() - started) / 1000;
  send({ type: 'done', id, analysis: finish(ready, tags), tagSeconds, sentences: ready.sentences.length });
}

function failed(id: number, error: unknown): void {
  send({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
}

send({ type: 'ready' });
