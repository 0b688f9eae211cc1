import { strict as assert } from 'node:assert';
import {
  byStart,
  joinOverlapping,
  overlaps,
  rangeKey,
  sameRange,
  shiftFound,
  splitsSurrogatePair,
} from '../../../src/core/ranges';

describe('ranges', () => {
  it('keys, orders and compares ranges', () => {
    assert.equal(rangeKey({ start: 3, end: 7 }), '3:7');
    const sorted = [
      { start: 4, end: 6 },
      { start: 1, end: 9 },
      { start: 1, end: 2 },
    ].sort(byStart);
    assert.deepEqual(sorted, [
      { start: 1, end: 2 },
      { start: 1, end: 9 },
      { start: 4, end: 6 },
    ]);
    assert.equal(sameRange({ start: 1, end: 2 }, { start: 1, end: 2 }), true);
    assert.equal(sameRange({ start: 1, end: 2 }, { start: 1, end: 3 }), false);
  });

  it('overlaps only when a character is shared', () => {
    assert.equal(overlaps({ start: 0, end: 3 }, { start: 2, end: 5 }), true);
    assert.equal(overlaps({ start: 0, end: 3 }, { start: 3, end: 5 }), false);
    assert.equal(overlaps({ start: 2, end: 4 }, { start: 0, end: 9 }), true);
  });

  it('finds an offset that cuts a surrogate pair in two', () => {
    const text = 'a😀b';
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((at) => splitsSurrogatePair(text, at)),
      [false, false, true, false, false],
    );
  });

  it('joins overlapping and nested ranges, keeps touching ones apart, and leaves its input alone', () => {
    const input = [
      { start: 10, end: 12 },
      { start: 0, end: 5 },
      { start: 2, end: 3 },
      { start: 4, end: 8 },
      { start: 12, end: 14 },
    ];
    const copy = input.map((r) => ({ ...r }));
    assert.deepEqual(joinOverlapping(input), [
      { start: 0, end: 8 },
      { start: 10, end: 12 },
      { start: 12, end: 14 },
    ]);
    assert.deepEqual(input, copy);
  });

  it('moves spans and definitions found in a selection to document offsets, keeping other fields', () => {
    const found = {
      spans: [{ start: 0, end: 3, label: 'AC', text: 'CNN' }],
      glossary: [
        { short: 'CNN', long: 'convolutional neural network', definition: { start: 0, end: 3 } },
        { short: 'GPU', long: null, definition: null },
      ],
    };
    const copy = structuredClone(found);
    assert.deepEqual(shiftFound(found, 100), {
      spans: [{ start: 100, end: 103, label: 'AC', text: 'CNN' }],
      glossary: [
        { short: 'CNN', long: 'convolutional neural network', definition: { start: 100, end: 103 } },
        { short: 'GPU', long: null, definition: null },
      ],
    });
    assert.deepEqual(found, copy);
  });
});
