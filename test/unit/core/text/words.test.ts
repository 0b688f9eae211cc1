import { strict as assert } from 'node:assert';
import { splitWords } from '../../../../src/core/text/words';

const words = (text: string): string[] => splitWords(text).map((word) => word.text);

describe('splitWords', () => {
  it('makes brackets and punctuation words of their own, with exact offsets', () => {
    assert.deepEqual(splitWords('Scale (GYPES) was'), [
      { start: 0, end: 5, text: 'Scale' },
      { start: 6, end: 7, text: '(' },
      { start: 7, end: 12, text: 'GYPES' },
      { start: 12, end: 13, text: ')' },
      { start: 14, end: 17, text: 'was' },
    ]);
  });

  it('shifts offsets by the given offset', () => {
    assert.deepEqual(splitWords('a (b)', 100), [
      { start: 100, end: 101, text: 'a' },
      { start: 102, end: 103, text: '(' },
      { start: 103, end: 104, text: 'b' },
      { start: 104, end: 105, text: ')' },
    ]);
  });

  it('keeps e.g. and i.e. whole, and splits et al. as PLOD-CW does', () => {
    assert.deepEqual(words('(e.g., cats) and i.e. dogs, Smith et al. found'), [
      '(',
      'e.g.',
      ',',
      'cats',
      ')',
      'and',
      'i.e.',
      'dogs',
      ',',
      'Smith',
      'et',
      'al',
      '.',
      'found',
    ]);
  });

  it('keeps numbers, units and abbreviations with inner punctuation whole', () => {
    assert.deepEqual(words('p < 0.05 at 7,8 mol m-2 s-1 for IL-6, COVID-19, IL-1β and RNAi.'), [
      'p',
      '<',
      '0.05',
      'at',
      '7,8',
      'mol',
      'm-2',
      's-1',
      'for',
      'IL-6',
      ',',
      'COVID-19',
      ',',
      'IL-1β',
      'and',
      'RNAi',
      '.',
    ]);
  });

  it('splits hyphens between letters, and between numbers and words', () => {
    assert.deepEqual(words('non-invasive 10-fold glucose-6-phosphate 70-76'), [
      'non',
      '-',
      'invasive',
      '10',
      '-',
      'fold',
      'glucose-6',
      '-',
      'phosphate',
      '70',
      '-',
      '76',
    ]);
  });

  it("splits trailing punctuation, 's and quotes", () => {
    assert.deepEqual(words('the cell\'s "own" rate; here: “this”.'), [
      'the',
      'cell',
      "'s",
      '"',
      'own',
      '"',
      'rate',
      ';',
      'here',
      ':',
      '“',
      'this',
      '”',
      '.',
    ]);
  });

  it('keeps initials and a few abbreviations with their period', () => {
    assert.deepEqual(words('E. coli vs. B. subtilis (Fig. 2)'), [
      'E.',
      'coli',
      'vs.',
      'B.',
      'subtilis',
      '(',
      'Fig',
      '.',
      '2',
      ')',
    ]);
  });

  it('splits a period glued between a sentence and the next', () => {
    assert.deepEqual(words('cells.The end'), ['cells', '.', 'The', 'end']);
  });

  it('keeps URLs whole but not the punctuation after them', () => {
    assert.deepEqual(words('see https://example.org/a_(b), ok'), [
      'see',
      'https://example.org/a_(b)',
      ',',
      'ok',
    ]);
  });

  it('separates words at every kind of whitespace and never includes it', () => {
    const text = 'a\u00A0b\tc\r\nd\u2009e\u3000f\u200Bg\u2028h\ri';
    assert.deepEqual(words(text), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
  });

  it('never splits a surrogate pair', () => {
    const text = '𝛼-helix (𝛼) 😀good, x😀 𝛼.';
    const found = splitWords(text);
    assert.deepEqual(
      found.map((word) => word.text),
      ['𝛼', '-', 'helix', '(', '𝛼', ')', '😀', 'good', ',', 'x', '😀', '𝛼', '.'],
    );
    for (const word of found) {
      assert.equal(text.slice(word.start, word.end), word.text);
      assert.ok(
        !/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(word.text),
        `half a surrogate pair in ${word.text}`,
      );
    }
  });

  it('covers every non-space character exactly once, in order', () => {
    const text = 'The (GYPES) was “developed”; e.g., 5% of IL-6-induced mice [1,2]. 𝛼β... Done!?\n';
    const found = splitWords(text);
    let previousEnd = 0;
    for (const word of found) {
      assert.ok(word.start >= previousEnd && word.end > word.start);
      assert.match(text.slice(previousEnd, word.start), /^\s*$/u);
      assert.equal(text.slice(word.start, word.end), word.text);
      assert.doesNotMatch(word.text, /\s/u);
      previousEnd = word.end;
    }
    assert.equal(found.map((word) => word.text).join(''), text.replace(/\s/gu, ''));
  });

  it('returns no words for empty or blank text', () => {
    assert.deepEqual(splitWords(''), []);
    assert.deepEqual(splitWords(' \n\t\u00A0'), []);
  });

  it('splits a 10,000-word document in well under 50 ms', () => {
    const sentence =
      'The Gothenburg Young Persons Empowerment Scale (GYPES; e.g., IL-6, 0.05 m-2) was non-invasive. ';
    const text = sentence.repeat(700);
    assert.ok(splitWords(text).length > 10_000);
    const times = Array.from({ length: 5 }, () => {
      const start = performance.now();
      splitWords(text);
      return performance.now() - start;
    });
    assert.ok(Math.min(...times) < 50, `took ${Math.min(...times)} ms`);
  });
});
