import { strict as assert } from 'node:assert';
import { memoryProject } from '../../../support/memoryProject';
import * as path from 'node:path';
import { declaredKeys, keyAt, projectKeys } from '../../../../src/core/assistant/keys';
import { flatten } from '../../../../src/core/markup/latexProject';

const ROOT = path.resolve('/papers/thesis');
const at = (name: string) => path.join(ROOT, name);

const memory = (files: Record<string, string>) => memoryProject(ROOT, files);

/** `keyAt` where `|` stands in `marked`: the macro, the key and the key's text. */
function keyAtBar(marked: string) {
  const offset = marked.indexOf('|');
  const source = marked.replace('|', '');
  const found = keyAt(source, offset);
  return found && [found.macro, found.key, source.slice(found.range.start, found.range.end)];
}

describe('LaTeX acronym keys', () => {
  it('finds the key being written in any mention macro, to its closing brace', () => {
    assert.deepEqual(keyAtBar('We train a \\gls{|'), ['gls', '', '']);
    assert.deepEqual(keyAtBar('We train a \\ac{cn|n} here.'), ['ac', 'cnn', 'cnn']);
    assert.deepEqual(keyAtBar('\\Acp*[opt]{c|}'), ['Acp', 'c', 'c']);
    assert.deepEqual(keyAtBar('\\glsxtrlong{|iot} devices'), ['glsxtrlong', 'iot', 'iot']);
  });

  it('finds no key outside a mention macro, after its brace, or in a comment', () => {
    assert.equal(keyAtBar('\\cite{smi|th}'), undefined);
    assert.equal(keyAtBar('\\ac{cnn} |here'), undefined);
    assert.equal(keyAtBar('\\ac{cnn}|'), undefined);
    assert.equal(keyAtBar('% \\ac{cn|'), undefined);
    assert.equal(keyAtBar('\\ac{a,|'), undefined);
  });

  it('lists the keys each package declares, with their short and long forms, once each', () => {
    const source = [
      '\\newacronym{cnn}{CNN}{convolutional neural network}',
      '\\acro{VM}{virtual machine}',
      '\\DeclareAcronym{iot}{short = IoT, long = Internet of Things}',
      '% \\newacronym{old}{OLD}{commented out}',
      '\\newacronym{cnn}{CNN}{declared twice}',
    ].join('\n');
    assert.deepEqual(
      declaredKeys(source).map((k) => [
        k.key,
        k.short,
        k.long,
        source.slice(k.range.start, k.range.end),
        k.file,
      ]),
      [
        [
          'cnn',
          'CNN',
          'convolutional neural network',
          '\\newacronym{cnn}{CNN}{convolutional neural network}',
          null,
        ],
        ['VM', 'VM', 'virtual machine', '\\acro{VM}{virtual machine}', null],
        [
          'iot',
          'IoT',
          'Internet of Things',
          '\\DeclareAcronym{iot}{short = IoT, long = Internet of Things}',
          null,
        ],
      ],
    );
  });

  it('lists the keys of a whole project, each in the file and at the place that declares it', () => {
    const acronyms =
      '\\begin{acronym}\n\\acro{VM}{virtual machine}\n\\acro{OS}{operating system}\n\\end{acronym}\n';
    const files = memory({
      'main.tex':
        '\\documentclass{article}\n\\begin{document}\n\\input{acronyms}\n\\include{intro}\n\\end{document}\n',
      'acronyms.tex': acronyms,
      'intro.tex': 'Each \\ac{VM} runs.\n',
    });
    const keys = projectKeys(flatten(at('main.tex'), files));
    assert.deepEqual(
      keys.map((k) => [k.key, k.long, k.file, acronyms.slice(k.range.start, k.range.end)]),
      [
        ['VM', 'virtual machine', at('acronyms.tex'), '\\acro{VM}{virtual machine}'],
        ['OS', 'operating system', at('acronyms.tex'), '\\acro{OS}{operating system}'],
      ],
    );
  });
});
