import { strict as assert } from 'node:assert';
import { analyse } from '../../src/core/analyze';
import { RulesTagger } from '../../src/core/taggers/rules';
import type { Lang, Word } from '../../src/core/types';
import { splitSentences } from '../../src/core/text/sentences';
import { splitWords } from '../../src/core/text/words';
import { assertGrowsLinearly } from '../support/growth';

const rules = new RulesTagger();
const tag = (text: string, lang: Lang) => analyse(text, rules, { lang });

/** Issue 12: inputs that took seconds or minutes, or overflowed the stack, before. */
describe('hostile input', function () {
  this.timeout(120_000);

  describe('plain text', () => {
    it('splits 50,000 ( then 50,000 ) in linear time', async () => {
      const words = splitWords('('.repeat(6) + ')'.repeat(6));
      assert.deepEqual(
        words.map((w) => w.text),
        [...'(((((())))))'],
      );
      await assertGrowsLinearly(
        'brackets',
        (n) => '('.repeat(n) + ')'.repeat(n),
        (text) => splitSentences(splitWords(text), text),
        { n: 1_000 },
      );
    });

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

    it('strips the closing brackets off a URL in linear time, keeping the ones it opened', async () => {
      assert.deepEqual(
        splitWords('see http://x.org/a_(b)).').map((w) => w.text),
        ['see', 'http://x.org/a_(b)', ')', '.'],
      );
      await assertGrowsLinearly(
        'URL',
        (n) => 'http://x' + ')'.repeat(n),
        (text) => splitWords(text),
        { n: 2_000 },
      );
    });

    it('tells an e-mail address from a chunk that loses one end at a time, in linear time', async () => {
      assert.deepEqual(
        splitWords('(mail a.b+c@d-e.org).').map((w) => w.text),
        ['(', 'mail', 'a.b+c@d-e.org', ')', '.'],
      );
      assert.deepEqual(
        splitWords('"x@y.z",').map((w) => w.text),
        ['"', 'x@y.z', '"', ','],
      );
      for (const make of [(n: number) => '_'.repeat(n) + 'a@b', (n: number) => 'a@b' + '_'.repeat(n)]) {
        await assertGrowsLinearly('e-mail', make, (text) => splitWords(text), { n: 2_000 });
      }
    });

    it('tags the rest of the text around the brackets as before', async () => {
      const text = 'The body mass index (BMI) rose. ' + '('.repeat(300) + ')'.repeat(300) + ' The BMI fell.';
      const analysis = await tag(text, 'plaintext');
      assert.deepEqual(
        analysis.spans.map((s) => [s.label, s.text, s.start]),
        [
          ['LF', 'body mass index', 4],
          ['AC', 'BMI', 21],
          ['AC', 'BMI', text.lastIndexOf('BMI')],
        ],
      );
    });
  });
});
