import * as fs from 'node:fs';
import { parseConll } from '../core/eval/conll';

export interface Samples {
  /** Where the samples come from: the CoNLL file's path, or `built-in`. */
  source: string;
  samples: string[];
}

const BUILT_IN = [
  'The body mass index (BMI) of the patients rose, and BMI was higher in the control group.',
  'We used magnetic resonance imaging (MRI) and computed tomography (CT) to stage the tumours.',
  'Reactive oxygen species (ROS) damage DNA; ROS levels were measured by flow cytometry.',
  'Abbreviations: GEMS, Global Enteric Multicenter Study; VIP, ventilated improved pit.',
  'Natural language processing (NLP) models such as BERT are trained on large corpora.',
];

const NO_SPACE_BEFORE = new Set([
  '.',
  ',',
  ';',
  ':',
  '!',
  '?',
  ')',
  ']',
  '}',
  '%',
  "'s",
  '’s',
  "n't",
  '...',
  '-',
  '/',
]);
const NO_SPACE_AFTER = new Set(['(', '[', '{', '-', '/']);

/** Join PLOD words back into text: no space before closing punctuation or after opening brackets. */
export function detokenize(tokens: readonly string[]): string {
  let text = '';
  tokens.forEach((token, i) => {
    const glued = i === 0 || NO_SPACE_BEFORE.has(token) || NO_SPACE_AFTER.has(tokens[i - 1]);
    text += glued ? token : ` ${token}`;
  });
  return text;
}

/**
 * About `count` sentences of a PLOD-CW file, spread over it, preferring those with an abbreviation; the
 * built-in examples when the file is absent or unreadable.
 */
export function loadSamples(file: string | null, count = 50): Samples {
  if (file && fs.existsSync(file)) {
    try {
      const sentences = parseConll(fs.readFileSync(file, 'utf8'));
      const useful = sentences.filter(
        (s) => s.tokens.length >= 8 && s.tokens.length <= 60 && s.tags?.some((t) => t === 'B-AC'),
      );
      const pool = useful.length >= count ? useful : sentences;
      const step = Math.max(1, Math.floor(pool.length / count));
      const samples = pool
        .filter((_, i) => i % step === 0)
        .slice(0, count)
        .map((s) => detokenize(s.tokens));
      if (samples.length > 0) return { source: file, samples };
    } catch {
      // An unreadable file leaves the built-in examples.
    }
  }
  return { source: 'built-in', samples: [...BUILT_IN] };
}
