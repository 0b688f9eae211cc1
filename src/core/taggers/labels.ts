import type { Tag } from '../types';

const ALIASES: Record<string, Tag> = {
  O: 'O',
  'B-O': 'O',
  'I-O': 'O',
  'B-AC': 'B-AC',
  'I-AC': 'I-AC',
  'B-LF': 'B-LF',
  'I-LF': 'I-LF',
  AC: 'B-AC',
  LF: 'B-LF',
};

/** Read a model's or a data file's label as a PLOD tag. PLOD-CW's `B-O` means outside. */
export function labelToTag(raw: string): Tag {
  const tag = ALIASES[raw.trim().toUpperCase()];
  if (tag) return tag;
  if (/^LABEL_\d+$/i.test(raw)) {
    throw new Error(`the model's labels are generic (${raw}); give a label map such as {"${raw}": "B-AC"}`);
  }
  throw new Error(`unknown label "${raw}"; expected one of O, B-O, B-AC, I-AC, B-LF, I-LF`);
}
