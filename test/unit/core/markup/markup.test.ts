import { strict as assert } from 'node:assert';
import { langFromPath, project, type Projection } from '../../../../src/core/markup/index';
import { splitSentences } from '../../../../src/core/text/sentences';
import { splitWords } from '../../../../src/core/text/words';
import type { Lang, Range } from '../../../../src/core/types';

const LANGS: Lang[] = ['plaintext', 'markdown', 'latex'];

/** The source text behind `needle`, the `nth` occurrence of it in the projected text. */
function sourceOf(projection: Projection, source: string, needle: string, nth = 0): string {
  const range = rangeOf(projection.text, needle, nth);
  const mapped = projection.toSource(range);
  return source.slice(mapped.start, mapped.end);
}

function sourceOfRange(projection: Projection, source: string, range: Range): string {
  const mapped = projection.toSource(range);
  return source.slice(mapped.start, mapped.end);
}

function rangeOf(text: string, needle: string, nth = 0): Range {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
  assert.ok(start >= 0, `${JSON.stringify(needle)} not in ${JSON.stringify(text)}`);
  return { start, end: start + needle.length };
}

/**
 * Every word of the projected text that is not an acronym mention, nor a placeholder, maps back to the same
 * characters; a placeholder maps back to the command it stands for.
 */
function assertWordsMapBack(source: string, lang: Lang): Projection {
  const projection = project(source, lang);
  const overlaps = (ranges: readonly Range[], word: Range): boolean =>
    ranges.some((range) => word.start < range.end && range.start < word.end);
  for (const word of splitWords(projection.text)) {
    if (overlaps(projection.mentionRanges, word)) continue;
    if (overlaps(projection.silentRanges, word)) {
      const mapped = projection.toSource(word);
      assert.ok(
        mapped.end > mapped.start,
        `${lang}: placeholder ${JSON.stringify(word.text)} maps to nothing`,
      );
      continue;
    }
    const mapped = projection.toSource(word);
    assert.equal(
      source.slice(mapped.start, mapped.end),
      word.text,
      `${lang}: ${JSON.stringify(word.text)} at ${word.start} in ${JSON.stringify(projection.text)}`,
    );
  }
  return projection;
}

const words = (text: string): string[] => splitWords(text).map((word) => word.text);
const sentences = (text: string): string[] =>
  splitSentences(splitWords(text), text).map((sentence) => sentence.map((word) => word.text).join(' '));

