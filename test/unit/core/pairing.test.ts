import { strict as assert } from 'node:assert';
import {
  buildGlossary,
  findDefinitions,
  inferLongForms,
  pair,
  propagateMentions,
  propagateWritten,
  schwartzHearstStart,
} from '../../../src/core/pairing';
import type { EntityLabel, Span } from '../../../src/core/types';

/** The span of the `nth` occurrence of `needle` in `text`. */
function span(text: string, label: EntityLabel, needle: string, nth = 0, score = 1): Span {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `"${needle}" #${nth} not in text`);
  return { label, start, end: start + needle.length, text: needle, score };
}

const pairs = (text: string, spans: Span[]): [string, string][] =>
  findDefinitions(text, spans).map((d) => [d.short, d.long]);

describe('schwartzHearstStart', () => {
  it('finds where the long form starts, first letter at a word start', () => {
    assert.equal(schwartzHearstStart('GYPES', 'the Gothenburg Young Persons Empowerment Scale'), 4);
    assert.equal(schwartzHearstStart('mTOR', 'mammalian target of rapamycin'), 0);
  });

  it('fails when a letter is missing or the first one is not at a word start', () => {
    assert.equal(schwartzHearstStart('E', 'transpiration rate'), -1);
    assert.equal(schwartzHearstStart('XY', 'xylophone yard'), 0);
    assert.equal(schwartzHearstStart('AB', 'cab'), -1);
  });
});

