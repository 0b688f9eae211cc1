import * as fs from 'node:fs';
import { parseConll } from '../core/eval/conll';
import { evaluate, formatEvaluation } from '../core/eval/metrics';
import { loadTagger } from '../core/loadTagger';
import { defaultEvalFile } from '../core/data';
import { DEFAULT_MODEL } from '../core/models';
import type { Tag } from '../core/types';
import { InputError, readTextFile } from './input';
import { loadOptions, MODEL_FLAGS, oneOf, parse } from './options';

export async function evalCommand(args: string[], write: (text: string) => void): Promise<void> {
  const { values } = parse(args, {
    data: { type: 'string', short: 'd' },
    split: { type: 'string' },
    ...MODEL_FLAGS,
    json: { type: 'boolean' },
  });
  const split = oneOf(values.split, ['train', 'validation', 'test'] as const, '--split');
  const file = values.data ?? defaultEvalFile(split);
  if (!values.data && !fs.existsSync(file)) {
    throw new InputError(
      `the PLOD-CW data is not at ${file}; give --data FILE.conll or set PLOD_DATA_DIR to the folder that holds plod-cw/`,
    );
  }
  let sentences;
  try {
    sentences = parseConll(readTextFile(file));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${file}: ${(error as Error).message}`);
  }
  if (sentences.some((s) => s.tags === null))
    throw new InputError(`${file} has lines without a gold tag column`);
  const tagger = await loadTagger(values.model ?? DEFAULT_MODEL, loadOptions(values));
  try {
    const started = performance.now();
    const predicted = await tagger.tagSentences(sentences.map((s) => s.tokens));
    const seconds = (performance.now() - started) / 1000;
    const result = evaluate(
      sentences.map((s) => s.tags as Tag[]),
      predicted.map((tags) => tags.map((t) => t.tag)),
    );
    const tokens = sentences.reduce((n, s) => n + s.tokens.length, 0);
    if (values.json) {
      const { perLabel, micro, confusion } = result;
      const summary = {
        model: tagger.name,
        data: file,
        sentences: sentences.length,
        tokens,
        ...perLabel,
        micro,
        confusion,
      };
      write(JSON.stringify(summary, null, 2) + '\n');
    } else {
      write(
        `model ${tagger.name} on ${file}: ${sentences.length} sentences, ${tokens} tokens, ` +
          `${Math.round(tokens / seconds)} words/s\n\n${formatEvaluation(result)}`,
      );
    }
  } finally {
    await tagger.dispose();
  }
}
