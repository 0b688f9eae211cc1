import { strict as assert } from 'node:assert';
import { lineOf } from '../../../../src/core/text/lines';
import { definitionAt, glossarySymbols, referencesAt } from '../../../../src/core/assistant/navigation';
import { modelOf } from './helpers';

const TEXT = 'We use a CNN first. A convolutional neural network (CNN) is deep. The CNN wins and CNNs win.';
const at = (needle: string, from = 0) => TEXT.indexOf(needle, from);

describe('assistant navigation', () => {
  it('goes from any mention to the definition, selecting the abbreviation inside it', async () => {
    const model = await modelOf(TEXT);
    const expected = {
      range: { start: at('convolutional'), end: at('(CNN)') + 5 },
      selection: { start: at('(CNN)') + 1, end: at('(CNN)') + 4 },
    };
    assert.deepEqual(definitionAt(model, at('CNN')), expected);
    assert.deepEqual(definitionAt(model, at('CNNs') + 2), expected);
    assert.deepEqual(definitionAt(model, at('convolutional') + 3), expected);
    assert.equal(definitionAt(model, at('deep')), undefined);
  });

  it('lists every mention, with the definition only when asked', async () => {
    const model = await modelOf(TEXT);
    const mentions = [at('CNN'), at('The CNN') + 4, at('CNNs')];
    const ranges = (starts: number[]) =>
      starts.map((start) => ({ start, end: start + (start === at('CNNs') ? 4 : 3) }));
    assert.deepEqual(referencesAt(model, at('CNN'), false), ranges(mentions));
    const withDefinition = [mentions[0], at('(CNN)') + 1, ...mentions.slice(1)];
    assert.deepEqual(referencesAt(model, at('CNNs'), true), ranges(withDefinition));
    assert.deepEqual(referencesAt(model, at('wins'), true), []);
  });

  it('gives the Outline one symbol per abbreviation: the definition, else the first mention', async () => {
    const source = 'Magnetic resonance imaging (MRI) and a GPU. The MRI and the GPU.';
    const symbols = glossarySymbols(await modelOf(source));
    assert.deepEqual(symbols, [
      {
        name: 'MRI',
        detail: 'Magnetic resonance imaging',
        range: { start: 0, end: 32 },
        selection: { start: 28, end: 31 },
      },
      {
        name: 'GPU',
        detail: 'not defined',
        range: { start: 39, end: 42 },
        selection: { start: 39, end: 42 },
      },
    ]);
  });

  it('points a LaTeX \\ac mention at its \\newacronym', async () => {
    const source = [
      '\\documentclass{article}',
      '\\usepackage{glossaries}',
      '\\newacronym{cnn}{CNN}{convolutional neural network}',
      '\\begin{document}',
      'A \\ac{cnn} and the \\ac{cnn}.',
      '\\end{document}',
    ].join('\n');
    const model = await modelOf(source, 'latex');
    const macro = { start: source.indexOf('\\newacronym'), end: source.indexOf('\n\\begin') };
    assert.deepEqual(definitionAt(model, source.lastIndexOf('\\ac{cnn}') + 2), {
      range: macro,
      selection: macro,
    });
    const mention = source.indexOf('\\ac{cnn}');
    assert.deepEqual(referencesAt(model, mention, true), [
      macro,
      { start: mention, end: mention + 8 },
      { start: source.lastIndexOf('\\ac{cnn}'), end: source.lastIndexOf('\\ac{cnn}') + 8 },
    ]);
  });
});

describe('lineOf', () => {
  it('counts LF, CRLF and lone CR line breaks, as VS Code does', () => {
    const source = 'a\nb\r\nc\rd';
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 7, 8].map((offset) => lineOf(source, offset)),
      [1, 1, 2, 2, 2, 3, 3, 4, 4],
    );
  });
});
