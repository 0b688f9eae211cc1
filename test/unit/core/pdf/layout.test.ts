import { strict as assert } from 'node:assert';
import {
  paragraphsOf,
  readingOrder,
  type TextItem,
  writeOutLigatures,
} from '../../../../src/core/pdf/layout';

const PAGE = { width: 600, height: 800 };
/** A line of text as one item, 10 pt, at its baseline; width by a 5 pt advance per character. */
const line = (text: string, x: number, y: number, size = 10): TextItem => ({
  text,
  x,
  y,
  width: text.length * size * 0.5,
  size,
});

const textOf = (items: TextItem[]) => paragraphsOf([readingOrder(items, PAGE)]);

describe('PDF layout', () => {
  it('reads the left column before the right one, whatever order the items come in', () => {
    const left = [
      'The left column starts the paper and',
      'goes on down the page for',
      'three lines of text.',
    ];
    const right = ['The right column comes', 'after it, as a reader', 'reads a two-column page.'];
    const items = [
      line('A Title Across Both Columns of the Page', 150, 760, 14),
      ...right.map((t, i) => line(t, 320, 700 - 12 * i)),
      ...left.map((t, i) => line(t, 60, 700 - 12 * i)),
    ];
    assert.deepEqual(textOf(items), [
      'A Title Across Both Columns of the Page',
      left.join(' '),
      right.join(' '),
    ]);
  });

  it('joins a word hyphenated at a line end, but keeps the hyphen of a word the text writes with one', () => {
    const items = [
      line('The fine-tuned model was fine-', 60, 700),
      line('tuned again, and the classi-', 60, 688),
      line('fier was retrained.', 60, 676),
    ];
    assert.deepEqual(textOf(items), [
      'The fine-tuned model was fine-tuned again, and the classifier was retrained.',
    ]);
  });

  it('keeps the hyphen before a capital or a digit (SARS-CoV-2 broken at a line end)', () => {
    assert.deepEqual(textOf([line('the SARS-', 60, 700), line('CoV-2 virus', 60, 688)]), [
      'the SARS-CoV-2 virus',
    ]);
  });

  it('drops raised footnote marks and the page number, and starts a paragraph at a smaller footnote', () => {
    const items = [
      line('Abbreviations are everywhere in the papers we', 60, 700),
      line('read.', 60, 688),
      { text: '1', x: 85, y: 692, width: 3, size: 7 },
      line('A footnote in a smaller font.', 60, 200, 8),
      line('7', 300, 60),
    ];
    assert.deepEqual(textOf(items), [
      'Abbreviations are everywhere in the papers we read.',
      'A footnote in a smaller font.',
    ]);
  });

  it('starts a paragraph at an indented line, and after a wider gap', () => {
    const items = [
      line('One paragraph ends here.', 60, 700),
      line('An indented line starts the next one', 72, 688),
      line('and it goes on.', 60, 676),
      line('After a gap, a third.', 60, 640),
    ];
    assert.deepEqual(textOf(items), [
      'One paragraph ends here.',
      'An indented line starts the next one and it goes on.',
      'After a gap, a third.',
    ]);
  });

  it('goes on with a sentence that a page break cuts', () => {
    const first = readingOrder(
      [line('The sentence runs over the', 60, 700), line('end of the page and', 60, 688)],
      PAGE,
    );
    const second = readingOrder([line('ends on the next.', 60, 700), line('A new one.', 72, 688)], PAGE);
    assert.deepEqual(paragraphsOf([first, second]), [
      'The sentence runs over the end of the page and ends on the next.',
      'A new one.',
    ]);
  });

  it('writes out ligatures, soft hyphens and no-break spaces', () => {
    assert.equal(
      writeOutLigatures('e\uFB03cient \uFB01ne o\uFB00er hy\u00ADphen a\u00A0b'),
      'efficient fine offer hyphen a b',
    );
  });
});
