import { strict as assert } from 'node:assert';
import { diagnose, foldLongForm } from '../../../../src/core/assistant/diagnostics';
import { isNameShaped } from '../../../../src/core/review';
import { buildModel } from '../../../../src/core/assistant/model';
import { isWellKnown, SOURCES, WELL_KNOWN } from '../../../../src/core/assistant/wellKnown';
import { modelOf, modelWith, textOf, tex } from './helpers';

const codes = (found: { code: string; short: string }[]) => found.map((d) => `${d.code} ${d.short}`);

describe('assistant diagnostics that are right', () => {
  describe('well-known abbreviations', () => {
    it('ships a list in which every entry names the style-guide rule it comes from', () => {
      assert.ok(WELL_KNOWN.length > 50);
      for (const entry of WELL_KNOWN) assert.ok(SOURCES[entry.source], entry.short);
      for (const short of ['DNA', 'USA', 'PhD', 'OK', 'HTML', 'IEEE', 'AIDS', 'IQ', 'GB', 'SD'])
        assert.ok(isWellKnown(short), short);
      assert.ok(isWellKnown('PCs') && isWellKnown('LEDs'), 'plurals fold');
      assert.ok(!isWellKnown('CNN') && !isWellKnown('dna'), 'case matters, and a CNN needs defining');
    });

    it('does not ask for a definition of DNA, the USA or a PhD, nor of the ones the user adds', async () => {
      const source = 'The DNA of PhD students in the USA was read by a CNN and a GPU, twice by the GPU.';
      const model = await modelWith(source, { AC: ['DNA', 'PhD', 'USA', 'CNN', 'GPU'] });
      assert.deepEqual(codes(diagnose(model)), ['undefined CNN', 'undefined GPU']);
      assert.deepEqual(codes(diagnose(model, undefined, { wellKnown: ['GPU'] })), ['undefined CNN']);
    });
  });

  it('does not ask for a definition of names, identifiers or shouted words', async () => {
    const source = [
      'AlphaFold runs NumPy and MGnify with LD_PRELOAD set; a is a letter; the TLS handshake failed.',
      'We read SBML with libSBML; the lncRNA was not read.',
      '',
      'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.',
    ].join('\n');
    const ac = [
      'AlphaFold',
      'NumPy',
      'MGnify',
      'LD_PRELOAD',
      'a',
      'TLS',
      'SOFTWARE',
      'IS',
      'AS',
      'ANY',
      'KIND',
    ];
    const found = diagnose(await modelWith(source, { AC: ac }), (c) => c === 'undefined');
    assert.deepEqual(codes(found), ['undefined TLS']);
    for (const name of ['AlphaFold', 'NumPy', 'OpenMM', 'UniProt', 'MGnify', 'LD\\_PRELOAD', 'x'])
      assert.ok(isNameShaped(name), name);
    for (const short of ['IoT', 'DoS', 'PhD', 'mRNA', 'pLDDT', 'KiSAO', 'ReLU', 'CNNs', 'SED--ML', 'mmCIF'])
      assert.ok(!isNameShaped(short), short);
  });

  it('treats long forms that differ only in case, hyphens, spaces or number as the same definition', async () => {
    assert.equal(foldLongForm('Radio-Frequency'), foldLongForm('radio frequency'));
    assert.equal(foldLongForm('Operating  Systems'), foldLongForm('operating system'));
    assert.notEqual(foldLongForm('mean squared error'), foldLongForm('mean signed error'));
    const source = 'A Radio-Frequency (RF) link. Its radio frequency (RF) is 433 MHz; RF is cheap.';
    const found = diagnose(
      await modelWith(source, { LF: ['Radio-Frequency', 'radio frequency'], AC: ['RF'] }),
      (c) => c === 'redefined',
    );
    assert.deepEqual(
      found.map((d) => d.message),
      ['RF is defined again; it is already defined on line 1'],
    );
  });

  it('reads "(PAE) predicted aligned error" and "PAE (predicted aligned error)" as definitions', async () => {
    for (const source of [
      'It gives (PAE) predicted aligned error values. The PAE is low, and the PAE is plotted.',
      'It gives PAE (predicted aligned error) values. The PAE is low, and the PAE is plotted.',
    ]) {
      const model = await modelWith(source, { AC: ['PAE'] });
      assert.deepEqual(diagnose(model), [], source);
      const [pae] = model.abbreviations;
      assert.equal(pae.long, 'predicted aligned error');
      assert.equal(
        textOf(source, pae.definitions[0].bracketed ?? pae.definitions[0].range).includes('('),
        true,
      );
      assert.equal(pae.mentions.length, 2);
    }
  });

  it('reports an unused declaration only where the document prints it', async () => {
    const defs = ['\\acro{SVM}{support vector machine}', '\\acro{CNN}{convolutional neural network}'];
    const body = (pkg: string, options = '') =>
      tex(
        `\\usepackage${options}{${pkg}}`,
        [],
        '\\begin{acronym}',
        ...defs,
        '\\end{acronym}',
        'A \\ac{CNN}.',
      );
    const unused = async (source: string) =>
      codes(diagnose(await modelOf(source, 'latex'), (c) => c === 'unused-definition'));
    assert.deepEqual(await unused(body('acronym')), ['unused-definition SVM']);
    assert.deepEqual(await unused(body('acronym', '[nolist]')), []);
    assert.deepEqual(await unused(body('acronym', '[printonlyused]')), []);
    const glossaries = tex(
      '\\usepackage{glossaries}',
      ['\\newacronym{svm}{SVM}{support vector machine}'],
      'No machine was used.',
    );
    assert.deepEqual(await unused(glossaries), []);
    const text = 'A support vector machine (SVM) was not used.';
    assert.deepEqual(codes(diagnose(await modelOf(text), (c) => c === 'unused-definition')), [
      'unused-definition SVM',
    ]);
  });

  it('reads nothing inside a definition macro as a use, nor a long form in a heading as written out again', async () => {
    const source = tex(
      '\\usepackage{acronym}',
      [],
      '\\begin{acronym}',
      '\\acro{OS}{Operating System}',
      '\\acroplural{OS}[OSes]{Operating Systems}',
      '\\end{acronym}',
      '\\section{Operating System kernels}',
      'Each \\ac{OS} and every \\acp{OS} boots.',
    );
    const model = await modelWith(source, { AC: ['OS', 'OSes'], LF: ['Operating Systems'] }, 'latex');
    assert.deepEqual(codes(diagnose(model)), []);
    const md =
      '# Convolutional neural networks\n\nA convolutional neural network (CNN) learns; a CNN, a CNN.';
    assert.deepEqual(codes(diagnose(await modelOf(md, 'markdown'))), []);
  });

  it('never says "never defined" of what the result’s glossary defines (the hover reads the glossary)', () => {
    // A remote result: spans without their abbreviation, and a glossary that names the definition.
    const source = 'A convolutional neural network (CNN) learns. The CNN wins, and the CNN is fast.';
    const lf = { start: 2, end: 30 };
    const at = (from: number) => source.indexOf('CNN', from);
    const spans = [
      { label: 'LF' as const, ...lf, text: textOf(source, lf), score: 0.9, source: 'model' as const },
      ...[at(0), at(40), at(50)].map((start) => ({
        label: 'AC' as const,
        start,
        end: start + 3,
        text: 'CNN',
        score: 0.9,
        source: 'model' as const,
      })),
    ];
    const glossary = [{ short: 'CNN', long: 'convolutional neural network', count: 3, definition: lf }];
    const model = buildModel({ spans, glossary }, source, 'plaintext');
    assert.deepEqual(codes(diagnose(model)), []);
    const [cnn] = model.abbreviations;
    assert.deepEqual(cnn.primary?.shortRange, { start: at(0), end: at(0) + 3 });
    assert.equal(cnn.mentions.length, 2);
    // Even when the glossary's definition is not among the spans at all.
    const bare = buildModel({ spans: spans.slice(1), glossary }, source, 'plaintext');
    assert.deepEqual(codes(diagnose(bare, (c) => c === 'undefined')), []);
  });
});
