import * as os from 'node:os';
import * as path from 'node:path';
import {
  AutoModelForTokenClassification,
  AutoTokenizer,
  env,
  Tensor,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import type { Tag, Tagger, WordTag } from '../types';
import { labelToTag } from './labels';
import { planWindows } from './windows';

export type ModelDtype = 'fp32' | 'q8';

export interface OnnxTaggerOptions {
  /** The name users pick the model by; defaults to the folder's name. */
  name?: string;
  dtype?: ModelDtype;
  /** Map the model's raw labels (`LABEL_0`, `B-ABBR`…) to PLOD tags, for configs without usable `id2label`. */
  labelMap?: Record<string, string>;
  batchSize?: number;
  /** Sub-words per sequence, special tokens included; defaults to the model's own limit. */
  maxLength?: number;
  threads?: number;
}

const DEFAULT_MAX_LENGTH = 512;
const DEFAULT_BATCH_SIZE = 32;

export interface ModelInputs {
  inputIds: BigInt64Array;
  attentionMask: BigInt64Array;
  dims: [number, number];
}

interface Sequence {
  sentence: number;
  ids: number[];
  /** Position in `ids` of the first sub-word of each core word, and the word it belongs to. */
  heads: { position: number; word: number }[];
}

/** Run an HF-format token-classification model, exported to ONNX, through transformers.js on onnxruntime-node. */
export class OnnxTagger implements Tagger {
  private readonly pieceCache = new Map<string, number[]>();
  private specials: { prefix: number[]; suffix: number[] } | undefined;

  private constructor(
    readonly name: string,
    readonly folder: string,
    readonly dtype: ModelDtype,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
    private readonly tags: readonly Tag[],
    private readonly maxLength: number,
    private readonly batchSize: number,
  ) {}

  static async load(folder: string, dtype: ModelDtype, options: OnnxTaggerOptions = {}): Promise<OnnxTagger> {
    const absolute = path.resolve(folder);
    configureOffline(path.dirname(absolute));
    const id = path.basename(absolute);
    const threads = options.threads ?? Math.min(2, os.availableParallelism());
    const tokenizer = await AutoTokenizer.from_pretrained(id, { local_files_only: true });
    const model = await AutoModelForTokenClassification.from_pretrained(id, {
      local_files_only: true,
      device: 'cpu',
      dtype,
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1 },
    });
    const config = model.config as unknown as Record<string, unknown>;
    const tags = tagsFromConfig(config, options.labelMap);
    const maxLength = options.maxLength ?? modelMaxLength(config, tokenizer);
    return new OnnxTagger(
      options.name ?? id,
      absolute,
      dtype,
      tokenizer,
      model,
      tags,
      maxLength,
      options.batchSize ?? DEFAULT_BATCH_SIZE,
    );
  }

  async tagSentences(sentences: readonly (readonly string[])[]): Promise<WordTag[][]> {
    const results = sentences.map((words) => new Array<WordTag>(words.length));
    for (const batch of this.plan(sentences)) {
      const probabilities = await this.run(this.encode(batch));
      batch.forEach((sequence, row) => {
        for (const head of sequence.heads) {
          results[sequence.sentence][head.word] = this.decide(probabilities, row, head.position);
        }
      });
    }
    return results;
  }

  /** The padded inputs `tagSentences` gives the model, batch by batch: what a bare ONNX session would be fed. */
  modelInputs(sentences: readonly (readonly string[])[]): ModelInputs[] {
    return this.plan(sentences).map((batch) => this.encode(batch));
  }

  /** Sequences sorted by length, so each batch pads little, cut into batches. */
  private plan(sentences: readonly (readonly string[])[]): Sequence[][] {
    const sequences = sentences.flatMap((words, index) => this.sequencesFor(index, words));
    sequences.sort((a, b) => a.ids.length - b.ids.length);
    const batches: Sequence[][] = [];
    for (let i = 0; i < sequences.length; i += this.batchSize)
      batches.push(sequences.slice(i, i + this.batchSize));
    return batches;
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }

  private sequencesFor(sentence: number, words: readonly string[]): Sequence[] {
    const pieces = words.map((word) => this.piecesOf(word));
    const specials = this.specialIds();
    const budget = this.maxLength - specials.prefix.length - specials.suffix.length;
    const windows = planWindows(
      pieces.map((p) => p.length),
      budget,
    );
    return windows.map((window) => {
      const ids = [...specials.prefix];
      const heads: Sequence['heads'] = [];
      for (let word = window.from; word < window.to; word++) {
        if (word >= window.coreFrom && word < window.coreTo) heads.push({ position: ids.length, word });
        ids.push(...pieces[word].slice(0, budget));
      }
      ids.push(...specials.suffix);
      return { sentence, ids, heads };
    });
  }

  private piecesOf(word: string): number[] {
    let ids = this.pieceCache.get(word);
    if (!ids) {
      ids = this.tokenizer.encode(word, { add_special_tokens: false });
      if (ids.length === 0) ids = [this.tokenizer.unk_token_id ?? 0];
      if (this.pieceCache.size > 200_000) this.pieceCache.clear();
      this.pieceCache.set(word, ids);
    }
    return ids;
  }

  /** The special tokens the tokenizer's own post-processor puts around a sequence (`[CLS]`…`[SEP]`, `<s>`…`</s>`). */
  private specialIds(): { prefix: number[]; suffix: number[] } {
    if (!this.specials) {
      const bare = this.tokenizer.encode('a', { add_special_tokens: false });
      const full = this.tokenizer.encode('a', { add_special_tokens: true });
      const at = full.findIndex((_, i) => bare.every((id, k) => full[i + k] === id));
      this.specials =
        at < 0
          ? { prefix: [], suffix: [] }
          : { prefix: full.slice(0, at), suffix: full.slice(at + bare.length) };
    }
    return this.specials;
  }

  private encode(batch: readonly Sequence[]): ModelInputs {
    const width = Math.max(...batch.map((s) => s.ids.length));
    const pad = BigInt(this.tokenizer.pad_token_id ?? 0);
    const inputIds = new BigInt64Array(batch.length * width).fill(pad);
    const attentionMask = new BigInt64Array(batch.length * width);
    batch.forEach((sequence, row) => {
      sequence.ids.forEach((id, column) => {
        inputIds[row * width + column] = BigInt(id);
        attentionMask[row * width + column] = 1n;
      });
    });
    return { inputIds, attentionMask, dims: [batch.length, width] };
  }

  /** Logits of one batch, `[batch][position][label]` flattened. */
  private async run(inputs: ModelInputs): Promise<{ data: Float32Array; width: number; labels: number }> {
    const output = (await this.model({
      input_ids: new Tensor('int64', inputs.inputIds, inputs.dims),
      attention_mask: new Tensor('int64', inputs.attentionMask, inputs.dims),
    })) as { logits: Tensor };
    const labels = output.logits.dims[2];
    if (labels !== this.tags.length) {
      throw new Error(
        `${this.name}: the model gives ${labels} labels but its config names ${this.tags.length}`,
      );
    }
    return { data: output.logits.data as Float32Array, width: inputs.dims[1], labels };
  }

  private decide(
    probabilities: { data: Float32Array; width: number; labels: number },
    row: number,
    position: number,
  ): WordTag {
    const { data, width, labels } = probabilities;
    const base = (row * width + position) * labels;
    let best = 0;
    let max = -Infinity;
    for (let k = 0; k < labels; k++) {
      if (data[base + k] > max) {
        max = data[base + k];
        best = k;
      }
    }
    let sum = 0;
    for (let k = 0; k < labels; k++) sum += Math.exp(data[base + k] - max);
    return { tag: this.tags[best], score: 1 / sum };
  }
}

