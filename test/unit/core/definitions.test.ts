import { strict as assert } from 'node:assert';
import { analyse } from '../../../src/core/analyze';
import { findDefinitionCandidates, withFoundDefinitions } from '../../../src/core/definitions';
import { RulesTagger } from '../../../src/core/taggers/rules';
import type { Span } from '../../../src/core/types';

/** Each definition found, as `SHORT = long form (strategy)`. */
function found(text: string): string[] {
  return findDefinitionCandidates(text).map(
    (c) =>
      `${text.slice(c.short.start, c.short.end)} = ${text.slice(c.long.start, c.long.end)} (${c.strategy})`,
  );
}

describe('definitions found from the text (Ab3P strategies)', () => {
  it('finds the long form by initials, never truncated', () => {
    assert.deepEqual(found('We gave proton pump inhibitors (PPIs) daily.'), [
      'PPIs = proton pump inhibitors (initials)',
    ]);
    assert.deepEqual(found('the mammalian target of rapamycin (mTOR) pathway'), [
      'mTOR = mammalian target of rapamycin (initials)',
    ]);
    assert.deepEqual(found('The Internet of Things (IoT) grew.'), ['IoT = Internet of Things (initials)']);
  });

  it('reads the parts of hyphenated words, letters inside words, and a bracket glued to the word', () => {
    assert.deepEqual(found('Part-Of-Speech(POS) tagging'), ['POS = Part-Of-Speech (initials)']);
    assert.deepEqual(found('tags extracted from the Penn Treebank(PTB). On'), [
      'PTB = Penn Treebank (lettersOfEveryWord)',
    ]);
  });

  it('handles digits, Greek letters and chemical prefixes', () => {
    assert.deepEqual(found('Forced expiratory volume (FEV1) fell.'), [
      'FEV1 = Forced expiratory volume (initials)',
    ]);
    assert.deepEqual(found('tumor necrosis factor alpha (TNF-α) rose'), [
      'TNF-α = tumor necrosis factor alpha (initials)',
    ]);
    assert.deepEqual(found('We added 2,6-diaminopurine (2,6-DAP) to cells.'), [
      '2,6-DAP = 2,6-diaminopurine (lettersOfEveryWord)',
    ]);
  });

  it('finds the reversed order, and a short form before a comma in the bracket', () => {
    assert.deepEqual(found('The PPIs (proton pump inhibitors) were given.'), [
      'PPIs = proton pump inhibitors (initials)',
    ]);
    assert.deepEqual(found('body mass index (BMI, kg/m2) was high'), ['BMI = body mass index (initials)']);
  });

  it('reads glossary items, SF = long form; and SF: long form', () => {
    assert.deepEqual(
      found('BC = Broadcast Conversations; BN = Broadcast News; CTS = Conversational Telephone Speech;'),
      [
        'BC = Broadcast Conversations (initials)',
        'BN = Broadcast News (initials)',
        'CTS = Conversational Telephone Speech (initials)',
      ],
    );
    assert.deepEqual(found('UAS: unlabeled attachment score, as usual.'), [
      'UAS = unlabeled attachment score (initials)',
    ]);
    assert.deepEqual(found('Note: the score is high. x = 3 and MAP: 0.52, CPU: fast machines.'), []);
  });

  it('finds nothing in references, panels, editorial abbreviations, or words that spell nothing', () => {
    assert.deepEqual(found('as shown before (Section 3), see (Fig. 2) and (C), e.g. (i.e. here).'), []);
    assert.deepEqual(found('We measured the weight (kg) and the Results (Table) of trials (RCT).'), []);
    assert.deepEqual(found('the long one (LO) ends; here (see Table 2)'), ['LO = long one (initials)']);
  });

  it('puts a precise definition over a truncated long form of the tagger, and tags a missed short form', () => {
    const text = 'Forced expiratory volume (FEV1) and proton pump inhibitors (PPIs) were studied.';
    const at = (s: string) => text.indexOf(s);
    const truncated: Span = {
      label: 'LF',
      start: at('pump'),
      end: at(' (PPIs'),
      text: 'pump inhibitors',
      score: 0.9,
    };
    const ppis: Span = { label: 'AC', start: at('PPIs'), end: at('PPIs') + 4, text: 'PPIs', score: 0.99 };
    const spans = withFoundDefinitions(text, [truncated, ppis], () => false);
    assert.deepEqual(
      spans.map((s) => [s.label, s.text, s.start]),
      [
        ['LF', 'Forced expiratory volume', 0],
        ['AC', 'FEV1', at('FEV1')],
        ['LF', 'proton pump inhibitors', at('proton')],
        ['AC', 'PPIs', at('PPIs')],
      ],
    );
    assert.equal(spans.find((s) => s.text === 'PPIs')?.score, 0.99);
    assert.deepEqual(
      withFoundDefinitions(text, [truncated, ppis], (short) => short === 'PPIs'),
      [
        { label: 'LF', start: 0, end: 24, text: 'Forced expiratory volume', score: 0.86 },
        { label: 'AC', start: at('FEV1'), end: at('FEV1') + 4, text: 'FEV1', score: 0.86 },
        truncated,
        ppis,
      ],
    );
  });

  it("takes a looser match only where the tagger's long form agrees with it", () => {
    const text = 'Magnetic Resonance Spectroscopic Imaging (MRI) was used.';
    const mri: Span = { label: 'AC', start: 42, end: 45, text: 'MRI', score: 0.99 };
    assert.deepEqual(
      withFoundDefinitions(text, [mri], () => false),
      [mri],
    );
    const partial: Span = { label: 'LF', start: 9, end: 40, text: text.slice(9, 40), score: 0.7 };
    assert.deepEqual(
      withFoundDefinitions(text, [partial, mri], () => false).map((s) => [s.label, s.text]),
      [
        ['LF', 'Magnetic Resonance Spectroscopic Imaging'],
        ['AC', 'MRI'],
      ],
    );
  });

  it('gives the whole analysis the pair that the rules alone miss', async () => {
    const text = 'Forced expiratory volume (FEV1) fell; the FEV1 was measured again.';
    const analysis = await analyse(text, new RulesTagger(), { lang: 'plaintext' });
    assert.deepEqual(
      analysis.glossary.map((e) => [e.short, e.long, e.count]),
      [['FEV1', 'Forced expiratory volume', 2]],
    );
  });
});
