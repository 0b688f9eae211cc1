import type { Analysis } from '../core/analyze';
import type { ModelRef } from '../core/models';
import type { WordLists } from '../core/pairing';
import type { Lang } from '../core/types';

/** The one request: analyse a text with a model (loading it first when it is not the one loaded). */
export interface Request {
  id: number;
  kind: 'analyse';
  model: ModelRef;
  text: string;
  lang: Lang;
  minScore: number;
  words?: WordLists;
}

export type Response =
  | {
      id: number;
      ok: true;
      analysis: Analysis;
      /** Set when this request loaded the model. */
      loadMs?: number;
      /** Set on the process's first answer: how long it took to start and load its modules. */
      startupMs?: number;
    }
  | { id: number; ok: false; error: string; modelError: boolean };