describe('findDefinitions', () => {
  it('links "long form (AC)" with exact spans', () => {
    const text = 'The Gothenburg Young Persons Empowerment Scale (GYPES) was developed.';
    const lf = span(text, 'LF', 'Gothenburg Young Persons Empowerment Scale');
    const ac = span(text, 'AC', 'GYPES');
    const [d, ...rest] = findDefinitions(text, [ac, lf]);
    assert.equal(rest.length, 0);
    assert.deepEqual(d, {
      short: 'GYPES',
      long: 'Gothenburg Young Persons Empowerment Scale',
      shortSpan: { label: 'AC', start: 48, end: 53, text: 'GYPES', score: 1 },
      longSpan: {
        label: 'LF',
        start: 4,
        end: 46,
        text: 'Gothenburg Young Persons Empowerment Scale',
        score: 1,
      },
    });
  });

  it('links "AC (long form)"', () => {
    const text = 'We trained a CNN (convolutional neural network) on it.';
    const spans = [span(text, 'AC', 'CNN'), span(text, 'LF', 'convolutional neural network')];
    assert.deepEqual(pairs(text, spans), [['CNN', 'convolutional neural network']]);
  });

  it('accepts square brackets, PLOD spacing, and a comma or semicolon after the inner span', () => {
    const square = 'a body mass index [BMI] of 30';
    assert.deepEqual(pairs(square, [span(square, 'LF', 'body mass index'), span(square, 'AC', 'BMI')]), [
      ['BMI', 'body mass index'],
    ]);
    const units = 'stomatal conductance ( gs , mol H2O m-2 s-1 ) and net rate (PN; see below)';
    const spans = [
      span(units, 'LF', 'stomatal conductance'),
      span(units, 'AC', 'gs'),
      span(units, 'LF', 'net rate'),
      span(units, 'AC', 'PN'),
    ];
    assert.deepEqual(pairs(units, spans), [
      ['gs', 'stomatal conductance'],
      ['PN', 'net rate'],
    ]);
  });

  it('accepts a tagged pair across a bracket even when the letters do not match', () => {
    const text = 'transpiration rate (E, mmol H2O m-2 s-1)';
    assert.deepEqual(pairs(text, [span(text, 'LF', 'transpiration rate'), span(text, 'AC', 'E')]), [
      ['E', 'transpiration rate'],
    ]);
  });

  it('joins adjacent AC spans into one short form', () => {
    const text = 'the UK Biobank genome-wide association study (UKB GWAS) data';
    const [d] = findDefinitions(text, [
      span(text, 'LF', 'UK Biobank genome-wide association study'),
      span(text, 'AC', 'UKB'),
      span(text, 'AC', 'GWAS', 0, 0.5),
    ]);
    assert.equal(d.short, 'UKB GWAS');
    assert.deepEqual([d.shortSpan.start, d.shortSpan.end, d.shortSpan.score], [46, 54, 0.75]);
  });

  it('links a glossary item "AC: long form;" only when the letters match', () => {
    const text = 'SD: standard deviation; CI, confidence interval. XY: body weight.';
    const spans = [
      span(text, 'AC', 'SD'),
      span(text, 'LF', 'standard deviation'),
      span(text, 'AC', 'CI'),
      span(text, 'LF', 'confidence interval'),
      span(text, 'AC', 'XY'),
      span(text, 'LF', 'body weight'),
    ];
    assert.deepEqual(pairs(text, spans), [
      ['SD', 'standard deviation'],
      ['CI', 'confidence interval'],
    ]);
  });

  it('lets a bracket pair go on inside the bracket when the letters match', () => {
    const text = 'chronic hypersensitivity pneumonitis (cHP n = 46) and other thing (OT n = 2)';
    const spans = [
      span(text, 'LF', 'chronic hypersensitivity pneumonitis'),
      span(text, 'AC', 'cHP'),
      span(text, 'LF', 'other thing'),
      span(text, 'AC', 'OT'),
    ];
    assert.deepEqual(pairs(text, spans), [
      ['cHP', 'chronic hypersensitivity pneumonitis'],
      ['OT', 'other thing'],
    ]);
    const loose = 'transpiration rate (E n = 3)';
    assert.deepEqual(pairs(loose, [span(loose, 'LF', 'transpiration rate'), span(loose, 'AC', 'E')]), []);
  });

  it('prefers the pairing whose letters match when a long form could pair two ways', () => {
    const text = 'SVM: support vector machine (E; linear kernel)';
    const spans = [
      span(text, 'AC', 'SVM'),
      span(text, 'LF', 'support vector machine'),
      span(text, 'AC', 'E'),
    ];
    assert.deepEqual(pairs(text, spans), [['SVM', 'support vector machine']]);
  });

  it('prefers a bracket pair to a glossary item when both match', () => {
    const text = 'the BMI, body mass index (BMI), rose';
    const spans = [span(text, 'AC', 'BMI'), span(text, 'LF', 'body mass index'), span(text, 'AC', 'BMI', 1)];
    const [d, ...rest] = findDefinitions(text, spans);
    assert.equal(rest.length, 0);
    assert.deepEqual([d.shortSpan.start, d.longSpan.start], [26, 9]);
  });

  it('links "(AC) long form" when the letters match, after any other pairing of the long form', () => {
    const text = 'it produces pTM (predicted TM-score) and (PAE) predicted aligned error values';
    const spans = [
      span(text, 'AC', 'pTM'),
      span(text, 'LF', 'predicted TM-score'),
      span(text, 'AC', 'PAE'),
      span(text, 'LF', 'predicted aligned error'),
    ];
    assert.deepEqual(pairs(text, spans), [
      ['pTM', 'predicted TM-score'],
      ['PAE', 'predicted aligned error'],
    ]);
    const unmatched = 'a tool (XY) predicted aligned error';
    const loose = [span(unmatched, 'AC', 'XY'), span(unmatched, 'LF', 'predicted aligned error')];
    assert.deepEqual(pairs(unmatched, loose), []);
    const sentence = 'the tool (CNN). Convolutional neural networks (CNNs) learn';
    const two = [
      span(sentence, 'AC', 'CNN'),
      span(sentence, 'LF', 'Convolutional neural networks'),
      span(sentence, 'AC', 'CNNs'),
    ];
    assert.deepEqual(pairs(sentence, two), [['CNNs', 'Convolutional neural networks']]);
    const both = '(CNN) convolutional neural networks (CNNs) learn';
    const ordered = [
      span(both, 'AC', 'CNN'),
      span(both, 'LF', 'convolutional neural networks'),
      span(both, 'AC', 'CNNs'),
    ];
    assert.deepEqual(pairs(both, ordered), [['CNNs', 'convolutional neural networks']]);
  });

  it('needs a bracket between the two and a closing mark after the inner one', () => {
    const text = 'convolutional neural network CNN, and recurrent network (XX more text';
    const spans = [
      span(text, 'LF', 'convolutional neural network'),
      span(text, 'AC', 'CNN'),
      span(text, 'LF', 'recurrent network'),
      span(text, 'AC', 'XX'),
    ];
    assert.deepEqual(pairs(text, spans), []);
  });
});

