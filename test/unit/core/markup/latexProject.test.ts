import { strict as assert } from 'node:assert';
import { memoryProject } from '../../../support/memoryProject';
import * as path from 'node:path';
import { analyse } from '../../../../src/core/analyze';
import {
  analysisForFile,
  findRoot,
  flatten,
  projectOf,
  toFile,
} from '../../../../src/core/markup/latexProject';
import { RulesTagger } from '../../../../src/core/taggers/rules';

const ROOT = path.resolve('/papers/thesis');
const at = (name: string) => path.join(ROOT, name);

const memory = (files: Record<string, string>) => memoryProject(ROOT, files);

const MAIN =
  '\\documentclass{article}\n\\usepackage{acronym}\n\\begin{document}\n\\input{acronyms}\n% \\input{old}\n\\include{chapters/intro}\n\\end{document}\n';
const ACRONYMS = '\\begin{acronym}\n\\acro{VM}{virtual machine}\n\\end{acronym}\n';
const INTRO = '\\section{Intro}\nEach \\ac{VM} runs. The Internet of Things (IoT) grows.\n';

describe('LaTeX projects of several files', () => {
  const files = memory({
    'main.tex': MAIN,
    'acronyms.tex': ACRONYMS,
    'old.tex': 'never read',
    'chapters/intro.tex': INTRO,
    'chapters/magic.tex': '%!TEX root = ../main.tex\nText.\n',
    'chapters/sub.tex': '\\documentclass[../main.tex]{subfiles}\n\\begin{document}\nBody.\n\\end{document}\n',
    'alone.tex': '\\documentclass{article}\n\\begin{document}\nAlone.\n\\end{document}\n',
  });

  it('finds the root by the file that includes it, a %!TEX root comment, or \\documentclass[root]{subfiles}', () => {
    assert.equal(findRoot(at('chapters/intro.tex'), files), at('main.tex'));
    assert.equal(findRoot(at('acronyms.tex'), files), at('main.tex'));
    assert.equal(findRoot(at('chapters/magic.tex'), files), at('main.tex'));
    assert.equal(findRoot(at('chapters/sub.tex'), files), at('main.tex'));
    assert.equal(findRoot(at('alone.tex'), files), at('alone.tex'));
  });

  it('puts each included file in place, skips commented-out includes, and maps offsets back to each file', () => {
    const project = flatten(at('main.tex'), files);
    assert.deepEqual(project.files, [at('main.tex'), at('acronyms.tex'), at('chapters/intro.tex')]);
    assert.ok(!project.text.includes('never read'));
    const vm = project.text.indexOf('\\ac{VM}');
    assert.deepEqual(toFile(project, at('chapters/intro.tex'), { start: vm, end: vm + 7 }), {
      start: INTRO.indexOf('\\ac{VM}'),
      end: INTRO.indexOf('\\ac{VM}') + 7,
    });
    assert.equal(toFile(project, at('main.tex'), { start: vm, end: vm + 7 }), undefined);
  });

  it('gives a chapter the long forms its project defines in another file, at the chapter’s own offsets', async () => {
    const project = projectOf(at('chapters/intro.tex'), INTRO, files);
    assert.ok(project);
    const whole = await analyse(project.text, new RulesTagger(), { lang: 'latex' });
    const chapter = analysisForFile(project, at('chapters/intro.tex'), whole);
    const vm = chapter.glossary.find((g) => g.short === 'VM');
    assert.deepEqual(vm, { short: 'VM', long: 'virtual machine', count: 1, definition: null });
    const iot = chapter.glossary.find((g) => g.short === 'IoT');
    const lf = INTRO.indexOf('Internet of Things');
    assert.deepEqual(iot?.definition, { start: lf, end: lf + 'Internet of Things'.length });
    for (const span of chapter.spans) assert.equal(INTRO.slice(span.start, span.end), span.text);
    assert.equal(projectOf(at('alone.tex'), 'Alone.', files), undefined, 'a file alone is no project');
  });
});
