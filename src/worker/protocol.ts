import type { Analysis } from '../core/analyze';
import type { AssistDelta, AssistOptions, AssistOutcome } from '../core/assistant/outcome';
import type { AnalysisDelta, TextDelta } from '../core/delta';
import type { ModelRef } from '../core/models';
import type { WordLists } from '../core/pairing';
import type { Lang } from '../core/types';

/**
 * The one request: analyse a text with a model (loading it first when it is not the one loaded). A request for a
 * `document` may carry only its change since the last request for it, and the answer may carry only the change
 * of the analysis: each side sends a delta only from what the other says it holds.
 */
export interface Request {
  id: number;
  kind: 'analyse';
  model: ModelRef;
  lang: Lang;
  minScore: number;
  words?: WordLists;
  /** The whole text; or else `textDelta`, its change from the text of request `textBase` for the same document. */
  text?: string;
  textDelta?: TextDelta;
  textBase?: number;
  /** Which document the text is, for deltas; absent for a one-off text (a selection, a file of a workspace scan). */
  document?: string;
  /** The request whose analysis of `document` the host holds: the answer may be a delta from it. */
  analysisBase?: number;
  /**
   * First tags wanted soon (a document's visible paragraphs): while the model is not loaded yet, the rules answer
   * instead, and the answer says so in `taggedWith`.
   */
  provisional?: boolean;
  /** Also run the writing assistant's checks on the whole text, with these settings; its findings come back. */
  assist?: AssistOptions;
}

export type Response =
  | ({
      id: number;
      ok: true;
      /** How long the inference process took over the request, from its turn to the answer. */
      workMs: number;
      /** Set when this request loaded the model. */
      loadMs?: number;
      /** Set on the process's first answer: how long it took to start and load its modules. */
      startupMs?: number;
      /** Set when a provisional request was answered by another tagger than the one asked for. */
      taggedWith?: string;
      /**
       * The writing assistant's findings, when the request asked for them: whole, or as their change from the
       * findings of the analysis `analysisBase` (with an `analysisDelta` answer).
       */
      assist?: AssistOutcome;
      assistDelta?: AssistDelta;
    } & ({ analysis: Analysis } | { analysisDelta: AnalysisDelta; analysisBase: number }))
  | {
      id: number;
      ok: false;
      error: string;
      modelError: boolean;
      /** The process no longer holds the text `textDelta` changes: send the whole text. */
      needText?: true;
    };
