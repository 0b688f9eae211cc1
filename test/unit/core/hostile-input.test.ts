import { strict as assert } from 'node:assert';
import { analyse, finish, prepare } from '../../../src/core/analyze';
import { buildGlossary, findDefinitions, propagateMentions } from '../../../src/core/pairing';
import { project } from '../../../src/core/markup';
import { RulesTagger } from '../../../src/core/taggers/rules';
import type { Lang, Span, Word } from '../../../src/core/types';
import { splitSentences } from '../../../src/core/text/sentences';
import { splitWords } from '../../../src/core/text/words';
import { assertGrowsLinearly } from '../../support/growth';

const rules = new RulesTagger();
const tag = (text: string, lang: Lang) => analyse(text, rules, { lang });

/** Issue 12: inputs that took seconds or minutes, or overflowed the stack, before. */
describe('hostile input', function () {
  this.timeout(120_000);

  describe('plain text', () => {
    it('splits 50,000 ( then 50,000 ) in linear time', async () => {
      const words = splitWords('('.repeat(6) + ')'.repeat(6));
      assert.deepEqual(
        words.map((w) => w.text),
        [...'(((((())))))'],
      );
      await assertGrowsLinearly(
        'brackets',
        (n) => '('.repeat(n) + ')'.repeat(n),
        (text) => splitSentences(splitWords(text), text),
        { n: 500 },
      );
    });

    it('ends a sentence after a period and a long run of closing brackets in linear time', async () => {
      const text = 'It rose.' + ')'.repeat(5) + ' Then';
      assert.deepEqual(
        splitSentences(splitWords(text), text).map((s) => s.map((w) => w.text).join('')),
        ['Itrose.)))))', 'Then'],
      );
      // Words made by hand, so that only the sentence splitter is timed: `a . ) ) … ) A`, the brackets glued.
      const closers = (n: number): { words: Word[]; text: string } => {
        const text = 'a.' + ')'.repeat(n) + ' A';
        const words = [...text.slice(0, -2)].map((char, i) => ({ start: i, end: i + 1, text: char }));
        return { words: [...words, { start: text.length - 1, end: text.length, text: 'A' }], text };
      };
      assert.equal(splitSentences(closers(3).words, closers(3).text).length, 2);
      await assertGrowsLinearly('closers', closers, ({ words, text }) => splitSentences(words, text), {
        n: 2_000,
      });
    });

    it('strips the closing brackets off a URL in linear time, keeping the ones it opened', async () => {
      assert.deepEqual(
        splitWords('see http://x.org/a_(b)).').map((w) => w.text),
        ['see', 'http://x.org/a_(b)', ')', '.'],
      );
      await assertGrowsLinearly(
        'URL',
        (n) => 'http://x' + ')'.repeat(n),
        (text) => splitWords(text),
        { n: 2_000 },
      );
    });

    it('tells an e-mail address from a chunk that loses one end at a time, in linear time', async () => {
      assert.deepEqual(
        splitWords('(mail a.b+c@d-e.org).').map((w) => w.text),
        ['(', 'mail', 'a.b+c@d-e.org', ')', '.'],
      );
      assert.deepEqual(
        splitWords('"x@y.z",').map((w) => w.text),
        ['"', 'x@y.z', '"', ','],
      );
      for (const make of [(n: number) => '_'.repeat(n) + 'a@b', (n: number) => 'a@b' + '_'.repeat(n)]) {
        await assertGrowsLinearly('e-mail', make, (text) => splitWords(text), { n: 2_000 });
      }
    });

    it('tags the rest of the text around the brackets as before', async () => {
      const text = 'The body mass index (BMI) rose. ' + '('.repeat(300) + ')'.repeat(300) + ' The BMI fell.';
      const analysis = await tag(text, 'plaintext');
      assert.deepEqual(
        analysis.spans.map((s) => [s.label, s.text, s.start]),
        [
          ['LF', 'body mass index', 4],
          ['AC', 'BMI', 21],
          ['AC', 'BMI', text.lastIndexOf('BMI')],
        ],
      );
    });
  });
  describe('Markdown', () => {
    const markdown = (text: string): string => project(text, 'markdown').text;

    it('projects links, footnotes, math, code, comments and headings as before', () => {
      assert.equal(
        markdown('see [the [BMI] page](http://x/(a)) or ![a fig](f.png) ['),
        'see the [BMI] page or a fig [',
      );
      assert.equal(markdown('[[[[a]]]](x) b'), '[[[a]]] b');
      assert.equal(markdown('[a][b] and [^1] and [^ unclosed'), 'a and  and [^ unclosed');
      assert.equal(markdown('$x$ and $$y$$ and $a b'), ' and  and $a b');
      assert.equal(markdown('a `code` b ``c`d`` e ``` f'), 'a  b  e ``` f');
      assert.equal(markdown('a <!--\nhidden -\n--> b'), 'a \n b');
      assert.equal(markdown('# Title ##   \n## Sub #hash  \nbody'), ' Title\n\n Sub #hash  \n\nbody');
      assert.equal(markdown('go to http://x/(a)). Now'), 'go to ). Now');
    });

    const cases: [string, (n: number) => string, number][] = [
      ['[ × n', (n) => '['.repeat(n), 2_000],
      ['![a]( × n', (n) => '![a]('.repeat(n), 500],
      ['[a][ × n', (n) => '[a]['.repeat(n), 500],
      ['n [, a, n ], (x)', (n) => '['.repeat(n) + 'a' + ']'.repeat(n) + '(x)', 2_000],
      ['[^ × n', (n) => '[^'.repeat(n), 1_000],
      ['$a × n', (n) => '$a '.repeat(n), 1_000],
      ['an unclosed comment over n lines', (n) => '<!--\n' + 'a-\n'.repeat(n), 1_000],
      ['a heading with n spaces before its last word', (n) => '# a' + ' '.repeat(n) + 'b\n', 2_000],
      ['a URL and n closing brackets', (n) => 'http://x' + ')'.repeat(n), 2_000],
    ];
    for (const [what, make, n] of cases) {
      it(`projects ${what} in linear time`, () =>
        assertGrowsLinearly(what, make, (text) => project(text, 'markdown'), { n }));
    }

    it('projects runs of 1, 2, 3 … backticks, none closed, in n log n time', async () => {
      // Each run looked along the rest of the line for a closer as long as itself: n^1.5 in all.
      const backticks = (n: number): string =>
        Array.from({ length: Math.round(Math.sqrt(2 * n)) }, (_, k) => '`'.repeat(k + 1) + 'a').join('');
      await assertGrowsLinearly('backtick runs', backticks, (text) => project(text, 'markdown'), {
        n: 2_000,
        factor: 16,
        maxRatio: 32,
      });
    });

    it('tags a 100,000-character line of [ as plain text', async () => {
      const text = 'The body mass index (BMI) rose. ' + '['.repeat(100_000);
      const analysis = await tag(text, 'markdown');
      assert.deepEqual(
        analysis.spans.map((s) => [s.label, s.text, s.start]),
        [
          ['LF', 'body mass index', 4],
          ['AC', 'BMI', 21],
        ],
      );
    });
  });

  describe('LaTeX', () => {
    const latex = (text: string): string => project(text, 'latex').text;
    const sentence = 'The body mass index (BMI) rose.';
    const expectPair = async (source: string) => {
      const analysis = await tag(source, 'latex');
      const at = source.indexOf('body');
      assert.deepEqual(
        analysis.spans.map((s) => [s.label, s.text, s.start]),
        [
          ['LF', 'body mass index', at],
          ['AC', 'BMI', source.indexOf('BMI')],
        ],
      );
    };

    it('projects 8,000 nested brace groups without running out of stack', async () => {
      await expectPair('{'.repeat(8_000) + sentence + '}'.repeat(8_000));
      await expectPair('{'.repeat(100_000) + sentence + '}'.repeat(100_000));
    });

    it('projects \\textbf{ and \\section{ nested 10,000 deep, closed or not', async () => {
      await expectPair('\\textbf{'.repeat(10_000) + sentence + '}'.repeat(10_000));
      await expectPair('\\textbf{'.repeat(10_000) + sentence);
      const sections = '\\section{'.repeat(10_000) + sentence + '}'.repeat(10_000);
      await expectPair(sections);
      assert.equal(latex(sections).trim(), sentence);
    });

    it('projects math, environments, \\verb, optional arguments and comments as before', () => {
      assert.equal(latex('a \\(x^2\\) b \\[y\\] c \\( open'), 'a  b  c  open');
      assert.equal(latex('a \\( x\n\n y \\) b'), 'a  x\n\n y  b');
      assert.equal(
        latex(
          'a \\begin{equation}x\\end{equation} b \\begin{verbatim}v\\end{verbatim} c \\begin{equation} open',
        ),
        'a  b \n\n c  open',
      );
      assert.equal(latex('a \\verb|x| b \\verb+y+ c \\verb!open\nd'), 'a 0 b 0 c open\nd');
      assert.equal(
        latex('\\item[Label] text \\item[ open\n\n\\section[short]{Long title} x \\\\[2pt] y'),
        'Label  text \n\n[ open\n\nLong title\n\n x  y',
      );
      assert.equal(latex('{\\acro[x]{A}{alpha}} \\ac{A} {\\acro[} b'), ' A [ b');
      const defined = project(
        '% \\acro{B}{beta}\n\\acro{C}{gamma} \\ac{B} \\ac{C} 50\\% \\acro{D}{delta}',
        'latex',
      );
      assert.equal(defined.text, '\n B C 50% ');
      assert.deepEqual(
        defined.acronyms.map((a) => [a.kind, a.short, a.long]),
        [
          ['definition', 'C', 'gamma'],
          ['mention', 'B', null],
          ['mention', 'C', 'gamma'],
          ['definition', 'D', 'delta'],
        ],
      );
      assert.equal(
        latex('%\\begin{document}\npreamble \\begin{document} body \\end{document} after'),
        ' body ',
      );
    });

    const cases: [string, (n: number) => string, number][] = [
      ['\\( × n', (n) => '\\('.repeat(n), 2_000],
      ['\\[ × n', (n) => '\\['.repeat(n), 2_000],
      ['\\( × n before a blank line and \\)', (n) => '\\('.repeat(n) + '\n\n\\)', 2_000],
      ['\\begin{equation} × n', (n) => '\\begin{equation}'.repeat(n), 1_000],
      ['\\verb|a| × n on one line', (n) => '\\verb|a|'.repeat(n), 1_000],
      [
        '\\verb and n different delimiters, none closed',
        (n) => Array.from({ length: n }, (_, k) => '\\verb' + String.fromCharCode(0x4e00 + k)).join(''),
        1_000,
      ],
      ['\\item[ × n', (n) => '\\item['.repeat(n), 1_000],
      ['\\section[ × n', (n) => '\\section['.repeat(n), 1_000],
      ['\\\\[ × n', (n) => '\\\\['.repeat(n), 1_000],
      ['{\\acro[} × n', (n) => '{\\acro[}'.repeat(n), 1_000],
      ['\\acro{A}{B} × n on one line', (n) => '\\acro{A}{B}'.repeat(n), 1_000],
      ['a commented \\begin{document} × n on one line', (n) => '%' + '\\begin{document}'.repeat(n), 1_000],
      // Issue 14: dead text, placeholders, verbatim arguments, mentions and definitions through each other.
      ['\\iffalse × n, none ended', (n) => '\\iffalse a '.repeat(n), 1_000],
      ['\\iffalse × n, then \\fi × n', (n) => '\\iffalse a '.repeat(n) + '\\fi '.repeat(n), 1_000],
      ['\\iftrue a \\else b \\fi × n', (n) => '\\iftrue a \\else b \\fi '.repeat(n), 1_000],
      ['\\begin{comment} × n, none ended', (n) => '\\begin{comment} \\acro{A}{b} '.repeat(n), 1_000],
      ['\\url{ × n on one line', (n) => '\\url{a%b '.repeat(n), 1_000],
      ['\\lstinline{ × n on one line', (n) => '\\lstinline{a '.repeat(n), 1_000],
      ['\\cite{a} and \\ref{b} × n', (n) => 'x \\cite{a} and \\ref{b}~y '.repeat(n), 400],
      ['\\acf{a} × n', (n) => '\\acro{a}{alpha} ' + '\\acf{a} '.repeat(n), 1_000],
      [
        'n macros of their own, each used',
        (n) =>
          Array.from({ length: n }, (_, k) => `\\newcommand{\\m${k}}[1]{\\footnote{#1}}\\m${k}{a} `).join(''),
        500,
      ],
      ['\\newcommand{ × n, none closed', (n) => '\\newcommand{\\m}[1]{#1 '.repeat(n), 500],
      [
        'n definitions, each through the next',
        (n) => Array.from({ length: n }, (_, k) => `\\acro{K${k}}{\\acl{K${k + 1}} x}\n`).join(''),
        500,
      ],
    ];
    for (const [what, make, n] of cases) {
      it(`projects ${what} in linear time`, () =>
        assertGrowsLinearly(what, make, (text) => project(text, 'latex'), { n }));
    }

    it('keeps the order of what comes after nested groups: item labels, href text, section breaks', () => {
      assert.equal(latex('\\item[{a \\textbf{b}}] c \\href{u}{d {e}} f'), 'a b  c d e f');
      assert.equal(latex('x\\section{A \\section{B} C}y'), 'x\n\nA \n\nB\n\n C\n\ny');
    });
  });

  describe('pairing (issue 12, item 11)', () => {
    /** `n` definitions `body mass index (BMI)` and `n` more mentions, with the spans a model gives them. */
    const defined = (n: number): { text: string; spans: Span[] } => {
      const unit = 'The body mass index (BMI) and the BMI. ';
      const text = unit.repeat(n);
      const spans: Span[] = [];
      for (let k = 0; k < n; k++) {
        const at = k * unit.length;
        spans.push({ label: 'LF', start: at + 4, end: at + 19, text: 'body mass index', score: 1 });
        spans.push({ label: 'AC', start: at + 21, end: at + 24, text: 'BMI', score: 1 });
      }
      return { text, spans };
    };

    it('builds the glossary of n definitions in n log n time', async () => {
      const { text, spans } = defined(3);
      const withMentions = propagateMentions(text, spans, findDefinitions(text, spans));
      assert.deepEqual(buildGlossary(text, withMentions, findDefinitions(text, spans)), [
        { short: 'BMI', long: 'body mass index', count: 6, definition: { start: 4, end: 19 } },
      ]);
      await assertGrowsLinearly(
        'buildGlossary',
        (n) => {
          const { text, spans } = defined(n);
          return { text, spans, definitions: findDefinitions(text, spans) };
        },
        ({ text, spans, definitions }) => buildGlossary(text, spans, definitions),
        { n: 2_000 },
      );
    });

    it('carries n definitions to n mentions in n log n time', async () => {
      const { text, spans } = defined(2);
      assert.deepEqual(
        propagateMentions(text, spans, findDefinitions(text, spans)).map((s) => [s.label, s.start]),
        [
          ['LF', 4],
          ['AC', 21],
          ['AC', 34],
          ['LF', 43],
          ['AC', 60],
          ['AC', 73],
        ],
      );
      await assertGrowsLinearly(
        'propagateMentions',
        (n) => {
          const { text, spans } = defined(n);
          return { text, spans, definitions: findDefinitions(text, spans) };
        },
        ({ text, spans, definitions }) => propagateMentions(text, spans, definitions),
        { n: 1_000 },
      );
    });

    it('links n long forms to their short forms in n log n time', async () => {
      const prepared = async (n: number) => {
        const ready = prepare(defined(n).text, rules.name, { lang: 'plaintext' });
        return { ready, tags: await rules.tagSentences(ready.sentences) };
      };
      const small = await prepared(2);
      assert.deepEqual(
        finish(small.ready, small.tags).spans.map((s) => [s.label, s.short]),
        [
          ['LF', 'BMI'],
          ['AC', 'BMI'],
          ['AC', 'BMI'],
          ['LF', 'BMI'],
          ['AC', 'BMI'],
          ['AC', 'BMI'],
        ],
      );
      const inputs = new Map<number, Awaited<ReturnType<typeof prepared>>>();
      for (const n of [2_000, 8_000]) inputs.set(n, await prepared(n));
      await assertGrowsLinearly(
        'finish',
        (n) => inputs.get(n) ?? small,
        ({ ready, tags }) => finish(ready, tags),
        { n: 2_000 },
      );
    });

    it('marks n LaTeX mentions and merges n macro definitions in n log n time', async () => {
      const latex = (n: number): string =>
        Array.from({ length: n }, (_, k) => `\\acro{K${k}}{key number ${k}} \\ac{K${k}}.\n`).join('');
      const prepared = async (n: number) => {
        const ready = prepare(latex(n), rules.name, { lang: 'latex' });
        return { ready, tags: await rules.tagSentences(ready.sentences) };
      };
      const small = await prepared(2);
      const analysis = finish(small.ready, small.tags);
      assert.deepEqual(
        analysis.spans.map((s) => [s.label, s.text, s.source]),
        [
          ['AC', '\\ac{K0}', 'macro'],
          ['AC', '\\ac{K1}', 'macro'],
        ],
      );
      assert.deepEqual(
        analysis.glossary.map((e) => [e.short, e.long, e.count]),
        [
          ['K0', 'key number 0', 1],
          ['K1', 'key number 1', 1],
        ],
      );
      const inputs = new Map<number, Awaited<ReturnType<typeof prepared>>>();
      for (const n of [2_000, 8_000]) inputs.set(n, await prepared(n));
      await assertGrowsLinearly(
        'finish (LaTeX)',
        (n) => inputs.get(n) ?? small,
        ({ ready, tags }) => finish(ready, tags),
        { n: 2_000 },
      );
    });
  });
});
