import { analyse } from '../core/analyze';
import { formatGlossaries, GLOSSARY_FORMATS } from '../core/glossary/formats';
import type { FileGlossary } from '../core/types';
import { loadTagger } from '../core/loadTagger';
import { DEFAULT_MODEL } from '../core/models';
import { langOption, loadOptions, MODEL_FLAGS, oneOf, parse } from './options';
import { FileProblems, readSources } from './sources';

export async function glossaryCommand(args: string[], write: (text: string) => void): Promise<number> {
  const { values, positionals } = parse(args, {
    ...MODEL_FLAGS,
    format: { type: 'string', short: 'f' },
    lang: { type: 'string', short: 'l' },
  });
  const format = oneOf(values.format, GLOSSARY_FORMATS, '--format') ?? 'markdown';
  const lang = langOption(values.lang);
  const tagger = await loadTagger(values.model ?? DEFAULT_MODEL, loadOptions(values));
  const problems = new FileProblems();
  try {
    const glossaries: FileGlossary[] = [];
    for await (const source of readSources(positionals, lang, problems)) {
      const analysis = await analyse(source.text, tagger, { lang: source.lang });
      const entry = { file: source.file, entries: analysis.glossary };
      if (format === 'jsonl') write(formatGlossaries([entry], 'jsonl'));
      else glossaries.push(entry);
    }
    if (format !== 'jsonl') write(formatGlossaries(glossaries, format));
    return problems.exitCode;
  } finally {
    await tagger.dispose();
  }
}