describe('inferLongForms', () => {
  const inferred = (text: string, spans: Span[]) => inferLongForms(text, spans).map((s) => s.text);

  it('finds the long form the tagger missed beside a bracketed abbreviation, either side', () => {
    const after = 'it gives (PAE) predicted aligned error values';
    assert.deepEqual(inferred(after, [span(after, 'AC', 'PAE')]), ['predicted aligned error']);
    const before = 'a world of Internet of Things (IoT) devices and multiple sequence alignments (MSAs)';
    assert.deepEqual(inferred(before, [span(before, 'AC', 'IoT'), span(before, 'AC', 'MSAs')]), [
      'Internet of Things',
      'multiple sequence alignments',
    ]);
    const inside = 'it gives PAE (predicted aligned error) values, not PAE (predicted aligned error values)';
    assert.deepEqual(inferred(inside, [span(inside, 'AC', 'PAE'), span(inside, 'AC', 'PAE', 1)]), [
      'predicted aligned error',
    ]);
    const hyphen = 'the Radio-Frequency (RF) band';
    assert.deepEqual(inferred(hyphen, [span(hyphen, 'AC', 'RF')]), ['Radio-Frequency']);
    const [lf] = inferLongForms(after, [span(after, 'AC', 'PAE', 0, 0.8)]);
    assert.deepEqual([lf.label, lf.start, lf.score], ['LF', 15, 0.8]);
  });

  it('pairs what it finds, so that the glossary has the definition', () => {
    const text = 'it gives (PAE) predicted aligned error values; PAE is low';
    const { glossary } = pair(text, [span(text, 'AC', 'PAE'), span(text, 'AC', 'PAE', 1)]);
    assert.deepEqual(
      glossary.map((g) => [g.short, g.long, g.count]),
      [['PAE', 'predicted aligned error', 2]],
    );
  });

  it('holds to one word per letter, in order, in prose, and only where no long form is tagged', () => {
    const cases: [string, string][] = [
      ['the predicted error (PAE) rose', 'PAE'], // a letter without its word
      ['aligned predicted error (PAE) rose', 'PAE'], // out of order
      ['it is AS IS (AI) here', 'AI'], // a long form in capitals
      ['the x (X) axis', 'X'], // one capital only
      ['of predicted\n\naligned error (PAE)', 'PAE'], // across a paragraph
      ['the unpredicted aligned error (PAE)', 'PAE'], // not at a word start
      ['(PAE) predicted aligned error2 is', 'PAE'], // not at a word end
    ];
    for (const [text, short] of cases) assert.deepEqual(inferred(text, [span(text, 'AC', short)]), [], text);
    const tagged = 'the predicted aligned error (PAE) rose';
    const spans = [span(tagged, 'LF', 'predicted aligned error'), span(tagged, 'AC', 'PAE')];
    assert.deepEqual(inferred(tagged, spans), []);
    const bare = 'the predicted aligned error PAE rose';
    assert.deepEqual(inferred(bare, [span(bare, 'AC', 'PAE')]), []);
  });
});

describe('buildGlossary', () => {
  const text =
    'A convolutional neural network (CNN) is used. CNNs learn; the CNN wins. ' +
    'We cite the WHO. The TR-FRET assay.';
  const spans = [
    span(text, 'LF', 'convolutional neural network'),
    span(text, 'AC', 'CNN'),
    span(text, 'AC', 'CNNs'),
    span(text, 'AC', 'CNN', 2),
    span(text, 'AC', 'WHO'),
    span(text, 'AC', 'TR'),
    span(text, 'AC', '-FRET'),
  ];

  it('gives one entry per abbreviation with its long form, count and definition range, in order', () => {
    const glossary = buildGlossary(text, spans, findDefinitions(text, spans));
    assert.deepEqual(glossary, [
      { short: 'CNN', long: 'convolutional neural network', count: 3, definition: { start: 2, end: 30 } },
      { short: 'WHO', long: null, count: 1, definition: null },
      { short: 'TR-FRET', long: null, count: 1, definition: null },
    ]);
    assert.equal(text.slice(2, 30), 'convolutional neural network');
  });

  it('counts a multi-span short form from a definition as one mention', () => {
    const t = 'genome-wide association study (UKB GWAS) and UKB data';
    const s = [
      span(t, 'LF', 'genome-wide association study'),
      span(t, 'AC', 'UKB'),
      span(t, 'AC', 'GWAS'),
      span(t, 'AC', 'UKB', 1),
    ];
    assert.deepEqual(buildGlossary(t, s, findDefinitions(t, s)), [
      {
        short: 'UKB GWAS',
        long: 'genome-wide association study',
        count: 1,
        definition: { start: 0, end: 29 },
      },
      { short: 'UKB', long: null, count: 1, definition: null },
    ]);
  });

  it('uses the first definition when an abbreviation is defined twice', () => {
    const t = 'first thing (FT) and further trial (FT) then FT';
    const s = [
      span(t, 'LF', 'first thing'),
      span(t, 'AC', 'FT'),
      span(t, 'LF', 'further trial'),
      span(t, 'AC', 'FT', 1),
      span(t, 'AC', 'FT', 2),
    ];
    assert.deepEqual(buildGlossary(t, s, findDefinitions(t, s)), [
      { short: 'FT', long: 'first thing', count: 3, definition: { start: 0, end: 11 } },
    ]);
  });
});

