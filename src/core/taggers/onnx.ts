import * as os from 'node:os';
import * as path from 'node:path';
import {
  AutoModelForTokenClassification,
  AutoTokenizer,
  env,
  LogLevel,
  Tensor,
  type PreTrainedModel,
  type PreTrainedTokenizer,
} from '@huggingface/transformers';
import type { Tag, Tagger, WordTag } from '../types';
import { ConstrainedDecoder } from './decode';
import { labelToTag } from './labels';
import { RULE_FEATURE_INPUT, ruleFeatureIds } from './ruleFeatures';
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
  /** Only for models that take rule features (an ONNX input named `rule_ids`). */
  ruleIds?: BigInt64Array;
  dims: [number, number];
}

interface Sequence {
  sentence: number;
  ids: number[];
  /** Per position, the rule feature id of its word (0 for special tokens); empty if the model takes none. */
  features: number[];
  /** Position in `ids` of the first sub-word of each core word, and the word it belongs to. */
  heads: { position: number; word: number }[];
}

/** Run an HF-format token-classification model, exported to ONNX, through transformers.js on onnxruntime-node. */
export class OnnxTagger implements Tagger {
  readonly sentencesIndependent = true;
  private readonly pieceCache = new Map<string, number[]>();
  private specials: { prefix: number[]; suffix: number[] } | undefined;
  private readonly decoder: ConstrainedDecoder;

  private constructor(
    readonly name: string,
    readonly folder: string,
    readonly dtype: ModelDtype,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
    private readonly tags: readonly Tag[],
    private readonly maxLength: number,
    private readonly batchSize: number,
    private readonly takesRuleFeatures: boolean,
  ) {
    this.decoder = new ConstrainedDecoder(tags);
  }

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
      // logSeverityLevel 4 (fatal only): onnxruntime's own error lines quote input ids of the user's text.
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1, logSeverityLevel: 4 },
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
      sessionInputs(model).includes(RULE_FEATURE_INPUT),
    );
  }

  async tagSentences(sentences: readonly (readonly string[])[]): Promise<WordTag[][]> {
    const k = this.tags.length;
    const logProbs = sentences.map((words) => new Float64Array(words.length * k));
    for (const batch of this.plan(sentences)) {
      const output = await this.run(this.encode(batch));
      batch.forEach((sequence, row) => {
        for (const head of sequence.heads) {
          logSoftmax(output, row, head.position, logProbs[sequence.sentence], head.word * k);
        }
      });
    }
    return logProbs.map((words) =>
      this.decoder
        .decode(words)
        .map((best, i) => ({ tag: this.tags[best], score: Math.exp(words[i * k + best]) })),
    );
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
    const rules = this.takesRuleFeatures ? ruleFeatureIds(words) : undefined;
    return windows.map((window) => {
      const ids = [...specials.prefix];
      const features = rules ? specials.prefix.map(() => 0) : [];
      const heads: Sequence['heads'] = [];
      for (let word = window.from; word < window.to; word++) {
        if (word >= window.coreFrom && word < window.coreTo) heads.push({ position: ids.length, word });
        const wordPieces = pieces[word].slice(0, budget);
        ids.push(...wordPieces);
        if (rules) features.push(...wordPieces.map(() => rules[word]));
      }
      ids.push(...specials.suffix);
      if (rules) features.push(...specials.suffix.map(() => 0));
      return { sentence, ids, heads, features };
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
    const ruleIds = this.takesRuleFeatures ? new BigInt64Array(batch.length * width) : undefined;
    batch.forEach((sequence, row) => {
      sequence.ids.forEach((id, column) => {
        inputIds[row * width + column] = BigInt(id);
        attentionMask[row * width + column] = 1n;
      });
      if (ruleIds) sequence.features.forEach((id, column) => (ruleIds[row * width + column] = BigInt(id)));
    });
    return { inputIds, attentionMask, ...(ruleIds && { ruleIds }), dims: [batch.length, width] };
  }

  /** Logits of one batch, `[batch][position][label]` flattened. */
  private async run(inputs: ModelInputs): Promise<{ data: Float32Array; width: number; labels: number }> {
    const output = (await this.model({
      input_ids: new Tensor('int64', inputs.inputIds, inputs.dims),
      attention_mask: new Tensor('int64', inputs.attentionMask, inputs.dims),
      ...(inputs.ruleIds && { [RULE_FEATURE_INPUT]: new Tensor('int64', inputs.ruleIds, inputs.dims) }),
    })) as { logits: Tensor };
    const labels = output.logits.dims[2];
    if (labels !== this.tags.length) {
      throw new Error(
        `${this.name}: the model gives ${labels} labels but its config names ${this.tags.length}`,
      );
    }
    return { data: output.logits.data as Float32Array, width: inputs.dims[1], labels };
  }
}

/** Writes the log-probabilities of the labels at one position of a batch's logits into `into` at `at`. */
function logSoftmax(
  logits: { data: Float32Array; width: number; labels: number },
  row: number,
  position: number,
  into: Float64Array,
  at: number,
): void {
  const { data, width, labels } = logits;
  const base = (row * width + position) * labels;
  let max = -Infinity;
  for (let j = 0; j < labels; j++) max = Math.max(max, data[base + j]);
  let sum = 0;
  for (let j = 0; j < labels; j++) sum += Math.exp(data[base + j] - max);
  const logSum = max + Math.log(sum);
  for (let j = 0; j < labels; j++) into[at + j] = data[base + j] - logSum;
}

/** The names of the ONNX session's inputs, which say whether the model takes rule features. */
function sessionInputs(model: PreTrainedModel): string[] {
  const sessions = (model as unknown as { sessions?: Record<string, { inputNames?: string[] }> }).sessions;
  return sessions?.model?.inputNames ?? [];
}

let configuredRoot: string | undefined;

/** transformers.js resolves local models from one root; never let it reach for the hub. */
function configureOffline(root: string): void {
  // On a model error transformers.js prints every input tensor, the token ids of the user's text, to
  // stderr; the error itself still reaches the caller, who reports it in one line.
  env.logLevel = LogLevel.NONE;
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