describe('project', () => {
  describe('for every language', () => {
    for (const lang of LANGS) {
      it(`${lang}: keeps offsets exact with CRLF line endings and non-BMP characters before and inside spans`, () => {
        const source =
          '😀 𝛼 first line\r\nThe 𝛼-helix (𝛼H) and 😀 emoji.\r\n\r\nSecond 😀 paragraph 𝛼𝛼 here.\r\n';
        const projection = assertWordsMapBack(source, lang);
        assert.equal(sourceOf(projection, source, '𝛼-helix (𝛼H)'), '𝛼-helix (𝛼H)');
        const mapped = projection.toSource(rangeOf(projection.text, '𝛼𝛼'));
        assert.deepEqual(mapped, rangeOf(source, '𝛼𝛼'));
        assert.deepEqual(
          sentences(projection.text).map((sentence) => sentence.split(' ')[0]),
          ['😀', 'Second'],
        );
      });

      it(`${lang}: maps empty and out-of-range ranges without throwing`, () => {
        const projection = project('Some text.', lang);
        assert.deepEqual(projection.toSource({ start: 0, end: 0 }), { start: 0, end: 0 });
        const end = projection.toSource({ start: projection.text.length, end: projection.text.length });
        assert.equal(end.start, end.end);
        assert.doesNotThrow(() => projection.toSource({ start: -5, end: 1000 }));
      });

      it(`${lang}: maps every prose word back in randomly assembled documents`, () => {
        const random = seededRandom(7);
        for (let round = 0; round < 200; round++) {
          const source = randomDocument(lang, random);
          assert.doesNotThrow(() => assertWordsMapBack(source, lang), source);
        }
      });
    }
  });

  describe('plaintext', () => {
    it('is the source itself', () => {
      const source = 'A \\textbf{b} `c` $d$\r\n😀';
      const projection = project(source, 'plaintext');
      assert.equal(projection.text, source);
      assert.deepEqual(projection.toSource({ start: 3, end: 10 }), { start: 3, end: 10 });
      assert.deepEqual(projection.acronyms, []);
      assert.deepEqual(projection.mentionRanges, []);
    });
  });

  describe('latex', () => {
    it('keeps the text of formatting commands, mapped to the exact source characters', () => {
      const source = 'We use \\textbf{Natural Language Processing} (\\textbf{NLP}) here.';
      const projection = project(source, 'latex');
      assert.equal(projection.text, 'We use Natural Language Processing (NLP) here.');
      const longForm = projection.toSource(rangeOf(projection.text, 'Natural Language Processing'));
      assert.deepEqual(longForm, rangeOf(source, 'Natural Language Processing'));
      assert.deepEqual(projection.toSource(rangeOf(projection.text, 'NLP')), rangeOf(source, 'NLP'));
      assert.equal(sourceOf(projection, source, '(NLP)'), '(\\textbf{NLP})');
    });

    it('does not pull markup into a range through its leading or trailing spaces', () => {
      const source = 'A \\section{Intro}\\label{s} \\emph{word} \\cite{k} end';
      const projection = project(source, 'latex');
      const word = rangeOf(projection.text, 'word');
      const padded = { start: word.start - 1, end: word.end + 1 };
      assert.equal(projection.text.slice(padded.start, padded.end).trim(), 'word');
      const mapped = projection.toSource(padded);
      assert.doesNotMatch(source.slice(mapped.start, mapped.end), /\\|\{|\}/);
    });

    it('drops label keys and optional arguments, and puts placeholders for citations, references and URLs', () => {
      const source =
        'As shown \\cite{smith2020} and \\citep[p.~5]{jones2019}, see Fig.~\\ref{fig:x}\\label{sec:intro} ' +
        'and Eq.~\\eqref{eq:main} at \\url{http://example.org} or \\href{http://example.org}{our site}.';
      const projection = assertWordsMapBack(source, 'latex');
      for (const hidden of ['smith2020', 'jones2019', 'p.', 'fig:x', 'sec:intro', 'eq:main', 'example.org']) {
        assert.ok(!projection.text.includes(hidden), `${hidden} in ${projection.text}`);
      }
      assert.equal(projection.text, 'As shown 0 and 0, see Fig. 0 and Eq. 0 at 0 or our site.');
      assert.deepEqual(
        projection.silentRanges.map((range) => sourceOfRange(projection, source, range)),
        [
          '\\cite{smith2020}',
          '\\citep[p.~5]{jones2019}',
          '\\ref{fig:x}',
          '\\eqref{eq:main}',
          '\\url{http://example.org}',
        ],
      );
    });

    it('drops inline and display math and math environments', () => {
      const source =
        'Energy $E=mc^2$ and \\(a+b\\) and \\[c=d\\] and $$e=f$$ hold\n' +
        '\\begin{equation}\n g = h \\label{eq:x}\n\\end{equation}\n' +
        'while \\begin{align*} i &= j \\\\ k &= l \\end{align*} too.';
      const projection = assertWordsMapBack(source, 'latex');
      assert.deepEqual(words(projection.text), ['Energy', 'and', 'and', 'and', 'hold', 'while', 'too', '.']);
      assert.equal(sentences(projection.text).length, 1, 'display math must not break the sentence');
    });

    it('drops comments but keeps \\% as a percent sign', () => {
      const source = 'Half, 50\\% of cases % a secret remark\nwere % another\r\nmild.\n%whole line\nEnd.';
      const projection = assertWordsMapBack(source.replace('50\\%', '50 '), 'latex');
      assert.ok(!projection.text.includes('secret'));
      const withPercent = project(source, 'latex');
      assert.deepEqual(words(withPercent.text), [
        'Half',
        ',',
        '50',
        '%',
        'of',
        'cases',
        'were',
        'mild',
        '.',
        'End',
        '.',
      ]);
      assert.equal(sourceOf(withPercent, source, '%'), '\\%');
      assert.equal(sentences(withPercent.text).length, 2, 'a comment line is not a paragraph break');
    });

    it("reads only the document body, and turns ~, --, \\&, \\, and ``quotes'' into prose", () => {
      const source =
        '\\documentclass{article}\n\\usepackage{amsmath}\n\\title{Ignored}\n\\begin{document}\n' +
        "Pages 3--5 of Smith~\\& Jones,\\,and ``more''.\n\\end{document}\nAfter the end.";
      const projection = project(source, 'latex');
      assert.deepEqual(words(projection.text), [
        'Pages',
        '3–5',
        'of',
        'Smith',
        '&',
        'Jones',
        ',',
        'and',
        '“',
        'more',
        '”',
        '.',
      ]);
      assert.equal(sourceOf(projection, source, '3–5'), '3--5');
      assert.equal(sourceOf(projection, source, '“more”'), "``more''");
    });

    it('sets section titles, items, captions and footnotes apart as sentences of their own', () => {
      const source =
        '\\section{Introduction}\\label{sec:intro}Text starts here\\footnote{A side note} and goes on\n' +
        '\\begin{itemize}\n\\item first point\n\\item[NLP] second point\n\\end{itemize}\n' +
        '\\begin{figure}[ht]\\includegraphics[width=3cm]{plot.pdf}\\caption{A plot}\\end{figure}';
      const projection = assertWordsMapBack(source, 'latex');
      assert.deepEqual(sentences(projection.text), [
        'Introduction',
        'Text starts here',
        'A side note',
        'and goes on',
        'first point',
        'NLP second point',
        'A plot',
      ]);
    });

    it('reads \\newacronym definitions, even in the preamble, and replaces \\ac mentions by the short form', () => {
      const source =
        '\\documentclass{article}\n\\newacronym[plural=NLPs]{nlp}{NLP}{natural language processing}\n' +
        '\\begin{document}\nWe study \\ac{nlp} and \\gls{ml}; \\acs{nlp} again.\n\\end{document}';
      const projection = project(source, 'latex');
      assert.equal(projection.text.trim(), 'We study NLP and ml; NLP again.');
      const definition = source.indexOf('\\newacronym');
      const mention = source.indexOf('\\ac{nlp}');
      assert.deepEqual(projection.acronyms, [
        {
          kind: 'definition',
          key: 'nlp',
          short: 'NLP',
          long: 'natural language processing',
          source: { start: definition, end: source.indexOf('\n', definition) },
        },
        {
          kind: 'mention',
          key: 'nlp',
          short: 'NLP',
          long: 'natural language processing',
          source: { start: mention, end: mention + '\\ac{nlp}'.length },
        },
        {
          kind: 'mention',
          key: 'ml',
          short: 'ml',
          long: null,
          source: { start: source.indexOf('\\gls{ml}'), end: source.indexOf('\\gls{ml}') + 8 },
        },
        {
          kind: 'mention',
          key: 'nlp',
          short: 'NLP',
          long: 'natural language processing',
          source: { start: source.indexOf('\\acs{nlp}'), end: source.indexOf('\\acs{nlp}') + 9 },
        },
      ]);
      assert.deepEqual(
        projection.mentionRanges.map((range) => projection.text.slice(range.start, range.end)),
        ['NLP', 'ml', 'NLP'],
      );
      const first = projection.mentionRanges[0];
      assert.deepEqual(projection.toSource(first), { start: mention, end: mention + 8 });
      assert.equal(projection.toSource({ start: first.start, end: first.start + 1 }).start, mention);
      assert.equal(projection.toSource({ start: first.end - 1, end: first.end }).end, mention + 8);
      assert.ok(!projection.text.includes('natural language processing'));
    });

    it('reads \\acro, \\acrodef and \\DeclareAcronym, wherever a mention comes', () => {
      const source =
        'First \\ac{CNN} and \\acs{RNN} and \\ac{gpu}.\n' +
        '\\begin{acronym}\n\\acro{CNN}{convolutional neural network}\n\\end{acronym}\n' +
        '\\acrodef{RNN}[RNNs]{recurrent network}\n\\DeclareAcronym{gpu}{short = GPU, long = graphics processor}';
      const projection = project(source, 'latex');
      assert.deepEqual(
        projection.acronyms.map(({ kind, key, short, long }) => [kind, key, short, long]),
        [
          ['mention', 'CNN', 'CNN', 'convolutional neural network'],
          ['mention', 'RNN', 'RNNs', 'recurrent network'],
          ['mention', 'gpu', 'GPU', 'graphics processor'],
          ['definition', 'CNN', 'CNN', 'convolutional neural network'],
          ['definition', 'RNN', 'RNNs', 'recurrent network'],
          ['definition', 'gpu', 'GPU', 'graphics processor'],
        ],
      );
      assert.equal(projection.text.trim(), 'First CNN and RNNs and GPU.');
    });

    it('never throws on malformed input and keeps offsets exact', () => {
      const inputs = [
        'Unclosed \\textbf{brace here and more text',
        'Unclosed math $x + y and then prose\n\nNext paragraph.',
        'Stray } brace and {} empty group.',
        'Trailing backslash \\',
        '\\begin{equation} never closed',
        '\\newacronym{x}{X}',
        '\\ac{ unclosed mention',
        '\\cite{never closed',
        '\\(open \\[ open',
        '\\section',
        '\\item[unclosed label',
        '%',
        '\\',
        '{{{{',
        '}}}}',
        '$$',
        '\\verb|never closed',
        '\\begin{document}',
        '\\end{document} text',
      ];
      for (const source of inputs) {
        assert.doesNotThrow(() => assertWordsMapBack(source, 'latex'), source);
        assert.doesNotThrow(() => assertWordsMapBack(`😀 ${source}\r\n𝛼 text`, 'latex'), source);
      }
      assert.deepEqual(words(project('Unclosed \\textbf{brace here', 'latex').text), [
        'Unclosed',
        'brace',
        'here',
      ]);
      assert.deepEqual(words(project('Stray } brace.', 'latex').text), ['Stray', 'brace', '.']);
    });

    it('projects a 10,000-word document in well under 50 ms', () => {
      const paragraph =
        'The \\textbf{Gothenburg Young Persons Empowerment Scale} (\\textbf{GYPES}) was developed \\cite{a1}. ' +
        'Its score $s_i$ rose by 5\\% (see Fig.~\\ref{fig:1}) in \\ac{nlp} terms, e.g. for IL-6 and 𝛼-helix.\n\n';
      const source = '\\newacronym{nlp}{NLP}{natural language processing}\n' + paragraph.repeat(400);
      assert.ok(splitWords(project(source, 'latex').text).length > 10_000);
      assert.ok(fastest(() => project(source, 'latex')) < 50);
    });
  });

  describe('markdown', () => {
    it('drops code, URLs, HTML and front matter, and keeps link text', () => {
      const source = [
        '---',
        'title: Front matter',
        '---',
        '# Heading *one* #',
        '',
        'Some **bold** and _italic_ text with `inline code` and snake_case_name.',
        'A [link text](https://example.com/a_(b) "Title") and ![alt text](image.png) and <https://auto.link/x>.',
        'Bare https://example.org/path. <span class="x">Tagged</span> <!-- hidden --> end.',
        '',
        '```js',
        'const hidden = 1;',
        '```',
        '',
        '    indented code',
        '',
        '> Quoted words',
        '',
        '- item one',
        '* [x] item two',
        '1. item three',
        '',
        '| Short | Long |',
        '|-------|:----:|',
        '| NLP | natural language processing |',
        '',
        'Math $x^2$ and $$y$$ cost $5, not $6.',
        '',
        '[ref]: https://ref.example.com',
      ].join('\n');
      const projection = assertWordsMapBack(source, 'markdown');
      for (const hidden of [
        'title',
        'Front',
        '#',
        '*',
        '**',
        '`',
        'inline',
        'hidden',
        'indented',
        'https',
        'example',
      ]) {
        assert.ok(
          !words(projection.text).includes(hidden),
          `${hidden} in ${JSON.stringify(projection.text)}`,
        );
      }
      for (const hidden of ['<', '>', '|', '[', ']', '(', 'x^2', 'image.png', 'ref.example']) {
        assert.ok(!projection.text.includes(hidden) || hidden === '(', `${hidden} in ${projection.text}`);
      }
      assert.deepEqual(sentences(projection.text), [
        'Heading one',
        'Some bold and italic text with and snake_case_name .',
        'A link text and alt text and .',
        'Bare .',
        'Tagged end .',
        'Quoted words',
        'item one',
        'item two',
        'item three',
        'Short Long',
        'NLP natural language processing',
        'Math and cost $ 5 , not $ 6 .',
      ]);
      assert.deepEqual(
        projection.toSource(rangeOf(projection.text, 'link text')),
        rangeOf(source, 'link text'),
      );
      assert.deepEqual(projection.acronyms, []);
    });

    it('keeps citations in brackets that are not links', () => {
      const projection = project('As shown [1] and [2, 3].', 'markdown');
      assert.equal(projection.text, 'As shown [1] and [2, 3].');
    });

    it('decodes escapes and entities, mapping them to their source', () => {
      const source = 'A \\*literal\\* star &amp; more &#x1F600;.';
      const projection = project(source, 'markdown');
      assert.equal(projection.text, 'A *literal* star & more 😀.');
      assert.equal(sourceOf(projection, source, '&'), '&amp;');
      assert.equal(sourceOf(projection, source, '😀'), '&#x1F600;');
    });

    it('handles a multi-line HTML comment and CRLF inside code fences', () => {
      const source = 'Before.\r\n<!-- one\r\ntwo -->\r\nAfter.\r\n\r\n```\r\ncode\r\n```\r\nEnd.';
      const projection = assertWordsMapBack(source, 'markdown');
      assert.deepEqual(words(projection.text), ['Before', '.', 'After', '.', 'End', '.']);
    });

    it('projects a 10,000-word document in well under 50 ms', () => {
      const paragraph =
        'The **Gothenburg Young Persons Empowerment Scale** (_GYPES_) was [developed](http://x.org/y) `here`. ' +
        'Its score $s_i$ rose by 5% in <b>NLP</b> terms, e.g. for IL-6 and 𝛼-helix.\n\n';
      const source = paragraph.repeat(400);
      assert.ok(splitWords(project(source, 'markdown').text).length > 10_000);
      assert.ok(fastest(() => project(source, 'markdown')) < 50);
    });
  });
});

