import type { Analysis } from '../core/analyze';
import type { Lang } from '../core/types';

/** Which model to run: `rules`, a shipped model's name, or an HF-format folder. */
export interface ModelChoice {
  model: string;
  customModelPath?: string;
}

/** The one request: analyse a text with a model (loading it first when it is not the one loaded). */
export interface Request {
  id: number;
  kind: 'analyse';
  choice: ModelChoice;
  text: string;
  lang: Lang;
  minScore: number;
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

/** The model the worker would use for a choice, as a cache key. */
export function choiceKey(choice: ModelChoice): string {
  return choice.customModelPath ? `path:${choice.customModelPath}` : `name:${choice.model}`;
}
