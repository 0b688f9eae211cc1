import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConll } from '../core/eval/conll';
import { evaluate, formatEvaluation } from '../core/eval/metrics';
import { loadTagger } from '../core/loadTagger';
import { DEFAULT_MODEL } from '../core/models';
import type { Tag } from '../core/types';
import { evaluateSamples, readSduSamples } from '../core/eval/samples';
import { dataDir, defaultEvalFile } from '../core/data';
import { InputError, readTextFile } from './input';
import { loadOptions, MODEL_FLAGS, oneOf, parse } from './options';

export async function evalCommand(args: string[], write: (text: string) => void): Promise<void> {
  const { values } = parse(args, {
    data: { type: 'string', short: 'd' },
    split: { type: 'string' },
    sdu: { type: 'string' },
    ...MODEL_FLAGS,
    json: { type: 'boolean' },
  });
  if (values.sdu !== undefined) {
    if (values.data !== undefined || values.split !== undefined)
      throw new InputError('--sdu scores an SDU@AAAI-22 set; it takes no --data or --split', 2);
    return sduCommand(values.sdu, values, write);
  }
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

/**
 * `eval --sdu NAME|FILE.json`: the whole analysis (model, pairing, review) on an SDU@AAAI-22 set (`scientific`
 * or `legal` dev in the data folder, or a file of samples), each sample tagged as plain text and scored by
 * character spans, with a bootstrap 95 % interval of micro F1 over samples.
 */
async function sduCommand(
  set: string,
  values: Parameters<typeof loadOptions>[0] & { model?: string; json?: boolean },
  write: (text: string) => void,
): Promise<void> {
  const file = /\.json$/i.test(set) ? set : path.join(dataDir(), 'sdu22-ae-en', set, 'dev.json');
  if (!fs.existsSync(file)) {
    throw new InputError(
      `the SDU@AAAI-22 set is not at ${file}; name scientific or legal, give FILE.json, or set PLOD_DATA_DIR`,
    );
  }
  let samples;
  try {
    samples = readSduSamples(readTextFile(file), file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError((error as Error).message);
  }
  const tagger = await loadTagger(values.model ?? DEFAULT_MODEL, loadOptions(values));
  try {
    const result = await evaluateSamples(samples, tagger);
    if (values.json) {
      const { samples: count, AC, LF, micro } = result;
      write(
        JSON.stringify({ model: tagger.name, data: file, samples: count, AC, LF, micro }, null, 2) + '\n',
      );
      return;
    }
    const row = (label: string, s: { precision: number; recall: number; f1: number }) =>
      `${label.padEnd(6)} ${s.precision.toFixed(4)}  ${s.recall.toFixed(4)}  ${s.f1.toFixed(4)}`;
    const [low, high] = result.micro.interval;
    write(
      `model ${tagger.name} on ${file}: ${result.samples} samples, whole analysis, character spans\n\n` +
        `label  precision recall  F1\n${row('AC', result.AC)}\n${row('LF', result.LF)}\n` +
        `${row('micro', result.micro)}  [95% ${low.toFixed(4)}–${high.toFixed(4)}]\n`,
    );
  } finally {
    await tagger.dispose();
  }
}
