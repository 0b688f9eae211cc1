import { strict as assert } from 'node:assert';
import { analyse } from '../../../../src/core/analyze';
import { documentWordLists, joinWordLists } from '../../../../src/core/markup/directives';
import { RulesTagger } from '../../../../src/core/taggers/rules';

describe('plod-tagger comments in a document', () => {
  it('reads ignore and abbreviation comments in LaTeX, Markdown and plain text', () => {
    assert.deepEqual(documentWordLists('% plod-tagger: ignore Section, Fig\n\\section{A}\n'), {
      notAbbreviations: ['Section', 'Fig'],
      alwaysAbbreviations: [],
    });
    assert.deepEqual(
      documentWordLists('Text\n<!-- plod-tagger: ignore HH -->\n<!--plod-tagger: abbreviation MIMO-->'),
      {
        notAbbreviations: ['HH'],
        alwaysAbbreviations: ['MIMO'],
      },
    );
    assert.deepEqual(documentWordLists('plod-tagger: abbreviations NY WA\r\nmore'), {
      notAbbreviations: [],
      alwaysAbbreviations: ['NY', 'WA'],
    });
    assert.deepEqual(documentWordLists('a paper that says plod-tagger: nothing'), {
      notAbbreviations: [],
      alwaysAbbreviations: [],
    });
  });

  it('adds the document’s lists to the user’s, each word once', () => {
    assert.deepEqual(joinWordLists({ notAbbreviations: ['A', 'B'] }, { notAbbreviations: ['B', 'C'] }), {
      notAbbreviations: ['A', 'B', 'C'],
      alwaysAbbreviations: [],
    });
  });

  it('takes effect in the analysis: an ignored word is not tagged, an added one is tagged everywhere', async () => {
    const source =
      '% plod-tagger: ignore BMI\n% plod-tagger: abbreviation Wnt\nThe body mass index (BMI) and BMI of Wnt mice.\n';
    const analysis = await analyse(source, new RulesTagger(), { lang: 'latex' });
    const tagged = analysis.spans.map((s) => `${s.label} ${s.text}`);
    assert.ok(!tagged.some((t) => t.includes('BMI')), tagged.join(', '));
    assert.ok(tagged.includes('AC Wnt'), tagged.join(', '));
    const words = await analyse('The body mass index (BMI) and BMI.', new RulesTagger(), {
      lang: 'plaintext',
      words: { notAbbreviations: ['BMI'] },
    });
    assert.deepEqual(words.glossary, []);
  });
});
