import { strict as assert } from 'node:assert';
import { planWindows } from '../../../../src/core/taggers/windows';

describe('planWindows', () => {
  it('keeps a short sentence in one window', () => {
    assert.deepEqual(planWindows([1, 2, 1], 10), [{ from: 0, to: 3, coreFrom: 0, coreTo: 3 }]);
  });

  it('gives no window for an empty sentence', () => {
    assert.deepEqual(planWindows([], 10), []);
  });

  it('tiles a long sentence with cores that cover every word exactly once', () => {
    const counts = Array.from({ length: 500 }, (_, i) => 1 + (i % 3));
    const windows = planWindows(counts, 64);
    assert.ok(windows.length > 1);
    let next = 0;
    for (const w of windows) {
      assert.equal(w.coreFrom, next);
      assert.ok(w.from <= w.coreFrom && w.coreTo <= w.to);
      const pieces = counts.slice(w.from, w.to).reduce((a, b) => a + b, 0);
      assert.ok(pieces <= 64, `window ${JSON.stringify(w)} holds ${pieces} pieces`);
      next = w.coreTo;
    }
    assert.equal(next, counts.length);
  });

  it('gives inner windows context on both sides', () => {
    const windows = planWindows(new Array(100).fill(1), 20);
    const middle = windows[Math.floor(windows.length / 2)];
    assert.ok(middle.from < middle.coreFrom, 'left context');
    assert.ok(middle.to > middle.coreTo, 'right context');
  });

  it('still makes progress on a word longer than the whole budget', () => {
    const windows = planWindows([3, 50, 2], 8);
    assert.deepEqual(
      windows.map((w) => [w.coreFrom, w.coreTo]),
      [
        [0, 1],
        [1, 2],
        [2, 3],
      ],
    );
  });
});
