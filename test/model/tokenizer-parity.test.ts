import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { listModels, packageRoot } from '../../src/core/models';
import { WordPieces } from '../../src/core/taggers/tokenizer';

const PYTHON = process.env.PYTHON || 'python3';
const DUMP = path.join(packageRoot(), 'models', 'training', 'dump_reference.py');

interface Reference {
  word_ids: [string, number[]][];
}

function pythonIds(folder: string): [string, number[]][] {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plod-parity-')), 'ref.json');
  execFileSync(PYTHON, [DUMP, folder, out, '--words-only'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return (JSON.parse(fs.readFileSync(out, 'utf8')) as Reference).word_ids;
}

async function transformersTokenizer(folder: string) {
  env.allowRemoteModels = false;
  env.localModelPath = path.dirname(folder) + path.sep;
  return AutoTokenizer.from_pretrained(path.basename(folder), { local_files_only: true });
}

describe('the training tokenizer (Python), the runtime tokenizer and transformers.js', function () {
  this.timeout(120_000);

  for (const info of listModels()) {
    it(`give ${info.name} the same ids for every PLOD-CW train and validation word and the edge cases`, async () => {
      const reference = pythonIds(info.folder);
      const runtime = WordPieces.read(info.folder);
      const transformers = await transformersTokenizer(info.folder);
      const differing = reference.filter(([word, ids]) => {
        const expected = ids.length > 0 ? ids.join(' ') : String(transformers.unk_token_id);
        const fromTransformers = transformers.encode(word, { add_special_tokens: false }).join(' ');
        return runtime.of(word).join(' ') !== expected || (ids.length > 0 && fromTransformers !== expected);
      });
      assert.ok(reference.length > 9000, `only ${reference.length} words`);
      assert.deepEqual(differing.slice(0, 5), [], `${differing.length} words differ`);
    });

    it(`give ${info.name} the special tokens and padding transformers.js gives`, async () => {
      const runtime = WordPieces.read(info.folder);
      const transformers = await transformersTokenizer(info.folder);
      const full = transformers.encode('word', { add_special_tokens: true });
      const bare = transformers.encode('word', { add_special_tokens: false });
      assert.deepEqual([...runtime.specials.prefix, ...bare, ...runtime.specials.suffix], full);
      assert.equal(runtime.padId, transformers.pad_token_id);
    });
  }
});
