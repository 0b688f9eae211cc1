import { strict as assert } from 'node:assert';
import { splitParagraphs } from '../../../../src/core/text/paragraphs';

const paragraphs = (text: string): string[] =>
  splitParagraphs(text).map(({ start, end }) => text.slice(start, end));

describe('splitParagraphs', () => {
  it('splits at blank lines and trims each paragraph', () => {
    const text = '  First line\nsecond line  \n\n\tSecond paragraph.\n';
    assert.deepEqual(splitParagraphs(text), [
      { start: 2, end: 24 },
      { start: 29, end: 46 },
    ]);
    assert.deepEqual(paragraphs(text), ['First line\nsecond line', 'Second paragraph.']);
  });

  it('handles \\r\\n and \\r line endings', () => {
    assert.deepEqual(paragraphs('one\r\ntwo\r\n\r\nthree\r\rfour\r\n \r\nfive'), [
      'one\r\ntwo',
      'three',
      'four',
      'five',
    ]);
  });

  it('treats lines of only spaces and tabs as blank, and runs of blank lines as one break', () => {
    assert.deepEqual(paragraphs('\n\n a \n \t \n\n\n b\u00A0\n'), ['a', 'b']);
  });

  it('keeps offsets exact after non-BMP characters', () => {
    const text = '😀 𝛼 one\n\n𝛼 two 😀';
    assert.deepEqual(splitParagraphs(text), [
      { start: 0, end: 9 },
      { start: 11, end: 20 },
    ]);
    assert.deepEqual(paragraphs(text), ['😀 𝛼 one', '𝛼 two 😀']);
  });

  it('returns nothing for blank text', () => {
    assert.deepEqual(splitParagraphs(''), []);
    assert.deepEqual(splitParagraphs(' \r\n\t\n'), []);
  });
});
