import { strict as assert } from 'node:assert';
import { analyse, ParagraphCache } from '../../../src/core/analyze';
import { RulesTagger } from '../../../src/core/taggers/rules';
import type { Tagger, WordTag } from '../../../src/core/types';
import { PhraseTagger } from './assistant/helpers';

/** The rules tagger, counting the sentences it is asked to tag. */
class CountingTagger implements Tagger {
  readonly name = 'rules';
  readonly sentencesIndependent = false;
  sentences = 0;
  private readonly inner = new RulesTagger();
  async tagSentences(sentences: readonly (readonly string[])[]): Promise<WordTag[][]> {
    this.sentences += sentences.length;
    return this.inner.tagSentences(sentences);
  }
  async dispose(): Promise<void> {}
}

const PAPER = [
  'The body mass index (BMI) was recorded. It rose.',
  'Magnetic resonance imaging (MRI) was done twice.',
  'The BMI and the MRI results agreed.',
].join('\r\n\r\n');

describe('analyse', () => {
  it('maps every span back to the source, across CRLF paragraphs', async () => {
    const analysis = await analyse(PAPER, new RulesTagger(), { lang: 'plaintext' });
    for (const span of analysis.spans) assert.equal(PAPER.slice(span.start, span.end), span.text);
    assert.deepEqual(
      analysis.glossary.map((g) => [g.short, g.long, g.count]),
      [
        ['BMI', 'body mass index', 2],
        ['MRI', 'Magnetic resonance imaging', 2],
      ],
    );
    assert.equal(analysis.paragraphs, 3);
    assert.equal(analysis.sentences, 4);
  });

  it('re-runs only the paragraphs that changed, from a cache keyed by paragraph text and model', async () => {
    const tagger = new CountingTagger();
    const cache = new ParagraphCache();
    const first = await analyse(PAPER, tagger, { lang: 'plaintext', cache });
    assert.equal(first.taggedParagraphs, 3);
    assert.equal(tagger.sentences, 4);

    const edited = PAPER.replace('done twice', 'done three times');
    const second = await analyse(edited, tagger, { lang: 'plaintext', cache });
    assert.equal(second.taggedParagraphs, 1, 'only the edited paragraph runs');
    assert.equal(tagger.sentences, 5);
    const fresh = await analyse(edited, new RulesTagger(), { lang: 'plaintext' });
    assert.deepEqual(second.spans, fresh.spans, 'cached paragraphs give the same spans at their new offsets');
  });

  it('drops spans below minScore', async () => {
    const tagger: Tagger = {
      name: 'fixed',
      sentencesIndependent: true,
      tagSentences: async (sentences) =>
        sentences.map((words) =>
          words.map((w) => ({ tag: w === 'BMI' ? 'B-AC' : 'O', score: w === 'BMI' ? 0.4 : 1 })),
        ),
      dispose: async () => {},
    };
    const kept = await analyse('The BMI rose.', tagger, { lang: 'plaintext', minScore: 0.3 });
    const dropped = await analyse('The BMI rose.', tagger, { lang: 'plaintext', minScore: 0.5 });
    assert.deepEqual(
      kept.spans.map((s) => [s.text, s.start]),
      [['BMI', 4]],
    );
    assert.deepEqual(dropped.spans, []);
  });
});

describe('analyse: abbreviations as the source spells them', () => {
  it('keys SED--ML as written in LaTeX, not as the prose reads it (SED–ML)', async () => {
    const source = 'The Simulation Experiment Description Markup Language (SED--ML) and SED--ML files.';
    const analysis = await analyse(
      source,
      new PhraseTagger({ AC: ['SED'], LF: ['Simulation Experiment Description Markup Language'] }),
      { lang: 'latex' },
    );
    assert.deepEqual(
      analysis.glossary.map((g) => [g.short, g.long, g.count]),
      [['SED--ML', 'Simulation Experiment Description Markup Language', 2]],
    );
    assert.deepEqual(
      analysis.spans.filter((s) => s.label === 'AC').map((s) => [s.text, s.short]),
      [
        ['SED--ML', 'SED--ML'],
        ['SED--ML', 'SED--ML'],
      ],
    );
  });
});
