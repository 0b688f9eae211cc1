/** Strict span-level evaluation (conlleval-style exact match) and a token-level confusion matrix. */

import { spansFromTags, type TagSpan } from '../bio';
import type { EntityLabel, Tag } from '../types';
import { TAGS } from '../types';

export interface LabelScore {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface ConfusionMatrix {
  /** The tags that occur in gold or predictions, in `TAGS` order; rows and columns follow it. */
  labels: Tag[];
  /** `counts[g][p]` = tokens with gold tag `labels[g]` predicted as `labels[p]`. */
  counts: number[][];
}

export interface Evaluation {
  perLabel: Record<EntityLabel, LabelScore>;
  micro: LabelScore;
  confusion: ConfusionMatrix;
}

const LABELS: readonly EntityLabel[] = ['AC', 'LF'];

function score(tp: number, fp: number, fn: number): LabelScore {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, tp, fp, fn };
}

function spanKey(span: TagSpan): string {
  return `${span.label}:${span.start}:${span.end}`;
}

/** Compares predicted tags with gold tags, sentence by sentence. Throws if the shapes differ. */
export function evaluate(gold: readonly (readonly Tag[])[], pred: readonly (readonly Tag[])[]): Evaluation {
  if (gold.length !== pred.length) {
    throw new Error(`evaluate: ${gold.length} gold sentences but ${pred.length} predicted sentences`);
  }
  const counts: Record<EntityLabel, { tp: number; fp: number; fn: number }> = {
    AC: { tp: 0, fp: 0, fn: 0 },
    LF: { tp: 0, fp: 0, fn: 0 },
  };
  const pairs = new Map<string, number>();
  const seen = new Set<Tag>();

  gold.forEach((goldTags, s) => {
    const predTags = pred[s];
    if (goldTags.length !== predTags.length) {
      throw new Error(
        `evaluate: sentence ${s + 1} has ${goldTags.length} gold tags but ${predTags.length} predicted tags`,
      );
    }
    goldTags.forEach((g, i) => {
      const p = predTags[i];
      seen.add(g);
      seen.add(p);
      const key = `${g}\u0000${p}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    });

    const goldKeys = new Set(spansFromTags(goldTags).map(spanKey));
    const predSpans = spansFromTags(predTags);
    const predKeys = new Set(predSpans.map(spanKey));
    for (const span of predSpans) {
      if (goldKeys.has(spanKey(span))) counts[span.label].tp++;
      else counts[span.label].fp++;
    }
    for (const span of spansFromTags(goldTags)) {
      if (!predKeys.has(spanKey(span))) counts[span.label].fn++;
    }
  });

  const perLabel = {
    AC: score(counts.AC.tp, counts.AC.fp, counts.AC.fn),
    LF: score(counts.LF.tp, counts.LF.fp, counts.LF.fn),
  };
  const sum = (field: 'tp' | 'fp' | 'fn'): number => LABELS.reduce((total, l) => total + counts[l][field], 0);
  const micro = score(sum('tp'), sum('fp'), sum('fn'));

  const labels = TAGS.filter((tag) => seen.has(tag));
  const matrix = labels.map((g) => labels.map((p) => pairs.get(`${g}\u0000${p}`) ?? 0));
  return { perLabel, micro, confusion: { labels, counts: matrix } };
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows
    .map((row) =>
      row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '),
    )
    .join('\n');
}

/** A plain-text report: P/R/F1 and counts per label and micro-averaged, then the confusion matrix. */
export function formatEvaluation(e: Evaluation): string {
  const row = (name: string, s: LabelScore): string[] => [
    name,
    s.precision.toFixed(4),
    s.recall.toFixed(4),
    s.f1.toFixed(4),
    String(s.tp),
    String(s.fp),
    String(s.fn),
  ];
  const scores = table([
    ['label', 'P', 'R', 'F1', 'tp', 'fp', 'fn'],
    ...LABELS.map((l) => row(l, e.perLabel[l])),
    row('micro', e.micro),
  ]);
  const { labels, counts } = e.confusion;
  const confusion = table([
    ['gold \\ pred', ...labels],
    ...labels.map((g, r) => [g, ...counts[r].map(String)]),
  ]);
  return `${scores}\n\nToken confusion (rows gold, columns predicted):\n${confusion}\n`;
}
