/**
 * Data preparation that must match the Node runtime exactly, so it runs the runtime's own TypeScript:
 *
 *   npx tsx models/training/node_data.ts sdu IN.json OUT.conll
 *     SDU@AAAI-22 acronym-extraction samples -> PLOD CoNLL (`formatPlodConll`: POS `X`), split into words by the
 *     runtime's word splitter; a word overlapping an acronym span is `B-AC`, long-form words `B-LF`/`I-LF`.
 *   npx tsx models/training/node_data.ts rules IN.conll OUT.json
 *     The rules tagger's tags for each sentence of a CoNLL file, each sentence tagged alone (as the runtime
 *     computes the rule features of a model that takes them).
 */

import * as fs from 'node:fs';
import { formatPlodConll, parseConll } from '../../src/core/eval/conll';
import { ruleFeatureTags } from '../../src/core/taggers/rules';
import { splitWords } from '../../src/core/text/words';
import type { Tag } from '../../src/core/types';

const ALNUM = /[\p{L}\p{N}]/u;

interface SduSample {
  text: string;
  acronyms: [number, number][];
  'long-forms': [number, number][];
}

function sduToConll(samples: readonly SduSample[]): { text: string; skipped: number } {
  const sentences: { tokens: string[]; tags: Tag[] }[] = [];
  let skipped = 0;
  for (const sample of samples) {
    const words = splitWords(sample.text);
    if (words.length === 0) continue;
    const tags: Tag[] = words.map(() => 'O');
    let clash = false;
    const mark = (spans: [number, number][], label: 'AC' | 'LF') => {
      for (const [start, end] of spans) {
        const inside = words.flatMap((w, i) => (w.start < end && w.end > start ? [i] : []));
        // Spans such as `ATIS...` are noisy at their edges: punctuation never starts or ends a span.
        while (inside.length && !ALNUM.test(words[inside[0]].text)) inside.shift();
        while (inside.length && !ALNUM.test(words[inside[inside.length - 1]].text)) inside.pop();
        inside.forEach((i, k) => {
          if (tags[i] !== 'O') clash = true;
          tags[i] = label === 'AC' ? 'B-AC' : k === 0 ? 'B-LF' : 'I-LF';
        });
      }
    };
    mark(sample.acronyms, 'AC');
    mark(sample['long-forms'], 'LF');
    if (clash) {
      skipped++;
      continue;
    }
    sentences.push({ tokens: words.map((w) => w.text), tags });
  }
  return { text: formatPlodConll(sentences), skipped };
}

function main(): void {
  const [command, input, output] = process.argv.slice(2);
  if (!command || !input || !output) {
    console.error('usage: node_data.ts sdu IN.json OUT.conll | rules IN.conll OUT.json');
    process.exit(2);
  }
  if (command === 'sdu') {
    const samples = JSON.parse(fs.readFileSync(input, 'utf8')) as SduSample[];
    const { text, skipped } = sduToConll(samples);
    fs.writeFileSync(output, text);
    console.log(`${input}: ${samples.length} samples, ${skipped} skipped (overlapping spans) -> ${output}`);
  } else if (command === 'rules') {
    const sentences = parseConll(fs.readFileSync(input, 'utf8'), { readTags: false });
    fs.writeFileSync(output, JSON.stringify(sentences.map((s) => ruleFeatureTags(s.tokens))));
    console.log(`${input}: rule features for ${sentences.length} sentences -> ${output}`);
  } else {
    console.error(`unknown command ${command}`);
    process.exit(2);
  }
}

main();
