import { strict as assert } from 'node:assert';
import { ConstrainedDecoder } from '../../../../src/core/taggers/decode';
import type { Tag } from '../../../../src/core/types';

const TAGS: Tag[] = ['O', 'B-AC', 'B-LF', 'I-LF'];

/** Decodes per-word probabilities over TAGS. */
const decode = (...rows: number[][]) =>
  new ConstrainedDecoder(TAGS).decode(Float64Array.from(rows.flat(), Math.log)).map((i) => TAGS[i]);

describe('ConstrainedDecoder', () => {
  it('keeps the per-word best tags when they already form valid spans', () => {
    assert.deepEqual(
      decode([0.1, 0.1, 0.7, 0.1], [0.1, 0.1, 0.1, 0.7], [0.7, 0.1, 0.1, 0.1], [0.1, 0.7, 0.1, 0.1]),
      ['B-LF', 'I-LF', 'O', 'B-AC'],
    );
  });

  it('never starts a sentence with I-LF: the next best start wins', () => {
    assert.deepEqual(decode([0.05, 0.05, 0.4, 0.5], [0.1, 0.1, 0.1, 0.7]), ['B-LF', 'I-LF']);
  });

  it('never continues an abbreviation or O with I-LF', () => {
    assert.deepEqual(decode([0.1, 0.8, 0.05, 0.05], [0.3, 0.05, 0.05, 0.6]), ['B-AC', 'O']);
    assert.deepEqual(decode([0.9, 0.04, 0.03, 0.03], [0.2, 0.05, 0.35, 0.4]), ['O', 'B-LF']);
  });

  it('may change an earlier word when that gives the more probable sequence', () => {
    assert.deepEqual(decode([0.5, 0.0, 0.45, 0.05], [0.02, 0.02, 0.02, 0.94]), ['B-LF', 'I-LF']);
  });

  it('gives nothing for an empty sentence', () => {
    assert.deepEqual(new ConstrainedDecoder(TAGS).decode(new Float64Array(0)), []);
  });
});
