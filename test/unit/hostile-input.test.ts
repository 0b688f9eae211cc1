import { strict as assert } from 'node:assert';
import type { Word } from '../../src/core/types';
import { splitSentences } from '../../src/core/text/sentences';
import { splitWords } from '../../src/core/text/words';
import { assertGrowsLinearly } from '../support/growth';

/** Issue 12: inputs that took seconds or minutes, or overflowed the stack, before. */
describe('hostile input', function () {
  this.timeout(120_000);

  describe('plain text', () => {
    it('ends a sentence after a period and a long run of closing brackets in linear time', async () => {
      const text = 'It rose.' + ')'.repeat(5) + ' Then';
      assert.deepEqual(
        splitSentences(splitWords(text), text).map((s) => s.map((w) => w.text).join('')),
        ['Itrose.)))))', 'Then'],
      );
      // Words made by hand, so that only the sentence splitter is timed: `a . ) ) … ) A`, the brackets glued.
      const closers = (n: number): { words: Word[]; text: string } => {
        const text = 'a.' + ')'.repeat(n) + ' A';
        const words = [...text.slice(0, -2)].map((char, i) => ({ start: i, end: i + 1, text: char }));
        return { words: [...words, { start: text.length - 1, end: text.length, text: 'A' }], text };
      };
      assert.equal(splitSentences(closers(3).words, closers(3).text).length, 2);
      await assertGrowsLinearly('closers', closers, ({ words, text }) => splitSentences(words, text), {
        n: 2_000,
      });
    });
  });
});
