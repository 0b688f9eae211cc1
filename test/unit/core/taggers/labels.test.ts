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

  it('asks for a label map when the config has only generic labels', () => {
    assert.throws(() => labelToTag('LABEL_3'), /generic \(LABEL_3\); give a label map/);
  });

  it('names an unknown label', () => {
    assert.throws(() => labelToTag('B-PER'), /unknown label "B-PER"/);
  });
});
