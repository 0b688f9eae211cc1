import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseConll } from '../../src/core/eval/conll';
import { loadTagger } from '../../src/core/loadTagger';
import { DEFAULT_MODEL, listModels } from '../../src/core/models';
import { OnnxTagger } from '../../src/core/taggers/onnx';
import { ruleFeatureIds } from '../../src/core/taggers/ruleFeatures';
import { WordPieces } from '../../src/core/taggers/tokenizer';
import type { Tagger } from '../../src/core/types';
import { dataDir } from '../../src/core/data';
import { runCli } from '../support/cli';
import { identityOnnx } from '../support/onnxGraph';

const models = listModels();

function sentences(limit: number, split = 'validation'): string[][] {
  return parseConll(fs.readFileSync(path.join(dataDir(), 'plod-cw', `${split}.conll`), 'utf8'))
    .slice(0, limit)
    .map((s) => s.tokens);
}

interface CardFigures {
  [split: string]: { [label: string]: { p: number; r: number; f1: number } };
}

function cardFigures(folder: string): CardFigures {
  const card = fs.readFileSync(path.join(folder, 'README.md'), 'utf8');
  const match = /<!-- eval:json (.*?) -->/.exec(card);
  assert.ok(match, `${folder}/README.md has no measured figures; run scripts/update-model-cards.mjs`);
  return JSON.parse(match[1]) as CardFigures;
}

