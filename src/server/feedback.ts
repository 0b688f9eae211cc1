import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitWords } from '../core/text/words';
import type { Range } from '../core/types';
import { HttpError } from './errors';

export type FeedbackLabel = 'AC' | 'LF' | 'O';

export interface FeedbackRequest {
  text: string;
  span: Range;
  label: FeedbackLabel;
  model?: string;
  comment?: string;
}

/**
 * One line of `feedback.jsonl`: a user's correction of one span of one text.
 *
 * - `time`: ISO 8601, UTC. `model`: the model whose answer is corrected, or null. `comment`: free text or null.
 * - `text`, `span` (`start`/`end` in UTF-16 code units, end exclusive) and `span_text` (= the slice).
 * - `label`: what the span should be: `AC`, `LF`, or `O` (it is neither).
 * - `tokens`: the text split into PLOD words (the tokenizer of the CoNLL data), and `ner_tags`: one tag per
 *   token in PLOD-CW's scheme for the words the span covers (`B-AC`, `B-LF`/`I-LF`, or `B-O`) and null for
 *   the words the feedback says nothing about. A training pipeline reads the pairs whose tag is not null as
 *   partial labels, or the whole line as a sentence when every tag is set.
 */
export interface FeedbackRecord {
  time: string;
  model: string | null;
  comment: string | null;
  text: string;
  span: Range;
  span_text: string;
  label: FeedbackLabel;
  tokens: string[];
  ner_tags: (string | null)[];
}

export function feedbackRecord(request: FeedbackRequest, now = new Date()): FeedbackRecord {
  const { text, span, label } = request;
  if (span.end > text.length || span.start >= span.end) {
    throw new HttpError(
      400,
      `span ${span.start}–${span.end} is not inside the text (0–${text.length}) or is empty`,
      'validation',
    );
  }
  const words = splitWords(text);
  let inside = 0;
  const tags = words.map((word) => {
    if (word.end <= span.start || word.start >= span.end) return null;
    return label === 'O' ? 'B-O' : `${inside++ === 0 ? 'B' : 'I'}-${label}`;
  });
  return {
    time: now.toISOString(),
    model: request.model ?? null,
    comment: request.comment ?? null,
    text,
    span: { start: span.start, end: span.end },
    span_text: text.slice(span.start, span.end),
    label,
    tokens: words.map((w) => w.text),
    ner_tags: tags,
  };
}

/** Appends feedback records to a JSONL file, one synchronous write each (a 201 means it is on disk). */
export class FeedbackStore {
  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }

  add(request: FeedbackRequest): FeedbackRecord {
    const record = feedbackRecord(request);
    fs.appendFileSync(this.file, JSON.stringify(record) + '\n');
    return record;
  }
}
