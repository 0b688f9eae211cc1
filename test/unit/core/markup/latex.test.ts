import { strict as assert } from 'node:assert';
import { analyse } from '../../../../src/core/analyze';
import { project } from '../../../../src/core/markup';
import { latexDefinitions, latexMentionKeys, projectLatex } from '../../../../src/core/markup/latex';
import { RulesTagger } from '../../../../src/core/taggers/rules';
import { fromJsonGlossary, toJson } from '../../../../src/core/render';
import type { Range } from '../../../../src/core/types';

const rules = new RulesTagger();
const latex = (source: string): string => project(source, 'latex').text;
const slice = (source: string, range: Range): string => source.slice(range.start, range.end);

describe('LaTeX semantics', () => {
  describe('placeholders', () => {
    it('reads references, citations and numbers as placeholders mapped to the whole command', () => {
      const source =
        'See Section~\\ref{sec:a}, Eq.~\\eqref{e}, \\Cref{f} and \\crefrange{a}{b} on page \\pageref{p}, ' +
        'as in \\citep[p.~3]{k1,k2} and \\citet{k3}; it took \\SI{3.5}{\\milli\\second} and \\num{1e5} runs.';
      const projection = project(source, 'latex');
      assert.equal(
        projection.text,
        'See Section 0, Eq. 0, 0 and 0 on page 0, as in 0 and 0; it took 0 and 0 runs.',
      );
      assert.deepEqual(
        projection.silentRanges.map((range) => slice(source, projection.toSource(range))),
        [
          '\\ref{sec:a}',
          '\\eqref{e}',
          '\\Cref{f}',
          '\\crefrange{a}{b}',
          '\\pageref{p}',
          '\\citep[p.~3]{k1,k2}',
          '\\citet{k3}',
          '\\SI{3.5}{\\milli\\second}',
          '\\num{1e5}',
        ],
      );
    });

    it('reads inline code, URLs and paths as a placeholder, whatever delimits them', () => {
      assert.equal(
        latex(
          'Call \\texttt{LD\\_PRELOAD} or \\verb|x{| or \\lstinline[language=C]{f(a)} or \\lstinline!g()! ' +
            'or \\mintinline{python}{h()} at \\url{http://x.org/a%20b} in \\path{/usr/bin} and \\href{http://y}{the site}.',
        ),
        'Call 0 or 0 or 0 or 0 or 0 at 0 in 0 and the site.',
      );
    });

    it('drops what the code environments hold', () => {
      assert.equal(
        latex(
          'A\n\\begin{lstlisting}[language=C]\nint NLP;\n\\end{lstlisting}\nB \\begin{minted}{python}\nCNN = 1\n' +
            '\\end{minted} C \\begin{verbatim}GPU\\end{verbatim} D',
        ).replace(/\s+/g, ' '),
        'A B C D',
      );
    });

    it('keeps a bracket after a reference from reading as a definition', async () => {
      const source =
        'The hub keeps a secure connection to its own network (Section~\\ref{sec:net}). It works.';
      const analysis = await analyse(source, rules, { lang: 'latex' });
      assert.deepEqual(analysis.spans, []);
      assert.deepEqual(analysis.glossary, []);
      // Before: "(Section)" was read as the abbreviation of "secure connection to its own network".
      const without = await analyse(source.replace('~\\ref{sec:net}', ''), rules, { lang: 'latex' });
      assert.deepEqual(
        without.spans.map((s) => s.text),
        ['secure connection to its own network', 'Section'],
      );
    });

    it('puts no span on a placeholder, and pairs a long form across a citation', async () => {
      const source =
        'Devices of the Internet of Things~\\cite{iot} (IoT) talk over the Transmission Control Protocol ' +
        '(TCP,~\\cite{tcp}). Every IoT device speaks TCP \\cite{x}.';
      const analysis = await analyse(source, rules, { lang: 'latex' });
      assert.deepEqual(
        analysis.glossary.map((e) => [e.short, e.long]),
        [
          ['IoT', 'Internet of Things'],
          ['TCP', 'Transmission Control Protocol'],
        ],
      );
      for (const span of analysis.spans) assert.doesNotMatch(span.text, /\\cite/, JSON.stringify(span));
    });
  });

  describe('acronym definitions', () => {
    it('reads \\acroplural and \\acrodefplural as the plural forms of an abbreviation', () => {
      const source =
        '\\begin{acronym}\n\\acro{OS}{Operating System}\n\\acroplural{OS}[OSes]{Operating Systems}\n' +
        '\\acrodefplural{UPP}[UPPs]{User-Perceived Properties}\n\\acro{UPP}{User-Perceived Property}\n' +
        '\\end{acronym}\nOne \\ac{OS}, two \\acp{OS}, all \\aclp{OS}; one \\acs{UPP}, some \\acp{UPP}.';
      const projection = projectLatex(source);
      assert.equal(projection.text.trim(), 'One OS, two OSes, all Operating Systems; one UPP, some UPPs.');
      assert.deepEqual(
        projection.acronyms
          .filter((a) => a.kind === 'definition')
          .map((a) => [a.key, a.short, a.long, a.plural ?? false]),
        [
          ['OS', 'OS', 'Operating System', false],
          ['OS', 'OSes', 'Operating Systems', true],
          ['UPP', 'UPPs', 'User-Perceived Properties', true],
          ['UPP', 'UPP', 'User-Perceived Property', false],
        ],
      );
    });

    it('keeps the glossary to one entry per abbreviation, the plural folded into it', async () => {
      const source =
        '\\acro{OS}{Operating System}\n\\acroplural{OS}[OSes]{Operating Systems}\nAll \\acp{OS} and one \\ac{OS}.';
      const analysis = await analyse(source, rules, { lang: 'latex' });
      assert.deepEqual(
        analysis.glossary.map((e) => [e.short, e.long]),
        [['OS', 'Operating System']],
      );
      const declared = source.indexOf('\\acroplural');
      assert.deepEqual(analysis.glossary[0].plural, {
        short: 'OSes',
        long: 'Operating Systems',
        definition: { start: declared, end: source.indexOf('\nAll') },
      });
    });

    it('lists a declared plural in the JSON glossary as a definition of its own, and reads it back', async () => {
      const source =
        '\\acrodefplural{SDS}[SDS]{Software-Defined Sockets}\n\\acro{SDS}{Software-Defined Socket}\n' +
        '\\acro{VM}{Virtual Machine}\nTwo \\acp{SDS} on one \\ac{VM}.';
      const analysis = await analyse(source, rules, { lang: 'latex' });
      const { glossary } = toJson('paper.tex', analysis);
      assert.deepEqual(
        glossary.map((e) => [e.short, e.long, e.pluralOf]),
        [
          ['SDS', 'Software-Defined Socket', undefined],
          ['SDS', 'Software-Defined Sockets', 'SDS'],
          ['VM', 'Virtual Machine', undefined],
        ],
      );
      assert.deepEqual(fromJsonGlossary(JSON.parse(JSON.stringify(glossary))), analysis.glossary);
    });

    it('reads the options of \\newacronym and the keys of \\DeclareAcronym, plurals included', () => {
      const definitions = latexDefinitions(
        '\\newacronym[shortplural={CNNs},longplural={convolutional networks}]{cnn}{CNN}{convolutional network}\n' +
          '\\newabbreviation{svm}{SVM}{support vector machine}\n' +
          '\\DeclareAcronym{gpu}{short = GPU, long = {graphics processor, or card}, short-plural = s}\n' +
          '\\DeclareAcronym{ms}{short=MS, long=mass spectrometer, long-plural-form = {mass spectrometers}}',
      );
      assert.deepEqual(definitions, [
        {
          key: 'cnn',
          short: 'CNN',
          long: 'convolutional network',
          shortPlural: 'CNNs',
          longPlural: 'convolutional networks',
        },
        { key: 'svm', short: 'SVM', long: 'support vector machine' },
        { key: 'gpu', short: 'GPU', long: 'graphics processor, or card', shortPlural: 'GPUs' },
        { key: 'ms', short: 'MS', long: 'mass spectrometer', longPlural: 'mass spectrometers' },
      ]);
    });

    it('reads \\newglossaryentry as an abbreviation only when it is one', () => {
      const source =
        '\\newglossaryentry{api}{type=\\acronymtype, name={API}, description={application programming interface}}\n' +
        '\\newglossaryentry{dos}{name={DoS}, description={an attack}, first={denial of service (DoS)}}\n' +
        '\\newglossaryentry{laptop}{name={laptop}, description={a portable computer}}\n' +
        'An \\gls{api}, a \\gls{dos}, a \\gls{laptop} and \\Glspl{laptop}.';
      assert.deepEqual(
        latexDefinitions(source).map((d) => [d.key, d.short, d.long]),
        [
          ['api', 'API', 'application programming interface'],
          ['dos', 'DoS', 'denial of service'],
          ['laptop', 'laptop', null],
        ],
      );
      assert.equal(latex(source).trim(), 'An API, a DoS, a laptop and Laptops.');
    });

    it('expands mentions inside a definition, whichever comes first', () => {
      const source =
        '\\acro{JVM}{Java \\acl{VM}}\n\\acro{VMM}{\\acl{VM} Monitor}\n\\acro{VM}{Virtual Machine}\n' +
        '\\acro{A}{\\acl{B} one}\n\\acro{B}{\\acl{A} two}';
      const definitions = latexDefinitions(source);
      assert.deepEqual(
        definitions.slice(0, 3).map((d) => [d.short, d.long]),
        [
          ['JVM', 'Java Virtual Machine'],
          ['VMM', 'Virtual Machine Monitor'],
          ['VM', 'Virtual Machine'],
        ],
      );
      // A cycle stops: the inner mention falls back to its key.
      assert.deepEqual(
        definitions.slice(3).map((d) => d.long),
        ['A two one', 'A two'],
      );
    });

    it('ignores definitions in comments, in dead text and in comment environments', () => {
      const source =
        '% \\acro{A}{alpha}\n\\iffalse\n\\acro{B}{beta}\n\\fi\n\\begin{comment}\n\\acro{C}{gamma}\n\\end{comment}\n' +
        '\\acro{D}{delta}';
      assert.deepEqual(
        latexDefinitions(source).map((d) => d.key),
        ['D'],
      );
    });
  });

  describe('acronym mentions', () => {
    const source =
      '\\newacronym{vm}{VM}{virtual machine}\n\\begin{document}\n' +
      'A \\ac{vm}, the \\acl{vm}, a \\acf{vm}, two \\acp{vm}, \\Acl{vm}, \\GLS{vm}, \\acrfull{vm}, \\acfp{vm}, \\acs{xx}, \\acl{yy}.\n' +
      '\\end{document}';

    it('prints the short form, the long form or both, as the macro means', () => {
      const projection = projectLatex(source);
      assert.equal(
        projection.text.trim(),
        'A VM, the virtual machine, a virtual machine (VM), two VMs, Virtual machine, VM, ' +
          'virtual machine (VM), virtual machines (VMs), xx, yy.',
      );
      assert.deepEqual(
        projection.mentionRanges.map((range) => slice(projection.text, range)),
        ['VM', 'VM', 'VMs', 'VM', 'VM', 'VMs', 'xx', 'yy'],
      );
      assert.deepEqual(
        projection.silentRanges.map((range) => slice(projection.text, range)),
        ['virtual machine', 'virtual machine', 'virtual machines'],
      );
      for (const range of [...projection.mentionRanges, ...projection.silentRanges]) {
        assert.match(slice(source, projection.toSource(range)), /^\\[A-Za-z]+\{[a-z]+\}$/);
      }
    });

    it('tags the abbreviation a mention writes, and not the long form of \\acf', async () => {
      const analysis = await analyse(source, rules, { lang: 'latex' });
      assert.ok(
        analysis.spans.every((s) => s.label === 'AC'),
        JSON.stringify(analysis.spans),
      );
      assert.deepEqual(
        analysis.glossary.map((e) => [e.short, e.long]),
        [
          ['VM', 'virtual machine'],
          ['xx', null],
          ['yy', null],
        ],
      );
    });

    it('lets a long form written with \\acl pair with its abbreviation in the text', async () => {
      const text = '\\acro{VM}{Virtual Machine}\nEach \\acl{VM} Monitor (VMM) runs guests. The VMM is small.';
      const analysis = await analyse(text, rules, { lang: 'latex' });
      const vmm = analysis.glossary.find((e) => e.short === 'VMM');
      assert.equal(vmm?.long, 'Virtual Machine Monitor');
      assert.ok(vmm.definition);
      assert.equal(slice(text, vmm.definition), '\\acl{VM} Monitor');
    });

    it('counts the keys that mentions name', () => {
      assert.deepEqual(
        [...latexMentionKeys(source)],
        [
          ['vm', 8],
          ['xx', 1],
          ['yy', 1],
        ],
      );
    });
  });

  describe("a document's own macros with arguments", () => {
    const preamble =
      '\\newcommand{\\eat}[1]{}\n\\newcommand{\\hilight}[1]{\\colorbox{yellow}{#1}}\n' +
      '\\newcommand{\\yang}[1]{{\\color{blue}\\footnote{\\color{blue}Yang: #1}}}\n' +
      '\\newcommand{\\footnotelink}[1]{\\footnote{\\url{#1}}}\n\\newcommand\\seesec[1]{Section~\\ref{#1}}\n' +
      '\\def\\todo#1{}\n\\newcommand{\\pick}[2][x]{#2}\n% \\newcommand{\\hidden}[1]{}\n' +
      '\\renewcommand{\\cite}[1]{#1}\n';

    it('reads each argument as the body uses it: dropped, prose, a footnote, or a placeholder', () => {
      const source =
        preamble +
        '\\begin{document}\nA \\eat{secret NLP} B \\hilight{bright} C\\yang{a note} D ' +
        'ID\\footnotelink{https://x.org/a%20b} E (\\seesec{s}) F \\todo{fix} G \\pick[y]{kept} \\hidden{shown} \\cite{k}.\n' +
        '\\end{document}';
      const projection = project(source, 'latex');
      assert.equal(projection.text, '\nA  B bright C\n\na note\n\n D ID E (0) F  G kept shown 0.\n');
      const at = projection.text.indexOf('(0)') + 1;
      assert.equal(slice(source, projection.toSource({ start: at, end: at + 1 })), '{s}');
    });

    it('keeps offsets exact around them', () => {
      const source = preamble + 'x \\hilight{Body Mass Index} (\\hilight{BMI}) y';
      const projection = project(source, 'latex');
      const long = projection.text.indexOf('Body Mass Index');
      assert.equal(slice(source, projection.toSource({ start: long, end: long + 15 })), 'Body Mass Index');
    });
  });

  describe('dead text', () => {
    it('drops \\iffalse … \\fi, nested conditionals and all, and the \\else of \\iftrue', () => {
      assert.equal(
        latex('a \\iffalse b \\ifx\\x\\y c \\fi d \\fi e \\iftrue f \\else g \\fi h'),
        'a  e  f  h',
      );
      assert.equal(latex('a \\iffalse b \\else c \\fi d'), 'a  c  d');
    });

    it('is not fooled by \\newif, \\let, \\iff or etoolbox tests', () => {
      assert.equal(
        latex('\\newif\\ifdraft \\let\\ifdraft\\iffalse a \\ifdef{\\x}{b}{c} \\iffalse d $p \\iff q$ \\fi e'),
        '  a bc  e',
      );
    });

    it('leaves an \\iffalse that never ends alone, and a commented one', () => {
      assert.equal(latex('a \\iffalse b'), 'a  b');
      assert.equal(latex('a %\\iffalse\nb \\fi c'), 'a \nb  c');
    });

    it('drops the comment environment', () => {
      assert.equal(latex('a \\begin{comment} NLP \\end{comment} b').replace(/\s+/g, ' '), 'a b');
    });
  });
});