describe('shipped models', () => {
  it('include the default model', () => {
    assert.ok(
      models.some((m) => m.name === DEFAULT_MODEL),
      `models/: ${models.map((m) => m.name)}`,
    );
  });

  for (const info of models) {
    describe(info.name, () => {
      let tagger: Tagger;
      before(async () => {
        tagger = await loadTagger(info.name);
      });
      after(async () => {
        await tagger?.dispose();
      });

      it('gives the same labels to a sentence alone and inside a padded batch', async () => {
        const batch = sentences(40);
        const together = await tagger.tagSentences(batch);
        for (const [i, sentence] of batch.entries()) {
          const [alone] = await tagger.tagSentences([sentence]);
          assert.deepEqual(
            alone.map((t) => t.tag),
            together[i].map((t) => t.tag),
            `sentence ${i}: ${sentence.join(' ')}`,
          );
          // q8 quantizes activations with a scale taken from the whole batch: its scores move a little with the
          // batch, its labels do not.
          const tolerance = tagger instanceof OnnxTagger && tagger.dtype === 'q8' ? 0.05 : 1e-4;
          alone.forEach((t, k) => assert.ok(Math.abs(t.score - together[i][k].score) < tolerance));
        }
      });

      it('gives the same labels quantized (q8) as in fp32 on at least 99.5% of PLOD-CW test words', async () => {
        const test = sentences(Infinity, 'test');
        // Both files named: the model's default may be either.
        const fp32 = await loadTagger(info.name, { dtype: 'fp32' });
        const q8 = await loadTagger(info.name, { dtype: 'q8' });
        try {
          const [full, quantized] = [await fp32.tagSentences(test), await q8.tagSentences(test)];
          const words = full.flat().length;
          const same = full.flat().filter((t, i) => t.tag === quantized.flat()[i].tag).length;
          assert.ok(same / words >= 0.995, `${same}/${words} words agree`);
        } finally {
          await fp32.dispose();
          await q8.dispose();
        }
      });

      it('is given, for every sub-word, the rule tag of its word, if it takes rule features', async function () {
        if (!(tagger instanceof OnnxTagger) || !tagger.modelInputs([['a']])[0].ruleIds) this.skip();
        const onnx = tagger as OnnxTagger;
        const tokenizer = WordPieces.read(info.folder);
        for (const words of sentences(20)) {
          const [alone] = onnx.modelInputs([words]);
          const rules = ruleFeatureIds(words);
          const expected = [0];
          words.forEach((word, k) => {
            const pieces = tokenizer.of(word).length;
            expected.push(...new Array<number>(pieces).fill(rules[k]));
          });
          expected.push(0);
          assert.deepEqual(Array.from(alone.ruleIds ?? [], Number), expected, words.join(' '));
        }
      });

      it('labels every word of a sentence longer than the model can take at once', async () => {
        const long = sentences(60).flat();
        assert.ok(long.length > 600);
        const [tags] = await tagger.tagSentences([long]);
        assert.equal(tags.length, long.length);
        assert.ok(tags.every((t) => t && t.score > 0 && t.score <= 1));
      });

      for (const split of ['validation', 'test']) {
        it(`scores on PLOD-CW ${split} no more than 0.005 below its model card`, () => {
          const card = cardFigures(info.folder)[split];
          const result = runCli(['eval', '--model', info.name, '--split', split, '--json']);
          assert.equal(result.status, 0, result.stderr);
          const measured = JSON.parse(result.stdout) as Record<
            string,
            { precision: number; recall: number; f1: number }
          >;
          for (const label of ['AC', 'LF', 'micro']) {
            const m = measured[label];
            const c = card[label];
            for (const [name, got, want] of [
              ['P', m.precision, c.p],
              ['R', m.recall, c.r],
              ['F1', m.f1, c.f1],
            ] as const) {
              assert.ok(
                got >= want - 0.005,
                `${split} ${label} ${name}: measured ${got.toFixed(4)}, card ${want.toFixed(4)}`,
              );
            }
          }
        });
      }

      for (const set of ['scientific', 'legal']) {
        it(`scores the whole analysis on SDU@AAAI-22 ${set} dev no more than 0.005 below its model card`, () => {
          const card = cardFigures(info.folder)[`sdu:${set}`];
          assert.ok(
            card,
            `${info.folder}/README.md has no SDU-22 ${set} figures; run scripts/update-model-cards.mjs`,
          );
          const result = runCli(['eval', '--model', info.name, '--sdu', set, '--json']);
          assert.equal(result.status, 0, result.stderr);
          const measured = JSON.parse(result.stdout) as Record<string, { f1: number }>;
          for (const label of ['AC', 'LF', 'micro']) {
            assert.ok(
              measured[label].f1 >= card[label].f1 - 0.005,
              `${set} ${label} F1: measured ${measured[label].f1.toFixed(4)}, card ${card[label].f1.toFixed(4)}`,
            );
          }
        });
      }
    });
  }

  it('loads a model whose config has only generic labels when given a label map', () => {
    const source = models.find((m) => m.name === DEFAULT_MODEL);
    assert.ok(source);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-generic-'));
    fs.cpSync(source.folder, copy, { recursive: true });
    const config = JSON.parse(fs.readFileSync(path.join(copy, 'config.json'), 'utf8'));
    const map: Record<string, string> = {};
    config.id2label = Object.fromEntries(
      Object.entries(config.id2label as Record<string, string>).map(([id, label]) => {
        map[`LABEL_${id}`] = label;
        return [id, `LABEL_${id}`];
      }),
    );
    delete config.plod_tagger;
    fs.writeFileSync(path.join(copy, 'config.json'), JSON.stringify(config));
    const text = 'The body mass index (BMI) was high in the BMI group.';
    const without = runCli(['tag', '--model', copy], text);
    assert.equal(without.status, 1);
    assert.match(without.stderr, /labels are generic \(LABEL_0\); give a label map/);
    const withMap = runCli(
      ['tag', '--model', copy, '--label-map', JSON.stringify(map), '--format', 'text'],
      text,
    );
    assert.equal(withMap.status, 0, withMap.stderr);
    const original = runCli(['tag', '--model', DEFAULT_MODEL, '--format', 'text'], text);
    assert.equal(withMap.stdout, original.stdout);
  });

  /** A copy of the default model's config and tokenizer, with `onnx` as its fp32 ONNX file. */
  function folderWith(onnx: Buffer): string {
    const source = models.find((m) => m.name === DEFAULT_MODEL);
    assert.ok(source);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-corrupt-'));
    for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json']) {
      fs.copyFileSync(path.join(source.folder, file), path.join(copy, file));
    }
    fs.mkdirSync(path.join(copy, 'onnx'));
    fs.writeFileSync(path.join(copy, 'onnx', 'model.onnx'), onnx);
    return copy;
  }

  /** The CLI's stderr for a tag with such a folder, which must fail with exit code 1 and no stack trace. */
  function failedTagWith(onnx: Buffer): string {
    const result = runCli(['tag', '--model', folderWith(onnx)], 'The body mass index (BMI) was high.');
    assert.equal(result.status, 1);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    return result.stderr;
  }

  it('refuses a corrupt ONNX file with a clear message and a non-zero exit', () => {
    const stderr = failedTagWith(Buffer.alloc(4096, 7));
    assert.match(stderr, /^plod-tagger: cannot load model ".*" from .*plod-corrupt-/);
  });

  it('refuses an ONNX model that is not a token classifier, naming its inputs', () => {
    assert.match(
      failedTagWith(identityOnnx('pixel_values', 'logits')),
      /^plod-tagger: cannot load model ".*" from .*: .*model\.onnx is not a token-classification model plod-tagger can run: its inputs are pixel_values and its outputs logits\n$/,
    );
  });

  it('says what a model gives when its output is not logits per sub-word', () => {
    assert.match(
      failedTagWith(identityOnnx('input_ids', 'logits')),
      /model\.onnx gives logits of int64 \[1, \d+\], not float32 \[rows, width, labels\]\n$/,
    );
  });
});
