import { strict as assert } from 'node:assert';
import { labelToTag } from '../../../../src/core/taggers/labels';

describe('labelToTag', () => {
  it("reads PLOD-CW's B-O as outside", () => {
    assert.equal(labelToTag('B-O'), 'O');
    assert.equal(labelToTag('O'), 'O');
  });

  it('keeps the entity tags', () => {
    assert.deepEqual(['B-AC', 'I-AC', 'b-lf', 'I-LF'].map(labelToTag), ['B-AC', 'I-AC', 'B-LF', 'I-LF']);
  });

  // A data file's tags, as the CoNLL reader takes them (these were the tests of its alias normalizeTag).
  it('keeps the BIO tags and reads plain AC/LF as B-', () => {
    assert.equal(labelToTag('B-AC'), 'B-AC');
    assert.equal(labelToTag('I-AC'), 'I-AC');
    assert.equal(labelToTag('B-LF'), 'B-LF');
    assert.equal(labelToTag('I-LF'), 'I-LF');
    assert.equal(labelToTag('AC'), 'B-AC');
    assert.equal(labelToTag('LF'), 'B-LF');
  });

  it('rejects an unknown tag', () => {
    assert.throws(() => labelToTag('B-XX'), /B-XX/);
  });

  it('asks for a label map when the config has only generic labels', () => {
    assert.throws(() => labelToTag('LABEL_3'), /generic \(LABEL_3\); give a label map/);
  });

  it('names an unknown label', () => {
    assert.throws(() => labelToTag('B-PER'), /unknown label "B-PER"/);
  });
});
