import type { Analysis } from '../core/analyze';
import type { Lang, WordTag } from '../core/types';

/** One text for an analysis thread to analyse. */
export interface AnalysisJob {
  text: string;
  lang: Lang;
  model: string;
  withTokens: boolean;
  /** Tag in the thread with the built-in rules tagger; else the main thread is asked for the tags. */
  rulesHere: boolean;
}

/** What the server sends an analysis thread; `id` names the job, as a thread holds several at once. */
export type ToWorker =
  | ({ type: 'job'; id: number } & AnalysisJob)
  | { type: 'tags'; id: number; tags: WordTag[][] }
  /** The job ended on the main thread (its model failed, its client left): forget it. */
  | { type: 'drop'; id: number };

/** What an analysis thread answers. */
export type FromWorker =
  /** Sent once, when the thread has loaded its code. */
  | { type: 'ready' }
  | { type: 'tag'; id: number; sentences: string[][] }
  | { type: 'done'; id: number; analysis: Analysis; tagSeconds: number; sentences: number }
  | { type: 'failed'; id: number; message: string };
