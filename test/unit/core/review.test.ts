import { strict as assert } from 'node:assert';
import { pair } from '../../../src/core/pairing';
import { joinHyphenated, noiseReason } from '../../../src/core/review';
import type { EntityLabel, Span } from '../../../src/core/types';

/** The span of the `nth` occurrence of `needle` in `text`. */
function span(text: string, label: EntityLabel, needle: string, nth = 0): Span {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `"${needle}" #${nth} not in text`);
  return { label, start, end: start + needle.length, text: needle, score: 0.9 };
}

const reasonOf = (text: string, needle: string, nth = 0) => noiseReason(text, span(text, 'AC', needle, nth));
const tagged = (text: string, spans: Span[], words = {}) =>
  pair(text, spans, words).spans.map((s) => `${s.label} ${s.text}@${s.start}`);

describe('review: what is no abbreviation', () => {
  it('refuses panel letters, initials, identifiers, units, roman numerals and camel-case names', () => {
    assert.equal(reasonOf('as panel (C) shows', 'C'), 'a single letter or digit');
    assert.equal(reasonOf('Stuart C. Sealfon wrote', 'C'), 'a single letter or digit');
    assert.equal(reasonOf('set LD_PRELOAD first', 'LD_PRELOAD'), 'an identifier');
    assert.equal(reasonOf('needs 2.2 TB of disk', 'TB'), 'a unit');
    assert.equal(reasonOf('runs at 3 GHz', 'GHz'), 'a unit');
    assert.equal(reasonOf('in a Phase II trial', 'II'), 'a roman numeral');
    assert.equal(reasonOf('a Type IV error', 'IV'), 'a roman numeral');
    for (const name of ['AlphaFold', 'NumPy', 'libSBML', 'iBioSim', 'CompressionAffix', 'MGnify', 'SeqRes'])
      assert.equal(reasonOf(`we use ${name} here`, name), 'a name written in camel case', name);
    assert.equal(reasonOf('built for NVIDIA cards', 'NVIDIA'), 'a name written in capitals');
    assert.equal(reasonOf('as Fig. 3 shows', 'Fig.'), 'an editorial abbreviation');
    assert.equal(reasonOf('see Eq 2 and NO levels', 'Eq'), 'an editorial abbreviation');
    assert.equal(reasonOf('see Eq 2 and NO levels', 'NO'), undefined, 'nitric oxide is no editorial No.');
    for (const word of ['Young', 'How', 'Nested', 'Chains'])
      assert.equal(reasonOf(`${word} models were run`, word), 'a capitalised word', word);
    assert.equal(reasonOf('the Hb level', 'Hb'), undefined, 'two letters may be an abbreviation');
  });

  it('refuses the words of a sentence written in capitals, but not an acronym among ordinary words', () => {
    const licence =
      'distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express';
    for (const word of ['AS', 'IS', 'OR', 'CONDITIONS', 'KIND'])
      assert.equal(reasonOf(licence, word), 'a word of a sentence in capitals', word);
    assert.equal(reasonOf('the NLP and ML of IT staff', 'ML'), undefined);
    const list = 'We compare (CNN, RNN, LSTM, GRU) models.';
    for (const word of ['CNN', 'RNN', 'LSTM', 'GRU']) assert.equal(reasonOf(list, word), undefined, word);
    const wrapped = 'provided "AS IS",\nWITHOUT WARRANTIES OR CONDITIONS';
    assert.equal(reasonOf(wrapped, 'AS'), 'a word of a sentence in capitals', 'a line break does not end it');
  });

  it('keeps abbreviations whose shape is close to those: plurals, lower-case prefixes, capitals with a lower-case letter', () => {
    for (const word of [
      'IoT',
      'PhD',
      'MSc',
      'mRNA',
      'siRNA',
      'mAbs',
      'iPSCs',
      'OSes',
      'DoS',
      'KiSAO',
      'CNNs',
      'R&D',
      'U.S.A.',
    ])
      assert.equal(reasonOf(`the ${word} here`, word), undefined, word);
    assert.equal(reasonOf('TB is treated with', 'TB'), undefined, 'TB is a unit only after a number');
    assert.equal(
      reasonOf('given IV fluids', 'IV'),
      undefined,
      'IV is intravenous unless it counts something',
    );
  });
});

