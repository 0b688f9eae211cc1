/**
 * Corrections of the tagger's labels, as the server's `/v1/feedback` and the extension store them (one JSON
 * record a line), and their export as PLOD-CW CoNLL for the training pipeline.
 */

import { repairBio } from '../core/bio';
import { formatPlodConll } from '../core/eval/conll';
import { project } from '../core/markup';
import { overlaps, splitsSurrogatePair } from '../core/ranges';
import { textSentences } from '../core/text/sentences';
import { splitWords } from '../core/text/words';
import type { Lang, Range, Span } from '../core/types';

export type FeedbackLabel = 'AC' | 'LF' | 'O';
export const FEEDBACK_LABELS: readonly FeedbackLabel[] = ['AC', 'LF', 'O'];

/** A PLOD-CW tag as written in the data files (`B-O` for outside). */
export type PlodTag = 'B-O' | 'B-AC' | 'I-AC' | 'B-LF' | 'I-LF';

export interface FeedbackRequest {
  text: string;
  span: Range;
  label: FeedbackLabel;
  model?: string;
  comment?: string;
}

/**
 * One line of a feedback file: a user's correction of one span of one text.
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

/**
 * A correction made in the editor: the server's fields, where `text` is the sentence around the span as the
 * model reads it (markup removed), plus the file, the span in the file, and the model's tag of every token
 * when the correction was made (`model_tags`), which fills the tokens the correction says nothing about.
 */
export interface EditorFeedbackRecord extends FeedbackRecord {
  file: string;
  source_span: Range;
  model_tags: PlodTag[];
}

/** Builds a record; throws a RangeError when the span is empty or outside the text. */
export function feedbackRecord(request: FeedbackRequest, now = new Date()): FeedbackRecord {
  const { text, span, label } = request;
  if (span.start < 0 || span.end > text.length || span.start >= span.end) {
    throw new RangeError(
      `span ${span.start}–${span.end} is not inside the text (0–${text.length}) or is empty`,
    );
  }
  if (splitsSurrogatePair(text, span.start) || splitsSurrogatePair(text, span.end)) {
    throw new RangeError(
      `span ${span.start}–${span.end} cuts a character in two (offsets count UTF-16 code units, and an emoji or other character outside the BMP takes two)`,
    );
  }
  const words = splitWords(text);
  return {
    time: now.toISOString(),
    model: request.model ?? null,
    comment: request.comment ?? null,
    text,
    span: { start: span.start, end: span.end },
    span_text: text.slice(span.start, span.end),
    label,
    tokens: words.map((w) => w.text),
    ner_tags: labelWords(words, span, label),
  };
}

/** The tags of the words `span` covers (first `B-`, then `I-`; `B-O` for O), null for the others. */
function labelWords(words: readonly Range[], span: Range, label: FeedbackLabel): (PlodTag | null)[] {
  let inside = 0;
  return words.map((word) => {
    if (word.end <= span.start || word.start >= span.end) return null;
    return label === 'O' ? 'B-O' : (`${inside++ === 0 ? 'B' : 'I'}-${label}` as PlodTag);
  });
}

export interface Correction {
  /** The whole document, its markup and the corrected span in it (source offsets). */
  source: string;
  lang: Lang;
  span: Range;
  label: FeedbackLabel;
  /** The spans the model gave for the document, in source offsets. */
  modelSpans: readonly Pick<Span, 'label' | 'start' | 'end'>[];
  file: string;
  model: string | null;
  comment?: string;
}

/**
 * The record of a correction made in a document: the sentence(s) around the span in the text the model reads
 * (LaTeX and Markdown markup removed), the words the span touches relabelled, and the model's tags of every
 * word. Throws a RangeError when the span holds no prose word.
 */
export function correctionRecord(correction: Correction, now = new Date()): EditorFeedbackRecord {
  const { source, lang, span } = correction;
  const projection = project(source, lang);
  const text = projection.text;
  const sentences = textSentences(text).map((sentence) =>
    sentence.map((word) => ({ word, source: projection.toSource(word) })),
  );
  const touches = (r: Range) => overlaps(r, span);
  const chosen = sentences.filter((sentence) => sentence.some((w) => touches(w.source)));
  if (chosen.length === 0) {
    throw new RangeError(`the text at ${span.start}–${span.end} holds no word the model reads`);
  }
  const words = chosen.flat();
  const base = words[0].word.start;
  const sentenceText = text.slice(base, words[words.length - 1].word.end);
  const covered = words.filter((w) => touches(w.source));
  const local = {
    start: covered[0].word.start - base,
    end: covered[covered.length - 1].word.end - base,
  };
  const record = feedbackRecord(
    {
      text: sentenceText,
      span: local,
      label: correction.label,
      model: correction.model ?? undefined,
      comment: correction.comment,
    },
    now,
  );
  const relative = words.map((w) => ({ ...w.word, start: w.word.start - base, end: w.word.end - base }));
  return {
    ...record,
    tokens: relative.map((w) => w.text),
    ner_tags: labelWords(relative, local, correction.label),
    file: correction.file,
    source_span: { start: span.start, end: span.end },
    model_tags: modelTags(
      words.map((w) => w.source),
      correction.modelSpans,
    ),
  };
}

/** Each word's tag from the model's spans (source offsets): `B-` for a span's first word, `I-` after. */
function modelTags(words: readonly Range[], spans: Correction['modelSpans']): PlodTag[] {
  let previous: Correction['modelSpans'][number] | undefined;
  return words.map((word) => {
    const span = spans.find((s) => overlaps(s, word));
    const tag: PlodTag = span ? (`${previous === span ? 'I' : 'B'}-${span.label}` as PlodTag) : 'B-O';
    previous = span;
    return tag;
  });
}

/** Reads a feedback file: one JSON record a line; blank lines are skipped, a broken line names its number. */
export function parseFeedback(text: string): FeedbackRecord[] {
  const records: FeedbackRecord[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    try {
      records.push(JSON.parse(line) as FeedbackRecord);
    } catch {
      throw new Error(`feedback line ${index + 1} is not JSON`);
    }
  });
  return records;
}

/**
 * Corrections as PLOD-CW CoNLL (`token POS tag`, a blank line between sentences). Records of the same text
 * (and file) are one sentence, their corrections applied in order (the later wins on a word); a word no
 * correction covers keeps the model's tag (`model_tags`), or `B-O` when the record has none (server records).
 * POS is the placeholder `X`: no part-of-speech tagger runs here.
 */
export function feedbackToConll(records: readonly FeedbackRecord[]): string {
  const sentences = new Map<string, { tokens: string[]; tags: PlodTag[] }>();
  for (const record of records) {
    const file = 'file' in record ? String(record.file) : '';
    const key = `${file}\u0000${record.text}`;
    let sentence = sentences.get(key);
    if (!sentence) {
      const model = (record as Partial<EditorFeedbackRecord>).model_tags;
      const tags =
        model?.length === record.tokens.length ? [...model] : record.tokens.map((): PlodTag => 'B-O');
      sentence = { tokens: [...record.tokens], tags };
      sentences.set(key, sentence);
    }
    record.ner_tags.forEach((tag, i) => {
      if (tag !== null && sentence.tags[i] !== undefined) sentence.tags[i] = tag as PlodTag;
    });
  }
  return formatPlodConll([...sentences.values()].map((s) => ({ tokens: s.tokens, tags: repairBio(s.tags) })));
}
