import { analyse } from '../core/analyze';
import { formatConll, parseConll } from '../core/eval/conll';
import { loadTagger } from '../core/loadTagger';
import { DEFAULT_MODEL } from '../core/models';
import type { Tagger } from '../core/types';
import { InputError } from './input';
import { langOption, loadOptions, MODEL_FLAGS, oneOf, parse } from './options';
import { toInlineText, toJson } from '../core/render';
import { analysisForFile, diskFiles, projectOf } from '../core/markup/latexProject';
import { FileProblems, readSources, type Source } from './sources';

const FORMATS = ['json', 'conll', 'text'] as const;
type Format = (typeof FORMATS)[number];

export async function tagCommand(args: string[], write: (text: string) => void): Promise<number> {
  const { values, positionals } = parse(args, {
    ...MODEL_FLAGS,
    format: { type: 'string', short: 'f' },
    lang: { type: 'string', short: 'l' },
    input: { type: 'string' },
    standalone: { type: 'boolean' },
  });
  const input = oneOf(values.input, ['text', 'conll'] as const, '--input') ?? 'text';
  const format = oneOf(values.format, FORMATS, '--format') ?? (input === 'conll' ? 'conll' : 'json');
  const lang = langOption(values.lang);
  if (input === 'conll' && format !== 'conll' && format !== 'json') {
    throw new InputError('--input conll can be written as --format conll or json', 2);
  }
  const tagger = await loadTagger(values.model ?? DEFAULT_MODEL, loadOptions(values));
  const problems = new FileProblems();
  try {
    for await (const source of readSources(positionals, lang, problems)) {
      await problems.guard(async () => {
        write(
          input === 'conll'
            ? await tagConll(source, tagger, format)
            : await tagText(source, tagger, format, values.standalone !== true),
        );
      });
    }
    return problems.exitCode;
  } finally {
    await tagger.dispose();
  }
}

async function tagText(source: Source, tagger: Tagger, format: Format, inProject: boolean): Promise<string> {
  // A LaTeX file of a project is read with the definitions and mentions of the whole project (see latexProject).
  const project =
    inProject && format !== 'conll' && source.lang === 'latex' && source.file !== '-'
      ? projectOf(source.file, source.text, diskFiles())
      : undefined;
  const analysis = project
    ? analysisForFile(project, source.file, await analyse(project.text, tagger, { lang: 'latex' }))
    : await analyse(source.text, tagger, { lang: source.lang, withTokens: format === 'conll' });
  if (format === 'json') return JSON.stringify(toJson(source.file, analysis)) + '\n';
  if (format === 'text') return toInlineText(source.text, analysis);
  return formatConll(
    (analysis.tokens ?? []).map((s) => ({
      tokens: s.words.map((w) => w.text),
      tags: s.tags.map((t) => t.tag),
    })),
  );
}

async function tagConll(source: Source, tagger: Tagger, format: Format): Promise<string> {
  let sentences;
  try {
    sentences = parseConll(source.text, { readTags: false });
  } catch (error) {
    throw new InputError(`${source.file}: ${(error as Error).message}`);
  }
  if (sentences.length === 0) throw new InputError(`${source.file} holds no CoNLL sentences`);
  const tags = await tagger.tagSentences(sentences.map((s) => s.tokens));
  if (format === 'conll') {
    return formatConll(sentences.map((s, i) => ({ tokens: s.tokens, tags: tags[i].map((t) => t.tag) })));
  }
  const result = {
    file: source.file,
    model: tagger.name,
    sentences: sentences.map((s, i) => ({ tokens: s.tokens, tags: tags[i].map((t) => t.tag) })),
  };
  return JSON.stringify(result) + '\n';
}