describe('langFromPath', () => {
  it('reads the language from the file extension', () => {
    assert.equal(langFromPath('/papers/main.tex'), 'latex');
    assert.equal(langFromPath('C:\\papers\\Main.LATEX'), 'latex');
    assert.equal(langFromPath('acronyms.sty'), 'latex');
    assert.equal(langFromPath('README.md'), 'markdown');
    assert.equal(langFromPath('notes.markdown'), 'markdown');
    assert.equal(langFromPath('page.mdx'), 'markdown');
    assert.equal(langFromPath('refs.bib'), 'plaintext');
    assert.equal(langFromPath('notes.txt'), 'plaintext');
    assert.equal(langFromPath('Makefile'), 'plaintext');
    assert.equal(langFromPath('dir.md/file'), 'plaintext');
  });
});

function fastest(run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const PROSE = [
  'alpha',
  '𝛼-helix',
  '😀',
  'IL-6',
  '(NLP)',
  'e.g.',
  'cells.',
  'Done!',
  '7,8',
  '0.05',
  'x😀y',
  '𝛼',
];
const SPACES = [' ', '  ', '\n', '\r\n', '\r\n\r\n', '\t', '\n\n'];
const MARKUP: Record<Lang, string[]> = {
  plaintext: ['\\textbf{', '}', '**', '`'],
  latex: [
    ...['\\textbf{', '\\emph{', '}', '{', '\\section{', '\\footnote{', '\\item', '\\item[', ']', '\\\\', '~'],
    ...['\\cite{key1}', '\\ref{fig:x}', '\\label{sec:y}', '$x^2$', '$', '\\(a+b\\)', '\\[x\\]', '$$y$$'],
    ...[
      '% comment\r\n',
      '% c\n',
      '\\begin{itemize}',
      '\\end{itemize}',
      '\\begin{equation}y=1\\end{equation}',
    ],
    ...['\\ac{nlp}', '\\gls{other}', '\\newacronym{nlp}{NLP}{natural language processing}', '\\unknown'],
    ...['\\begin{document}', '\\end{document}', '\\caption[short]{', '\\begin{figure}[h]', '\\end{figure}'],
  ],
  markdown: [
    ...[
      '**',
      '*',
      '_',
      '__',
      '~~',
      '`code`',
      '``',
      '\n```\ncode block\n```\n',
      '\r\n~~~\r\nmore code\r\n~~~\r\n',
    ],
    ...[
      '[link text](http://x.y/z)',
      '![alt](a.png)',
      '<https://auto.link>',
      'https://bare.url/x',
      '<b>',
      '</b>',
    ],
    ...[
      '<!-- c -->',
      '<!--',
      '-->',
      '\n# ',
      '\n## ',
      '\n> ',
      '\n- ',
      '\n1. ',
      '$x$',
      '$$y$$',
      '[^1]',
      '\n---\n',
    ],
    ...['\n| a | b |\n|---|---|\n| c | d |\n', '[ref]', '[', ']', '(', ')', '\n    indented\n', '|'],
  ],
};

function randomDocument(lang: Lang, random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  let source = random() < 0.5 ? pick(PROSE) : '';
  const length = 5 + Math.floor(random() * 40);
  for (let i = 0; i < length; i++) {
    source += pick(SPACES) + (random() < 0.4 ? pick(MARKUP[lang]) : pick(PROSE));
  }
  return random() < 0.2 ? `${source} \\` : source;
}
