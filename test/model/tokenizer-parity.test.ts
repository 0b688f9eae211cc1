import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { listModels, packageRoot } from '../../src/core/models';

const PYTHON = process.env.PYTHON || 'python3';
const DUMP = path.join(packageRoot(), 'models', 'training', 'dump_reference.py');

interface Reference {
  word_ids: [string, number[]][];
}

describe('the training tokenizer (Python) and the runtime tokenizer (transformers.js)', function () {
  this.timeout(120_000);

  for (const info of listModels()) {
    it(`give ${info.name} the same ids for every PLOD-CW train and validation word and the edge cases`, async () => {
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plod-parity-')), 'ref.json');
      execFileSync(PYTHON, [DUMP, info.folder, out, '--words-only'], { stdio: ['ignore', 'ignore', 'pipe'] });
      const reference = JSON.parse(fs.readFileSync(out, 'utf8')) as Reference;
      env.allowRemoteModels = false;
      env.localModelPath = path.dirname(info.folder) + path.sep;
      const tokenizer = await AutoTokenizer.from_pretrained(path.basename(info.folder), {
        local_files_only: true,
      });
      const differing = reference.word_ids.filter(
        ([word, ids]) => tokenizer.encode(word, { add_special_tokens: false }).join(' ') !== ids.join(' '),
      );
      assert.ok(reference.word_ids.length > 9000, `only ${reference.word_ids.length} words`);
      assert.deepEqual(differing.slice(0, 5), [], `${differing.length} words differ`);
    });
  }
});
