import { strict as assert } from 'node:assert';
import { diagnose } from '../../../../src/core/assistant/diagnostics';
import { applyEdits, fixesFor, latexConversions, type Fix } from '../../../../src/core/assistant/fixes';
import { mentionMacros, newKey } from '../../../../src/core/assistant/latex';
import { modelOf, modelWith, tex } from './helpers';

const at = (source: string, needle: string, nth = 0) => {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = source.indexOf(needle, start + 1);
  return { start, end: start };
};
const titles = (fixes: Fix[]) => fixes.map((f) => f.title);

describe('assistant quick fixes that write the document’s own macros', () => {
  it('writes \\gls in glossaries, and \\ac only where the shortcuts option defines it and the text uses it', () => {
    const gls = { one: 'gls', many: 'glspl', One: 'Gls', Many: 'Glspl' };
    const ac = { one: 'ac', many: 'acp', One: 'Ac', Many: 'Acp' };
    assert.deepEqual(mentionMacros('\\usepackage[acronym]{glossaries}', 'glossaries'), gls);
    assert.deepEqual(mentionMacros('\\usepackage[shortcuts]{glossaries} \\gls{x}', 'glossaries'), gls);
    assert.deepEqual(mentionMacros('\\usepackage[shortcuts]{glossaries} \\ac{x}', 'glossaries'), ac);
    assert.deepEqual(mentionMacros('\\usepackage[shortcuts=ac]{glossaries-extra} \\ac{x}', 'glossaries'), ac);
    assert.deepEqual(
      mentionMacros('\\usepackage[shortcuts=abbr]{glossaries-extra} \\ac{x}', 'glossaries'),
      gls,
    );
    assert.deepEqual(mentionMacros('\\usepackage{acro}', 'acro'), ac);
    assert.deepEqual(mentionMacros('\\usepackage{acronym}', 'acronym'), ac);
  });

  it('keeps the keys and long forms as declared, and writes \\glspl for a plural', async () => {
    const source = tex(
      '\\usepackage[acronym]{glossaries}',
      ['\\makeglossaries', '\\newacronym{IOT}{IoT}{Internet of Things}'],
      'Many IoT devices; each IoT device and two IoTs.',
    );
    const model = await modelWith(source, { AC: ['IoT', 'IoTs'] }, 'latex');
    const fixes = latexConversions(model, at(source, 'IoTs'));
    assert.deepEqual(titles(fixes), ['Convert to \\glspl{IOT}', 'Convert every IoT to \\gls{IOT}']);
    assert.ok(
      applyEdits(source, fixes[1].edits).includes(
        'Many \\gls{IOT} devices; each \\gls{IOT} device and two \\glspl{IOT}.',
      ),
    );
    assert.equal(applyEdits(source, fixes[1].edits).match(/newacronym/g)?.length, 1, 'no second declaration');
  });

  it('names a new declaration in the document’s key style, and declares none where other files may hold it', async () => {
    const upper = tex('\\usepackage{glossaries}', ['\\newacronym{DOS}{DoS}{Denial of Service}'], 'A CNN.');
    assert.equal(newKey(await modelOf(upper, 'latex'), 'glossaries', 'IoT'), 'IOT');
    const lower = tex('\\usepackage{glossaries}', ['\\newacronym{dos}{DoS}{Denial of Service}'], 'A CNN.');
    assert.equal(newKey(await modelOf(lower, 'latex'), 'glossaries', 'IoT'), 'iot');
    const none = tex('\\usepackage{acronym}', [], 'A CNN.');
    assert.equal(newKey(await modelOf(none, 'latex'), 'acronym', 'IoT'), 'IoT');
    const split = tex(
      '\\usepackage{glossaries}',
      ['\\input{acronyms}'],
      'A magnetic resonance imaging (MRI) scan, an MRI.',
    );
    const model = await modelOf(split, 'latex');
    assert.deepEqual(latexConversions(model, at(split, 'MRI', 1)), []);
  });

  it('uses the abbreviation by its macro in a document that declares it, with \\Gls at a sentence start', async () => {
    const source = tex(
      '\\usepackage{glossaries}',
      ['\\newacronym{DOS}{DoS}{Denial of Service}'],
      'A \\gls{DOS} attack. Then a denial of service, and denial of service again.',
      '',
      'Denial of service attacks and a \\gls{DOS}.',
    );
    const model = await modelWith(source, { AC: [] }, 'latex');
    const fixes = diagnose(model, (c) => c === 'repeated-long-form').flatMap((d) => fixesFor(model, d));
    assert.deepEqual(titles(fixes), [
      'Use the abbreviation DoS (\\gls{DOS})',
      'Use the abbreviation DoS (\\gls{DOS})',
      'Use the abbreviation DoS (\\Gls{DOS})',
    ]);
    assert.ok(
      applyEdits(
        source,
        fixes.flatMap((f) => f.edits),
      ).includes('Then a \\gls{DOS}, and \\gls{DOS} again.\n\n\\Gls{DOS} attacks'),
    );
    const plain = 'A denial of service (DoS) attack. Then a denial of service.';
    const text = await modelOf(plain);
    const [fix] = diagnose(text, (c) => c === 'repeated-long-form').flatMap((d) => fixesFor(text, d));
    assert.equal(applyEdits(plain, fix.edits), 'A denial of service (DoS) attack. Then a DoS.');
  });

  it('never rewrites a definition macro, a declared plural or a heading', async () => {
    const source = tex(
      '\\usepackage{acronym}',
      [],
      '\\begin{acronym}',
      '\\acro{OS}{Operating System}',
      '\\acroplural{OS}[OSes]{Operating Systems}',
      '\\end{acronym}',
      '\\section{OS kernels}',
      'An OS boots, and the OS runs; an \\ac{OS} too.',
    );
    const model = await modelWith(source, { AC: ['OS'], LF: ['Operating Systems'] }, 'latex');
    const all = [
      ...diagnose(model).flatMap((d) => fixesFor(model, d)),
      ...latexConversions(model, { start: 0, end: source.length }),
    ];
    const heading = at(source, 'OS kernels').start;
    for (const fix of all)
      for (const edit of fix.edits) {
        assert.ok(edit.range.start > source.indexOf('\\end{acronym}'), `${fix.title} edits the definitions`);
        assert.ok(edit.range.start !== heading, `${fix.title} edits the heading`);
      }
    const every = all.find((f) => f.title.startsWith('Convert every'));
    assert.ok(every);
    assert.ok(
      applyEdits(source, every.edits).includes(
        '\\section{OS kernels}\nAn \\ac{OS} boots, and the \\ac{OS} runs',
      ),
    );
  });

  it('makes the long form agree in number with the mention it defines', async () => {
    const source =
      'Errors come from the MSA tools. We reuse MSAs (multiple sequence alignments) and two MSAs.';
    const model = await modelWith(source, { AC: ['MSA', 'MSAs'], LF: ['multiple sequence alignments'] });
    const [d] = diagnose(model, (c) => c === 'used-before-definition');
    assert.equal(
      applyEdits(source, fixesFor(model, d)[0].edits),
      'Errors come from the multiple sequence alignment (MSA) tools. We reuse MSAs and two MSAs.',
    );
    const two = 'Both CNNs learn. A convolutional neural network (CNN) is deep; a CNN wins.';
    const cnn = await modelOf(two);
    const [first] = diagnose(cnn, (c) => c === 'used-before-definition');
    assert.ok(
      applyEdits(two, fixesFor(cnn, first)[0].edits).startsWith(
        'Both convolutional neural networks (CNNs) learn.',
      ),
    );
  });

  it('puts the abbreviation in square brackets inside round ones', async () => {
    const source =
      'The best model (by pLDDT) is kept. We use predicted LDDT (pLDDT) scores, and pLDDT again.';
    const model = await modelWith(source, { AC: ['pLDDT'], LF: ['predicted LDDT'] });
    const [d] = diagnose(model, (c) => c === 'used-before-definition');
    assert.equal(
      applyEdits(source, fixesFor(model, d)[0].edits),
      'The best model (by predicted LDDT [pLDDT]) is kept. We use pLDDT scores, and pLDDT again.',
    );
  });

  it('defines an abbreviation first used in a heading at its first use in the text', async () => {
    const source = '# CNN results\n\nThe CNN won. A convolutional neural network (CNN) is deep; a CNN wins.';
    const model = await modelOf(source, 'markdown');
    const fixes = diagnose(model, (c) => c === 'used-before-definition').flatMap((d) => fixesFor(model, d));
    assert.ok(fixes.length > 0);
    for (const fix of fixes)
      assert.ok(
        applyEdits(source, fix.edits).startsWith(
          '# CNN results\n\nThe convolutional neural network (CNN) won.',
        ),
      );
  });
});
