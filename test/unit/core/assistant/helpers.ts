import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyse } from '../../../../src/core/analyze';
import { buildModel, type AssistModel } from '../../../../src/core/assistant/model';
import { RulesTagger } from '../../../../src/core/taggers/rules';
import { paragraphSentences } from '../../../../src/core/text/sentences';
import type { Lang, Range, Tagger, WordTag } from '../../../../src/core/types';

/** The assistant's model of `source`, tagged by the rules tagger. */
export async function modelOf(source: string, lang: Lang = 'plaintext'): Promise<AssistModel> {
  const analysis = await analyse(source, new RulesTagger(), { lang });
  return buildModel(analysis, source, lang);
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'assistant', name), 'utf8');
}

/** The source text of a range. */
export function textOf(source: string, range: Range): string {
  return source.slice(range.start, range.end);
}

/**
 * A tagger that tags exactly the phrases it is given, wherever their words stand in a sentence: for tests
 * that need a span the rules tagger would not find (or would find where it should not).
 */
export class PhraseTagger implements Tagger {
  readonly name = 'phrases';
  readonly sentencesIndependent = true;
  private readonly phrases: { label: 'AC' | 'LF'; words: string[] }[];

  constructor(phrases: { AC?: string[]; LF?: string[] }) {
    const split = (text: string) => paragraphSentences(text).flatMap((s) => s.map((w) => w.text));
    this.phrases = [
      ...(phrases.LF ?? []).map((p) => ({ label: 'LF' as const, words: split(p) })),
      ...(phrases.AC ?? []).map((p) => ({ label: 'AC' as const, words: split(p) })),
    ].sort((a, b) => b.words.length - a.words.length);
  }

  async tagSentences(sentences: readonly (readonly string[])[]): Promise<WordTag[][]> {
    return sentences.map((words) => {
      const tags: WordTag[] = words.map(() => ({ tag: 'O', score: 0.99 }));
      for (const { label, words: phrase } of this.phrases) {
        for (let i = 0; i + phrase.length <= words.length; i++) {
          const free = phrase.every((w, k) => words[i + k] === w && tags[i + k].tag === 'O');
          if (!free) continue;
          phrase.forEach(
            (_, k) => (tags[i + k] = { tag: k === 0 ? `B-${label}` : `I-${label}`, score: 0.99 }),
          );
        }
      }
      return tags;
    });
  }

  async dispose(): Promise<void> {}
}

/** The assistant's model of `source` with exactly these spans tagged. */
export async function modelWith(
  source: string,
  phrases: { AC?: string[]; LF?: string[] },
  lang: Lang = 'plaintext',
): Promise<AssistModel> {
  const analysis = await analyse(source, new PhraseTagger(phrases), { lang });
  return buildModel(analysis, source, lang);
}

/** A LaTeX document: the `\\usepackage` line, preamble lines, then the body lines. */
export function tex(packages: string, preamble: string[], ...body: string[]): string {
  return [
    '\\documentclass{article}',
    packages,
    ...preamble,
    '\\begin{document}',
    ...body,
    '\\end{document}',
    '',
  ].join('\n');
}
