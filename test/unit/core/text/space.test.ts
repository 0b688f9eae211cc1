import { strict as assert } from 'node:assert';
import { foldCaseAndSpace, foldSpace } from '../../../../src/core/text/space';

describe('foldSpace and foldCaseAndSpace', () => {
  it('folds each run of white space, line breaks included, into one space', () => {
    assert.equal(foldSpace(' convolutional\n\t neural  network '), ' convolutional neural network ');
  });

  it('compares long forms without case, runs of white space, or space at the ends', () => {
    assert.equal(
      foldCaseAndSpace('  Convolutional\r\n Neural\u00a0Network\n'),
      'convolutional neural network',
    );
  });
});