describe('buildGlossary and plurals', () => {
  it('counts a plural under its defined abbreviation, OSes and mAbs included; an undefined one by its spelling', () => {
    const t =
      'An operating system (OS) and a monoclonal antibody (mAb). Two OSes, two mAbs, two RNNs, two Cys.';
    const s = [
      span(t, 'LF', 'operating system'),
      span(t, 'AC', 'OS'),
      span(t, 'LF', 'monoclonal antibody'),
      span(t, 'AC', 'mAb'),
      span(t, 'AC', 'OSes'),
      span(t, 'AC', 'mAbs'),
      span(t, 'AC', 'RNNs'),
      span(t, 'AC', 'Cys'),
    ];
    assert.deepEqual(
      buildGlossary(t, s, findDefinitions(t, s)).map((e) => [e.short, e.long, e.count]),
      [
        ['OS', 'operating system', 2],
        ['mAb', 'monoclonal antibody', 2],
        ['RNN', null, 1],
        ['Cys', null, 1],
      ],
    );
  });
});

describe('propagateMentions', () => {
  const text =
    'A support vector machine (SVM) helps. SVM and SVMs, not SVMX or xSVM; SVM-based. Also an SVM.';
  const lf = span(text, 'LF', 'support vector machine');
  const ac = span(text, 'AC', 'SVM', 0, 0.8);
  const tagged = span(text, 'AC', 'SVM', 1, 0.6);

  it('adds an AC span at every untagged whole-word mention of a defined short form, plural included', () => {
    const spans = [lf, ac, tagged];
    const result = propagateMentions(text, spans, findDefinitions(text, spans));
    assert.deepEqual(
      result.map((s) => [s.label, s.start, s.end, s.text, s.score]),
      [
        ['LF', 2, 24, 'support vector machine', 1],
        ['AC', 26, 29, 'SVM', 0.8],
        ['AC', 38, 41, 'SVM', 0.6],
        ['AC', 46, 50, 'SVMs', 0.8],
        ['AC', 70, 73, 'SVM', 0.8],
        ['AC', 89, 92, 'SVM', 0.8],
      ],
    );
  });

  it('carries a short form ending in a capital S to its plurals in s and es', () => {
    const t = 'An operating system (OS) boots. OSes and OSs, not OSX or OSe.';
    const spans = [span(t, 'LF', 'operating system'), span(t, 'AC', 'OS')];
    assert.deepEqual(
      propagateMentions(t, spans, findDefinitions(t, spans))
        .filter((s) => s.label === 'AC')
        .map((s) => s.text),
      ['OS', 'OSes', 'OSs'],
    );
  });

  it('does not add spans inside existing spans, nor for undefined abbreviations', () => {
    const t = 'We use SVM here; the SVM classifier (SC) works, and SC again.';
    const spans = [span(t, 'AC', 'SVM'), span(t, 'LF', 'SVM classifier'), span(t, 'AC', 'SC')];
    const result = propagateMentions(t, spans, findDefinitions(t, spans));
    assert.deepEqual(
      result.map((s) => [s.label, s.text, s.start]),
      [
        ['AC', 'SVM', 7],
        ['LF', 'SVM classifier', 21],
        ['AC', 'SC', 37],
        ['AC', 'SC', 52],
      ],
    );
  });

  it('returns the spans sorted by start when nothing is defined', () => {
    const t = 'B then A';
    const spans = [span(t, 'AC', 'A'), span(t, 'AC', 'B')];
    assert.deepEqual(
      propagateMentions(t, spans, []).map((s) => s.text),
      ['B', 'A'],
    );
  });
});

describe('pair', () => {
  it('runs findDefinitions, propagateMentions and buildGlossary in that order', () => {
    const text = 'A support vector machine (SVM) helps. SVMs and an SVM win.';
    const spans = [span(text, 'LF', 'support vector machine'), span(text, 'AC', 'SVM')];
    const definitions = findDefinitions(text, spans);
    const carried = propagateMentions(text, spans, definitions);
    assert.deepEqual(pair(text, spans), {
      definitions,
      spans: carried,
      glossary: buildGlossary(text, carried, definitions),
    });
    assert.deepEqual(pair(text, spans).glossary, [
      { short: 'SVM', long: 'support vector machine', count: 3, definition: { start: 2, end: 24 } },
    ]);
  });

  it('tags each written short form of the call, whatever the calls before it tagged in the same paragraph', () => {
    // The two short forms start with the same head, SARS: a cache of the first call must not answer the second.
    const text = 'Cases of SARS-CoV-2 rose.';
    const written = (shorts: string[]) =>
      propagateWritten(text, [], new Map(shorts.map((s) => [s, 1]))).map((s) => s.text);
    assert.deepEqual(written(['SARS']), ['SARS']);
    assert.deepEqual(written(['SARS-CoV-2']), ['SARS-CoV-2']);
    assert.deepEqual(written(['SARS']), ['SARS']);
  });
});
