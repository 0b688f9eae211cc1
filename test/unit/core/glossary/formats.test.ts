import { strict as assert } from 'node:assert';
import { mergeGlossaries } from '../../../../src/core/glossary/merge';
import { acroKey, acroList, formatGlossaries } from '../../../../src/core/glossary/formats';
import type { FileGlossary } from '../../../../src/core/types';

const A: FileGlossary = {
  file: 'papers/a.tex',
  entries: [
    { short: 'CNN', long: 'convolutional neural network', count: 3, definition: { start: 10, end: 38 } },
    { short: 'R&D', long: 'research & development_{x}', count: 1, definition: { start: 50, end: 76 } },
    { short: 'OR', long: null, count: 2, definition: null },
  ],
};
const B: FileGlossary = {
  file: 'papers/b,"q".md',
  entries: [
    { short: 'OR', long: 'odds ratio', count: 1, definition: { start: 4, end: 14 } },
    { short: 'CNN', long: 'Convolutional  Neural Network', count: 2, definition: { start: 0, end: 29 } },
    { short: 'A|B', long: 'a | b\ntest', count: 1, definition: { start: 40, end: 50 } },
  ],
};

describe('mergeGlossaries', () => {
  it('adds up mentions, keeps the first definition and every distinct long form, in first-seen order', () => {
    assert.deepEqual(mergeGlossaries([A, B]), [
      {
        short: 'CNN',
        long: 'convolutional neural network',
        longForms: ['convolutional neural network'],
        count: 5,
        files: [
          {
            file: 'papers/a.tex',
            count: 3,
            long: 'convolutional neural network',
            definition: { start: 10, end: 38 },
          },
          {
            file: 'papers/b,"q".md',
            count: 2,
            long: 'Convolutional  Neural Network',
            definition: { start: 0, end: 29 },
          },
        ],
        definition: { file: 'papers/a.tex', range: { start: 10, end: 38 } },
      },
      {
        short: 'R&D',
        long: 'research & development_{x}',
        longForms: ['research & development_{x}'],
        count: 1,
        files: [
          {
            file: 'papers/a.tex',
            count: 1,
            long: 'research & development_{x}',
            definition: { start: 50, end: 76 },
          },
        ],
        definition: { file: 'papers/a.tex', range: { start: 50, end: 76 } },
      },
      {
        short: 'OR',
        long: 'odds ratio',
        longForms: ['odds ratio'],
        count: 3,
        files: [
          { file: 'papers/a.tex', count: 2, long: null, definition: null },
          { file: 'papers/b,"q".md', count: 1, long: 'odds ratio', definition: { start: 4, end: 14 } },
        ],
        definition: { file: 'papers/b,"q".md', range: { start: 4, end: 14 } },
      },
      {
        short: 'A|B',
        long: 'a | b\ntest',
        longForms: ['a | b\ntest'],
        count: 1,
        files: [
          { file: 'papers/b,"q".md', count: 1, long: 'a | b\ntest', definition: { start: 40, end: 50 } },
        ],
        definition: { file: 'papers/b,"q".md', range: { start: 40, end: 50 } },
      },
    ]);
  });

  it('lists conflicting long forms', () => {
    const c: FileGlossary = {
      file: 'c.txt',
      entries: [{ short: 'CNN', long: 'cable news network', count: 1, definition: { start: 0, end: 18 } }],
    };
    assert.deepEqual(mergeGlossaries([A, c])[0].longForms, [
      'convolutional neural network',
      'cable news network',
    ]);
  });

  it('gives nothing for no files', () => {
    assert.deepEqual(mergeGlossaries([]), []);
  });
});

describe('formatGlossaries', () => {
  it('acronym: an acronym environment of \\acro lines, merged over files, LaTeX specials escaped', () => {
    assert.equal(
      formatGlossaries([A, B], 'acronym'),
      '\\begin{acronym}\n' +
        '\\acro{CNN}[CNN]{convolutional neural network}\n' +
        '\\acro{RD}[R\\&D]{research \\& development\\_\\{x\\}}\n' +
        '\\acro{OR}[OR]{odds ratio}\n' +
        '\\acro{AB}[A|B]{a | b test}\n' +
        '\\end{acronym}\n',
    );
  });

  it('acronym: braces a short form holding "]", numbers clashing keys, comments undefined ones', () => {
    assert.equal(
      acroList([
        { short: 'X]', long: 'ex', count: 1, definition: null },
        { short: 'X', long: 'ex two', count: 1, definition: null },
        { short: 'Ω', long: null, count: 1, definition: null },
        { short: '%', long: 'percent', count: 1, definition: null },
      ]),
      '\\begin{acronym}\n\\acro{X}[{X]}]{ex}\n\\acro{X2}[X]{ex two}\n% Ω: no long form found in the text\n\\acro{acr}[\\%]{percent}\n\\end{acronym}\n',
    );
    assert.equal(acroKey('CNNs-2'), 'CNNs2');
  });

  it('latex: one \\newacronym per abbreviation over all files', () => {
    assert.equal(
      formatGlossaries([A, B], 'latex'),
      '\\newacronym{cnn}{CNN}{convolutional neural network}\n' +
        '\\newacronym{rd}{R\\&D}{research \\& development\\_\\{x\\}}\n' +
        '\\newacronym{or}{OR}{odds ratio}\n' +
        '\\newacronym{ab}{A|B}{a | b test}\n',
    );
  });

  it('csv: quotes fields with commas, quotes or newlines, CRLF rows', () => {
    assert.equal(
      formatGlossaries([B], 'csv'),
      'file,short,long,count,definition_start,definition_end\r\n' +
        '"papers/b,""q"".md",OR,odds ratio,1,4,14\r\n' +
        '"papers/b,""q"".md",CNN,Convolutional  Neural Network,2,0,29\r\n' +
        '"papers/b,""q"".md",A|B,"a | b\ntest",1,40,50\r\n',
    );
  });

  it('markdown: escapes pipes and backslashes, folds newlines, one table per file', () => {
    assert.equal(
      formatGlossaries([B], 'markdown'),
      '| Abbreviation | Long form | Mentions |\n| --- | --- | ---: |\n' +
        '| OR | odds ratio | 1 |\n| CNN | Convolutional  Neural Network | 2 |\n| A\\|B | a \\| b test | 1 |\n',
    );
    assert.match(
      formatGlossaries([A, B], 'markdown'),
      /^## papers\/a\.tex\n\n[^]*\n## papers\/b,"q"\.md\n\n/,
    );
  });
});
