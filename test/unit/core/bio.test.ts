import { strict as assert } from 'node:assert';
import { canFollow, continuesSpan, repairBio, spansFromTags } from '../../../src/core/bio';

describe('spansFromTags', () => {
  it('starts a new span at every B-, so B-AC B-AC is two abbreviations', () => {
    assert.deepEqual(spansFromTags(['B-AC', 'B-AC', 'O', 'B-LF', 'I-LF']), [
      { label: 'AC', start: 0, end: 1 },
      { label: 'AC', start: 1, end: 2 },
      { label: 'LF', start: 3, end: 5 },
    ]);
  });

  it('opens a span at an orphan I- tag, as conlleval does', () => {
    assert.deepEqual(spansFromTags(['O', 'I-LF', 'I-LF', 'B-AC', 'I-LF']), [
      { label: 'LF', start: 1, end: 3 },
      { label: 'AC', start: 3, end: 4 },
      { label: 'LF', start: 4, end: 5 },
    ]);
  });

  it('continues B-AC with I-AC and splits B-LF B-LF', () => {
    assert.deepEqual(spansFromTags(['B-AC', 'I-AC', 'B-LF', 'B-LF', 'I-LF']), [
      { label: 'AC', start: 0, end: 2 },
      { label: 'LF', start: 2, end: 3 },
      { label: 'LF', start: 3, end: 5 },
    ]);
  });

  it('gives nothing for an all-O sentence', () => {
    assert.deepEqual(spansFromTags(['O', 'O']), []);
    assert.deepEqual(spansFromTags([]), []);
  });
});

describe('continuesSpan and canFollow', () => {
  it('lets I-X continue B-X or I-X only', () => {
    assert.equal(continuesSpan('B-LF', 'I-LF'), true);
    assert.equal(continuesSpan('I-LF', 'I-LF'), true);
    assert.equal(continuesSpan('B-AC', 'I-LF'), false);
    assert.equal(continuesSpan('O', 'I-LF'), false);
    assert.equal(continuesSpan('B-O', 'I-AC'), false);
    assert.equal(continuesSpan(undefined, 'I-AC'), false);
    assert.equal(continuesSpan('B-AC', 'B-AC'), false);
  });

  it('allows any tag but an I- that continues nothing, at a sentence start too', () => {
    assert.equal(canFollow(undefined, 'B-LF'), true);
    assert.equal(canFollow(undefined, 'O'), true);
    assert.equal(canFollow(undefined, 'I-LF'), false);
    assert.equal(canFollow('I-LF', 'B-LF'), true);
    assert.equal(canFollow('B-AC', 'I-LF'), false);
    assert.equal(canFollow('B-AC', 'I-AC'), true);
  });
});

describe('repairBio', () => {
  it('turns an I- that continues no span of its kind into B-, in either tag set', () => {
    assert.deepEqual(repairBio(['B-O', 'I-LF', 'I-LF', 'B-AC', 'I-LF', 'I-AC']), [
      'B-O',
      'B-LF',
      'I-LF',
      'B-AC',
      'B-LF',
      'B-AC',
    ]);
    assert.deepEqual(repairBio(['I-AC', 'O', 'B-LF', 'I-LF']), ['B-AC', 'O', 'B-LF', 'I-LF']);
  });

  it('gives the spans spansFromTags reads from the unrepaired tags', () => {
    const tags = ['O', 'I-LF', 'I-LF', 'B-AC', 'I-LF', 'I-AC', 'I-AC'] as const;
    assert.deepEqual(spansFromTags(repairBio(tags)), spansFromTags(tags));
  });
});
