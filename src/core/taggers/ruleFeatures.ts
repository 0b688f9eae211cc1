import type { Tag } from '../types';
import { ruleFeatureTags } from './rules';

/** The ONNX input of models that take rule features: per sub-word, the id of its word's rule tag. */
export const RULE_FEATURE_INPUT = 'rule_ids';

/** Special tokens and padding get 0. Must match RULE_FEATURE_IDS in models/training/common.py. */
const RULE_FEATURE_IDS: Record<Tag, number> = { O: 1, 'B-AC': 2, 'I-AC': 2, 'B-LF': 3, 'I-LF': 4 };

/** Each word's rule feature id, from the rules tagger run on the sentence alone. */
export function ruleFeatureIds(words: readonly string[]): number[] {
  return ruleFeatureTags(words).map((tag) => RULE_FEATURE_IDS[tag]);
}