let configuredRoot: string | undefined;

/** transformers.js resolves local models from one root; never let it reach for the hub. */
function configureOffline(root: string): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.useFSCache = false;
  env.cacheDir = path.join(os.tmpdir(), 'plod-tagger-cache');
  if (configuredRoot !== root) {
    env.localModelPath = root + path.sep;
    configuredRoot = root;
  }
}

function tagsFromConfig(config: Record<string, unknown>, labelMap?: Record<string, string>): Tag[] {
  const id2label = config.id2label as Record<string, string> | undefined;
  if (!id2label || Object.keys(id2label).length === 0) {
    throw new Error('config.json has no id2label, so the labels are unknown; pass a label map');
  }
  const count = Object.keys(id2label).length;
  return Array.from({ length: count }, (_, id) => {
    const raw = id2label[String(id)];
    if (raw === undefined) throw new Error(`config.json id2label has no entry for id ${id}`);
    return labelToTag(labelMap?.[raw] ?? raw);
  });
}

function modelMaxLength(config: Record<string, unknown>, tokenizer: PreTrainedTokenizer): number {
  const own = (config.plod_tagger as { max_length?: number } | undefined)?.max_length;
  const candidates = [own, config.max_position_embeddings as number | undefined, tokenizer.model_max_length];
  const limit = candidates.find((n): n is number => typeof n === 'number' && n > 2 && n <= 1_000_000);
  return limit ?? DEFAULT_MAX_LENGTH;
}
