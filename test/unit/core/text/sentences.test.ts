import { strict as assert } from 'node:assert';
import { paragraphSentences, splitSentences, textSentences } from '../../../../src/core/text/sentences';
import { splitWords } from '../../../../src/core/text/words';

const sentences = (text: string, offset = 0): string[] =>
  splitSentences(splitWords(text, offset), text, offset).map((sentence) =>
    sentence.map((word) => word.text).join(' '),
  );

describe('splitSentences', () => {
  it('breaks after . ! ? before a capital, a digit, a quote or a bracket', () => {
    assert.deepEqual(
      sentences('It rose. Then it fell! Why? 12 mice died. "Odd," we said. (See below.) [1] Done.'),
      [
        'It rose .',
        'Then it fell !',
        'Why ?',
        '12 mice died .',
        '" Odd , " we said .',
        '( See below . )',
        '[ 1 ] Done .',
      ],
    );
  });

  it('does not break before a lower-case word', () => {
    assert.deepEqual(sentences('The rate was 5 mmol. s-1 was also measured.'), [
      'The rate was 5 mmol . s-1 was also measured .',
    ]);
  });

  it('keeps closing quotes and brackets with the sentence they end', () => {
    assert.deepEqual(sentences('He said "it works." It did. (It really did.) Next'), [
      'He said " it works . "',
      'It did .',
      '( It really did . )',
      'Next',
    ]);
  });

  it('does not break after e.g., i.e., et al., vs., cf., approx., Dr. or initials', () => {
    const text =
      'Some cells, e.g. Neurons, i.e. Brain cells, were seen by Smith et al. (2020) and Jones et al. In vivo, ' +
      'A vs. B and cf. Table 1, approx. 5 cells, Dr. Who and J. Smith agreed.';
    assert.equal(sentences(text).length, 1);
  });

  it('does not break after Fig. 2, Eq. 3 or in decimals', () => {
    assert.deepEqual(sentences('As shown in Fig. 2 and Eq. 3, p was 0.05. The end.'), [
      'As shown in Fig . 2 and Eq . 3 , p was 0.05 .',
      'The end .',
    ]);
  });

  it('breaks at a blank line even without a period', () => {
    assert.deepEqual(sentences('A title\n\nthe body text\r\n\r\nmore text\n \nlast'), [
      'A title',
      'the body text',
      'more text',
      'last',
    ]);
  });

  it('does not break at a single line break', () => {
    assert.deepEqual(sentences('one line\r\nand the next\rand another\nline'), [
      'one line and the next and another line',
    ]);
  });

  it('keeps the words themselves, offsets included', () => {
    const text = 'Hi there. Bye now.';
    const words = splitWords(text, 10);
    const grouped = splitSentences(words, text, 10);
    assert.deepEqual(grouped.flat(), words);
    assert.deepEqual(grouped[1][0], { start: 20, end: 23, text: 'Bye' });
  });

  it('returns nothing for no words', () => {
    assert.deepEqual(splitSentences([], ''), []);
  });
});

describe('paragraphSentences and textSentences', () => {
  it('splits one paragraph into its sentences, offsets shifted when asked', () => {
    const grouped = paragraphSentences('We ran. It worked.', 5);
    assert.deepEqual(
      grouped.map((s) => s.map((w) => w.text).join(' ')),
      ['We ran .', 'It worked .'],
    );
    assert.deepEqual(grouped[1][0], { start: 13, end: 15, text: 'It' });
  });

  it('splits a text at blank lines, then into sentences, with offsets in the whole text', () => {
    const text = '  First one. Second\n\n \n third here  \n';
    const grouped = textSentences(text);
    assert.deepEqual(
      grouped.map((s) => s.map((w) => w.text).join(' ')),
      ['First one .', 'Second', 'third here'],
    );
    for (const word of grouped.flat()) assert.equal(text.slice(word.start, word.end), word.text);
    assert.deepEqual(textSentences(' \n\n '), []);
  });
});
