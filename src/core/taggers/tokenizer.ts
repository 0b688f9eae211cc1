import * as fs from 'node:fs';
import * as path from 'node:path';
import { Tokenizer } from '@huggingface/tokenizers';

/**
 * A model folder's sub-word tokenizer, read from its `tokenizer.json` and `tokenizer_config.json` by the
 * tokenizers package of transformers.js (the same code transformers.js wraps, without the rest of it).
 */
export class WordPieces {
  private readonly cache = new Map<string, number[]>();
  readonly padId: number;
  /** The special tokens the tokenizer's own post-processor puts around a sequence (`[CLS]`…`[SEP]`, `<s>`…`</s>`). */
  readonly specials: { prefix: number[]; suffix: number[] };
  /** The longest sequence the tokenizer's config allows, if it names one. */
  readonly maxLength: number | undefined;
  private readonly unkId: number;

  constructor(
    private readonly tokenizer: Tokenizer,
    config: Record<string, unknown>,
  ) {
    this.padId = this.idOf(tokenOf(config, 'pad_token')) ?? 0;
    this.unkId = this.idOf(tokenOf(config, 'unk_token')) ?? 0;
    this.specials = specialsOf(tokenizer);
    this.maxLength = typeof config.model_max_length === 'number' ? config.model_max_length : undefined;
  }

  static read(folder: string): WordPieces {
    const json = (file: string) =>
      JSON.parse(fs.readFileSync(path.join(folder, file), 'utf8')) as Record<string, unknown>;
    const config = json('tokenizer_config.json');
    return new WordPieces(new Tokenizer(json('tokenizer.json'), config), config);
  }

  /** A word's sub-word ids, without special tokens; never empty (an unknown word is the unknown token). */
  of(word: string): number[] {
    let ids = this.cache.get(word);
    if (!ids) {
      ids = this.tokenizer.encode(word, { add_special_tokens: false }).ids;
      if (ids.length === 0) ids = [this.unkId];
      if (this.cache.size > 200_000) this.cache.clear();
      this.cache.set(word, ids);
    }
    return ids;
  }

  private idOf(token: string | undefined): number | undefined {
    return token === undefined ? undefined : this.tokenizer.token_to_id(token);
  }
}

/** A special token named in a tokenizer config: a string, or an AddedToken object with its `content`. */
function tokenOf(config: Record<string, unknown>, key: string): string | undefined {
  const value = config[key];
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') {
    return (value as { content: string }).content;
  }
  return undefined;
}

function specialsOf(tokenizer: Tokenizer): { prefix: number[]; suffix: number[] } {
  const bare = tokenizer.encode('a', { add_special_tokens: false }).ids;
  const full = tokenizer.encode('a', { add_special_tokens: true }).ids;
  const at = full.findIndex((_, i) => bare.every((id, k) => full[i + k] === id));
  return at < 0
    ? { prefix: [], suffix: [] }
    : { prefix: full.slice(0, at), suffix: full.slice(at + bare.length) };
}