describe('review: abbreviations with a hyphen inside', () => {
  const joined = (text: string, spans: Span[]) => joinHyphenated(text, spans).map((s) => s.text);

  it('joins the parts of SED-ML, SDS-PAGE, SARS-CoV-2 and COVID-19 into one abbreviation', () => {
    assert.deepEqual(joined('the SED--ML file', [span('the SED--ML file', 'AC', 'SED')]), ['SED--ML']);
    assert.deepEqual(joined('by SDS-PAGE gels', [span('by SDS-PAGE gels', 'AC', 'PAGE')]), ['SDS-PAGE']);
    assert.deepEqual(joined('SARS-CoV-2-related work', [span('SARS-CoV-2-related work', 'AC', 'CoV-2')]), [
      'SARS-CoV-2',
    ]);
    const two = 'the SED-ML standard';
    assert.deepEqual(joined(two, [span(two, 'AC', 'SED'), span(two, 'AC', 'ML')]), ['SED-ML']);
    assert.deepEqual(joined('in COVID-19 wards', [span('in COVID-19 wards', 'AC', 'COVID')]), ['COVID-19']);
    assert.deepEqual(
      joined('TNF-α and IFN-γ levels', [
        span('TNF-α and IFN-γ levels', 'AC', 'TNF'),
        span('TNF-α and IFN-γ levels', 'AC', 'IFN'),
      ]),
      ['TNF-α', 'IFN-γ'],
    );
  });

  it('leaves a lower-case or capitalised word after the hyphen out, and cuts a span at an opening bracket', () => {
    assert.deepEqual(joined('an IoT-specific design', [span('an IoT-specific design', 'AC', 'IoT')]), [
      'IoT',
    ]);
    assert.deepEqual(joined('a CNN-Based model', [span('a CNN-Based model', 'AC', 'CNN')]), ['CNN']);
    assert.deepEqual(joined('list GPU UUID(s) here', [span('list GPU UUID(s) here', 'AC', 'UUID(s')]), [
      'UUID',
    ]);
  });
});

describe('review in the pairing pass', () => {
  it('keeps a long form only where it defines an abbreviation', () => {
    const text = 'The Internet of Things (IoT) grows. The Internet of Things is large.';
    const spans = [
      span(text, 'LF', 'Internet of Things'),
      span(text, 'AC', 'IoT'),
      span(text, 'LF', 'Internet of Things', 1),
    ];
    assert.deepEqual(tagged(text, spans), ['LF Internet of Things@4', 'AC IoT@24']);
  });

  it('tags a word wherever it is written once the model tags it in one place', () => {
    const text = 'We run CASP14 targets. Later CASP14 results, and CASP14s.';
    assert.deepEqual(tagged(text, [span(text, 'AC', 'CASP14', 1)]), [
      'AC CASP14@7',
      'AC CASP14@29',
      'AC CASP14s@49',
    ]);
  });

  it('drops a capitalised word, unless the document defines it', () => {
    const text = 'the Protein family (Pfam) lists it; Pfam and Young grow.';
    const spans = [span(text, 'AC', 'Pfam', 1), span(text, 'AC', 'Young')];
    assert.deepEqual(tagged(text, spans), []);
    assert.deepEqual(tagged(text, [span(text, 'LF', 'Protein family'), span(text, 'AC', 'Pfam'), ...spans]), [
      'LF Protein family@4',
      'AC Pfam@20',
      'AC Pfam@36',
    ]);
  });

  it('drops a camel-case name, unless the document defines it', () => {
    const named = 'We ran AlphaFold on it.';
    assert.deepEqual(tagged(named, [span(named, 'AC', 'AlphaFold')]), []);
    const defined = 'the Cell Markup Language (CellML) and CellML files';
    assert.deepEqual(
      tagged(defined, [span(defined, 'LF', 'Cell Markup Language'), span(defined, 'AC', 'CellML')]),
      ['LF Cell Markup Language@4', 'AC CellML@26', 'AC CellML@38'],
    );
  });

  it('follows the word lists: never an abbreviation wins over a definition, always tags every occurrence', () => {
    const text = 'See Section (S) and the MIMO link. MIMO again.';
    const spans = [span(text, 'LF', 'Section'), span(text, 'AC', 'S')];
    assert.deepEqual(pair(text, spans, { notAbbreviations: ['S'] }).glossary, []);
    assert.deepEqual(tagged(text, [], { alwaysAbbreviations: ['MIMO'] }), ['AC MIMO@24', 'AC MIMO@35']);
  });

  it('pairs an abbreviation with the long form that a connecting word brings in its bracket', () => {
    const text =
      'This is inline OMEX (after Open Modeling and EXchange, the encoding standard). OMEX cells run.';
    const found = pair(text, [span(text, 'AC', 'OMEX')]);
    assert.deepEqual(
      found.definitions.map((d) => [d.short, d.long]),
      [['OMEX', 'Open Modeling and EXchange']],
    );
    assert.deepEqual(tagged(text, [span(text, 'AC', 'OMEX')]), [
      `AC OMEX@${text.indexOf('OMEX')}`,
      `LF Open Modeling and EXchange@${text.indexOf('Open')}`,
      `AC OMEX@${text.lastIndexOf('OMEX')}`,
    ]);
  });
});
