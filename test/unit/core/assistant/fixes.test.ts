import { strict as assert } from 'node:assert';
import { diagnose } from '../../../../src/core/assistant/diagnostics';
import { applyEdits, fixesFor, latexConversions } from '../../../../src/core/assistant/fixes';
import { declaration, latexAcronymPackage } from '../../../../src/core/assistant/latex';
import { buildModel } from '../../../../src/core/assistant/model';
import { project } from '../../../../src/core/markup';
import { fixture, modelOf } from './helpers';

const tex = (packages: string, ...body: string[]) =>
  ['\\documentclass{article}', packages, '\\begin{document}', ...body, '\\end{document}', ''].join('\n');

describe('assistant quick fixes', () => {
  it('defines at the first use and turns the later definition into the abbreviation', async () => {
    const source = 'We train a CNN. A convolutional neural network (CNN) is deep; the CNN wins.';
    const model = await modelOf(source);
    const [diagnostic] = diagnose(model, (code) => code === 'used-before-definition');
    const [fix] = fixesFor(model, diagnostic);
    assert.equal(fix.title, 'Define CNN at its first use');
    assert.equal(fix.preferred, true);
    assert.equal(
      applyEdits(source, fix.edits),
      'We train a convolutional neural network (CNN). A CNN is deep; the CNN wins.',
    );
  });

  it('defines at the first use in Markdown, fixing the whole draft', async () => {
    const source = fixture('draft.md');
    const model = await modelOf(source, 'markdown');
    const [diagnostic] = diagnose(model, (code) => code === 'used-before-definition');
    const fixed = applyEdits(source, fixesFor(model, diagnostic)[0].edits);
    assert.equal(
      fixed.split('\n').slice(2, 4).join('\n'),
      [
        'We first trained a convolutional neural network (CNN) on the scans.',
        'A CNN is a deep model, and the CNN beat the baseline.',
      ].join('\n'),
    );
    const again = diagnose(await modelOf(fixed, 'markdown'), (code) => code === 'used-before-definition');
    assert.deepEqual(again, []);
  });

  it('replaces a repeated long form by the abbreviation, in the plural too', async () => {
    const source = 'A neural network (NN) learns. Neural networks and the neural network. An NN.';
    const model = await modelOf(source);
    const fixes = diagnose(model, (code) => code === 'repeated-long-form').map((d) => fixesFor(model, d)[0]);
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Use the abbreviation NNs', 'Use the abbreviation NN'],
    );
    assert.equal(
      applyEdits(
        source,
        fixes.flatMap((f) => f.edits),
      ),
      'A neural network (NN) learns. NNs and the NN. An NN.',
    );
  });

  it('removes an unused abbreviation, and writes out one used only once (acro’s single rule)', async () => {
    const source = fixture('draft.md');
    const model = await modelOf(source, 'markdown');
    const fixes = diagnose(model, (c) => c === 'unused-definition' || c === 'single-use').map(
      (d) => fixesFor(model, d)[0],
    );
    assert.deepEqual(
      fixes.map((f) => [f.title, f.preferred]),
      [
        ['Remove the unused abbreviation SVM', true],
        ['Write out root mean square instead of RMS', false],
      ],
    );
    const lines = (edited: string) => edited.split('\n').slice(9, 11);
    assert.deepEqual(lines(applyEdits(source, fixes[0].edits)), [
      'The support vector machine was not tried.',
      'The root mean square (RMS) error was low; the RMS is reported below.',
    ]);
    assert.deepEqual(lines(applyEdits(source, fixes[1].edits)), [
      'The support vector machine (SVM) was not tried.',
      'The root mean square error was low; the root mean square is reported below.',
    ]);
  });

  it('removes a repeated definition with the same long form, but not one with another long form', async () => {
    const source =
      'A body mass index (BMI). The BMI rose. The body mass index (BMI) fell. A mass index (MI).';
    const model = await modelOf(source);
    const found = diagnose(model, (c) => c === 'redefined');
    assert.equal(found.length, 1);
    const [fix] = fixesFor(model, found[0]);
    assert.equal(fix.title, 'Remove the repeated definition of BMI');
    assert.equal(
      applyEdits(source, fix.edits),
      'A body mass index (BMI). The BMI rose. The BMI fell. A mass index (MI).',
    );
    const conflicting = fixture('draft.md');
    const draft = await modelOf(conflicting, 'markdown');
    assert.deepEqual(fixesFor(draft, diagnose(draft, (c) => c === 'redefined')[0]), []);
  });

  it('defines a plural first use in the plural', async () => {
    const source = 'Two CNNs ran. A convolutional neural network (CNN) is deep; the CNN wins.';
    const model = await modelOf(source);
    const [diagnostic] = diagnose(model, (code) => code === 'used-before-definition');
    assert.equal(
      applyEdits(source, fixesFor(model, diagnostic)[0].edits),
      'Two convolutional neural networks (CNNs) ran. A CNN is deep; the CNN wins.',
    );
  });

  it('defines a plural first use in es in the plural, and groups a plural after a lowercase letter', async () => {
    const os = 'Two OSes ran. An operating system (OS) boots; the OS wins.';
    const osModel = await modelOf(os);
    const [first] = diagnose(osModel, (code) => code === 'used-before-definition');
    assert.equal(
      applyEdits(os, fixesFor(osModel, first)[0].edits),
      'Two operating systems (OSes) ran. An OS boots; the OS wins.',
    );
    const mab = 'Two mAbs bound. A monoclonal antibody (mAb) binds; the mAb wins.';
    const mabModel = await modelOf(mab);
    assert.deepEqual(
      mabModel.abbreviations.map((a) => [a.short, a.mentions.map((m) => m.text)]),
      [['mAb', ['mAbs', 'mAb']]],
    );
    assert.deepEqual(
      diagnose(mabModel).map((d) => d.code),
      ['used-before-definition'],
    );
  });

  it('offers no fix for an undefined abbreviation, nor for definitions made by LaTeX macros', async () => {
    const md = await modelOf(fixture('draft.md'), 'markdown');
    assert.deepEqual(fixesFor(md, diagnose(md, (c) => c === 'undefined')[0]), []);
    const tex = await modelOf(fixture('draft.tex'), 'latex');
    const macros = diagnose(tex, (c) => ['undefined', 'unused-definition', 'single-use'].includes(c));
    assert.equal(macros.length, 2);
    assert.deepEqual(
      macros.flatMap((d) => fixesFor(tex, d)),
      [],
    );
  });

  it('converts a LaTeX mention to \\gls and declares it with \\newacronym for glossaries', async () => {
    // glossaries defines \ac only with its shortcuts option: \gls is what every glossaries document has.
    const source = fixture('draft.tex');
    const model = await modelOf(source, 'latex');
    const first = source.indexOf('CNN');
    const fixes = latexConversions(model, { start: first + 1, end: first + 1 });
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Convert to \\gls{cnn}', 'Convert every CNN to \\gls{cnn}'],
    );
    const one = applyEdits(source, fixes[0].edits);
    assert.equal(
      one.split('\n').slice(2, 7).join('\n'),
      [
        '\\newacronym{svm}{SVM}{support vector machine}',
        '\\newacronym{rms}{RMS}{root mean square}',
        '\\newacronym{cnn}{CNN}{convolutional neural network}',
        '\\begin{document}',
        'We first trained a \\gls{cnn} on the scans.',
      ].join('\n'),
    );
    const every = applyEdits(source, fixes[1].edits);
    assert.equal(
      every.split('\n').slice(4, 9).join('\n'),
      [
        '\\newacronym{cnn}{CNN}{convolutional neural network}',
        '\\begin{document}',
        'We first trained a \\gls{cnn} on the scans.',
        'A \\gls{cnn} is a deep model, and the \\gls{cnn} beat the baseline.',
        'Later the \\emph{convolutional neural network} was pruned.',
      ].join('\n'),
    );
  });

  it('uses an existing definition macro and its key, and \\acp for a plural', async () => {
    const source = tex(
      '\\usepackage{acro}\n\\DeclareAcronym{gpu}{short = GPU, long = graphics processing unit}',
      'Two GPUs and a GPU.',
    );
    const model = await modelOf(source, 'latex');
    const fixes = latexConversions(model, { start: source.indexOf('GPUs'), end: source.indexOf('GPUs') });
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Convert to \\acp{gpu}', 'Convert every GPU to \\ac{gpu}'],
    );
    assert.ok(applyEdits(source, fixes[1].edits).includes('Two \\acp{gpu} and a \\ac{gpu}.'));
    assert.equal(applyEdits(source, fixes[1].edits).split('\n').length, source.split('\n').length);
  });

  it('uses \\acp for a plural in es of a short form ending in a capital S', async () => {
    const source = tex(
      '\\usepackage{acro}\n\\DeclareAcronym{os}{short = OS, long = operating system}',
      'Two OSes and an OS.',
    );
    const model = await modelOf(source, 'latex');
    const fixes = latexConversions(model, { start: source.indexOf('OSes'), end: source.indexOf('OSes') });
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Convert to \\acp{os}', 'Convert every OS to \\ac{os}'],
    );
    assert.ok(applyEdits(source, fixes[1].edits).includes('Two \\acp{os} and an \\ac{os}.'));
  });

  it('writes each package’s declaration so that the projection reads it back', async () => {
    for (const [pkg, expected] of [
      ['glossaries', '\\newacronym{rd}{R\\&D}{research and development}'],
      ['acro', '\\DeclareAcronym{rd}{short = {R\\&D}, long = {research and development}}'],
      ['acronym', '\\acrodef{rd}[R\\&D]{research and development}'],
    ] as const) {
      const line = declaration(pkg, 'rd', 'R&D', 'research and development');
      assert.equal(line, expected);
      const [macro] = project(tex(`\\usepackage{${pkg}}\n${line}`, 'Text.'), 'latex').acronyms;
      assert.deepEqual([macro.key, macro.short, macro.long], ['rd', 'R&D', 'research and development']);
    }
  });

  it('adds the declaration before \\begin{document} when there is no other, keyed by the short form', async () => {
    const source = tex('\\usepackage[nohyperlinks]{acronym}', 'Magnetic resonance imaging (MRI) and an MRI.');
    const model = await modelOf(source, 'latex');
    const at = source.lastIndexOf('MRI');
    const [fix] = latexConversions(model, { start: at, end: at + 3 });
    assert.equal(
      applyEdits(source, fix.edits),
      tex(
        '\\usepackage[nohyperlinks]{acronym}\n\\acrodef{MRI}[MRI]{Magnetic resonance imaging}',
        'Magnetic resonance imaging (MRI) and an \\ac{MRI}.',
      ),
    );
  });

  it('offers no conversion without an acronym package, or outside LaTeX', async () => {
    const body = 'Magnetic resonance imaging (MRI) and an MRI.';
    const everywhere = { start: 0, end: 1000 };
    assert.deepEqual(
      latexConversions(await modelOf(tex('\\usepackage{amsmath}', body), 'latex'), everywhere),
      [],
    );
    assert.deepEqual(
      latexConversions(await modelOf(tex('% \\usepackage{acro}', body), 'latex'), everywhere),
      [],
    );
    assert.deepEqual(latexConversions(await modelOf(body), everywhere), []);
    assert.equal(latexAcronymPackage('\\usepackage{amsmath, glossaries-extra}'), 'glossaries');
  });

  it('reads hand-built analyses as well as tagged ones', () => {
    const source = 'The XYZ. The xylophone zone (XYZ).';
    const [lf, ac] = [source.indexOf('xylophone'), source.lastIndexOf('XYZ')];
    const model = buildModel(
      {
        spans: [
          { label: 'AC', start: 4, end: 7, text: 'XYZ', score: 1, short: 'XYZ', source: 'model' },
          {
            label: 'LF',
            start: lf,
            end: lf + 14,
            text: 'xylophone zone',
            score: 1,
            short: 'XYZ',
            source: 'model',
          },
          { label: 'AC', start: ac, end: ac + 3, text: 'XYZ', score: 1, short: 'XYZ', source: 'model' },
        ],
        glossary: [
          { short: 'XYZ', long: 'xylophone zone', count: 2, definition: { start: lf, end: lf + 14 } },
        ],
      },
      source,
      'plaintext',
    );
    const [diagnostic] = diagnose(model, (code) => code === 'used-before-definition');
    assert.equal(
      applyEdits(source, fixesFor(model, diagnostic)[0].edits),
      'The xylophone zone (XYZ). The XYZ.',
    );
  });

  describe('defining a never-defined abbreviation with a guessed long form', () => {
    const guesses = [
      { long: 'computed tomography', source: 'WordNet 3.0 dictionary' },
      { long: 'clinical trial', source: 'defined in other.md' },
    ];

    it('offers one fix per guess, none preferred, each defining the first use', async () => {
      const source = 'Each patient had a CT. The CT showed nothing.';
      const model = await modelOf(source);
      const [diagnostic] = diagnose(model, (c) => c === 'undefined');
      const fixes = fixesFor(model, diagnostic, guesses);
      assert.deepEqual(
        fixes.map((f) => [f.title, f.preferred]),
        [
          [
            'Define CT at its first use as “computed tomography” (a guess from WordNet 3.0 dictionary)',
            false,
          ],
          ['Define CT at its first use as “clinical trial” (a guess from defined in other.md)', false],
        ],
      );
      assert.equal(
        applyEdits(source, fixes[0].edits),
        'Each patient had a computed tomography (CT). The CT showed nothing.',
      );
    });

    it('writes the plural for a plural first use, brackets inside brackets, and LaTeX escapes', async () => {
      const plural = 'Both CTs were read twice (the CT protocol). The CT was clear.';
      const model = await modelOf(plural);
      const [diagnostic] = diagnose(model, (c) => c === 'undefined');
      assert.equal(
        applyEdits(plural, fixesFor(model, diagnostic, guesses)[0].edits),
        'Both computed tomographies (CTs) were read twice (the CT protocol). The CT was clear.',
      );
      const inside = 'We report (with a CT scan) results. The CT was clear.';
      const insideModel = await modelOf(inside);
      const [insideDiagnostic] = diagnose(insideModel, (c) => c === 'undefined');
      assert.equal(
        applyEdits(inside, fixesFor(insideModel, insideDiagnostic, guesses)[0].edits),
        'We report (with a computed tomography [CT] scan) results. The CT was clear.',
      );
      const tex = [
        '\\documentclass{article}',
        '\\begin{document}',
        'The R\\&D team and R\\&D.',
        '\\end{document}',
        '',
      ].join('\n');
      const texModel = await modelOf(tex, 'latex');
      const [texDiagnostic] = diagnose(texModel, (c) => c === 'undefined');
      assert.ok(texDiagnostic, 'R&D is never defined');
      const [fix] = fixesFor(texModel, texDiagnostic, [
        { long: 'research & development', source: 'mine.tsv' },
      ]);
      assert.match(applyEdits(tex, fix.edits), /The research \\& development \(R\\&D\) team/);
    });
  });
});
