import { strict as assert } from 'node:assert';
import { ruleFeatureIds } from '../../../../src/core/taggers/ruleFeatures';
import { RulesTagger, looksLikeAbbreviation } from '../../../../src/core/taggers/rules';
import type { Tag } from '../../../../src/core/types';

const split = (sentence: string): string[] => sentence.split(' ');

async function tag(...sentences: string[]): Promise<Tag[][]> {
  const result = await new RulesTagger().tagSentences(sentences.map(split));
  return result.map((words) => words.map((w) => w.tag));
}

describe('looksLikeAbbreviation', () => {
  it('accepts tokens with two or more capitals', () => {
    for (const token of ['GYPES', 'RNAi', 'T2DM', 'IL-6', 'mRNA', 'SARS-CoV-2']) {
      assert.equal(looksLikeAbbreviation(token), true, token);
    }
  });

  it('rejects words, single capitals, Roman numerals, figure labels, and numbers', () => {
    for (const token of ['The', 'E', 'II', 'IV', 'XIV', '1B', 'S2', 'S1A', '2019', 'Ca2', '(']) {
      assert.equal(looksLikeAbbreviation(token), false, token);
    }
  });
});

describe('RulesTagger', () => {
  it('is called rules and scores every tag 1', async () => {
    const tagger = new RulesTagger();
    assert.equal(tagger.name, 'rules');
    const [words] = await tagger.tagSentences([['the', 'CNN']]);
    assert.deepEqual(words, [
      { tag: 'O', score: 1 },
      { tag: 'B-AC', score: 1 },
    ]);
    await tagger.dispose();
  });

  it('tags "long form ( AC )" by Schwartz–Hearst matching', async () => {
    const [tags] = await tag('Gothenburg Young Persons Empowerment Scale ( GYPES ) was developed .');
    assert.deepEqual(tags, ['B-LF', 'I-LF', 'I-LF', 'I-LF', 'I-LF', 'O', 'B-AC', 'O', 'O', 'O', 'O']);
  });

  it('takes the definitions that the Ab3P strategies find: digits left out, letters inside words', async () => {
    const [fev, ptb] = await tag(
      'Forced expiratory volume ( FEV1 ) fell .',
      'tags from the Penn Treebank ( PTB ) and proton pump inhibitors ( PPIs )',
    );
    assert.deepEqual(fev, ['B-LF', 'I-LF', 'I-LF', 'O', 'B-AC', 'O', 'O', 'O']);
    assert.equal(ptb.join(' '), 'O O O B-LF I-LF O B-AC O O B-LF I-LF I-LF O B-AC O');
  });

  it('starts the long form at the matching word, not before it', async () => {
    const [tags] = await tag(
      'For this purpose the Gothenburg Young Persons Empowerment Scale ( GYPES ) was used',
    );
    assert.deepEqual(tags.slice(0, 10), ['O', 'O', 'O', 'O', 'B-LF', 'I-LF', 'I-LF', 'I-LF', 'I-LF', 'O']);
  });

  it('prefers a window whose initials spell the short form over the shortest letter match', async () => {
    const [tags] = await tag(
      'patients with multiple myeloma ( MM ) and mammalian target of rapamycin ( mTOR )',
    );
    assert.deepEqual(tags, [
      'O',
      'O',
      'B-LF',
      'I-LF',
      'O',
      'B-AC',
      'O',
      'O',
      'B-LF',
      'I-LF',
      'I-LF',
      'I-LF',
      'O',
      'B-AC',
      'O',
    ]);
  });

  it('tags a short form followed by units after a comma', async () => {
    const [tags] = await tag('leaf area index ( LAI , m2 m-2 )');
    assert.deepEqual(tags, ['B-LF', 'I-LF', 'I-LF', 'O', 'B-AC', 'O', 'O', 'O', 'O']);
  });

  it('tags "AC ( long form )"', async () => {
    const [tags] = await tag('the OPV ( oral polio vaccine ) was given');
    assert.deepEqual(tags, ['O', 'B-AC', 'O', 'B-LF', 'I-LF', 'I-LF', 'O', 'O', 'O']);
  });

  it('tags glossary items "AC : long form ;" and "AC , long form ."', async () => {
    const [tags] = await tag('SD : standard deviation ; CI , confidence interval .');
    assert.deepEqual(tags, ['B-AC', 'O', 'B-LF', 'I-LF', 'O', 'B-AC', 'O', 'B-LF', 'I-LF', 'O']);
  });

  it("reads PLOD's glued bracket ( IL)-6 as the end of a short form", async () => {
    const [tags] = await tag('pro - inflammatory interleukin ( IL)-6 levels');
    assert.deepEqual(tags, ['O', 'O', 'O', 'B-LF', 'O', 'B-AC', 'O']);
  });

  it('tags a single capital only where it is defined in the same sentence', async () => {
    const tags = await tag('the temperature ( T ) rose and T fell', 'T was high');
    assert.deepEqual(tags, [
      ['O', 'B-LF', 'O', 'B-AC', 'O', 'O', 'O', 'B-AC', 'O'],
      ['O', 'O', 'O'],
    ]);
  });

  it('carries a defined abbreviation to its other mentions in the batch even when casing would miss it', async () => {
    const tags = await tag(
      'we measured the gene loquacious ( loqs ) here',
      'loqs was knocked down',
      'lowercase loq',
    );
    assert.deepEqual(tags, [
      ['O', 'O', 'O', 'O', 'B-LF', 'O', 'B-AC', 'O', 'O'],
      ['B-AC', 'O', 'O', 'O'],
      ['O', 'O'],
    ]);
  });

  it('leaves ordinary brackets, figure labels, Roman numerals and i.e. alone', async () => {
    const [tags] = await tag('as shown in Fig 1B ( see also S2 ) in phase II ( i.e. , later )');
    assert.deepEqual(tags, Array(18).fill('O'));
  });

  it('gives no tags for an empty batch or an empty sentence', async () => {
    assert.deepEqual(await tag(), []);
    assert.deepEqual(await new RulesTagger().tagSentences([[]]), [[]]);
  });
});

describe('ruleFeatureIds', () => {
  it('gives each word the id of the tag the rules give it in its sentence alone', () => {
    const sentence = split('Magnetic resonance imaging ( MRI ) and CT were used');
    assert.deepEqual(ruleFeatureIds(sentence), [3, 4, 4, 1, 2, 1, 1, 2, 1, 1]);
  });

  it('ignores abbreviations defined in other sentences, which a batch of the rules tagger would use', async () => {
    const [, inBatch] = await tag('the vector ( V ) was used', 'then V was used');
    assert.equal(inBatch[1], 'O');
    const [, known] = await tag('magnetic resonance imaging ( MRIs ) was used', 'then MRIs was used');
    assert.equal(known[1], 'B-AC');
    assert.deepEqual(ruleFeatureIds(split('then MRIs was used')), [1, 2, 1, 1]);
  });
});
