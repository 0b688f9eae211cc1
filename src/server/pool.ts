import { loadTagger } from '../core/loadTagger';
import { ModelError } from '../core/models';
import type { Tagger } from '../core/types';
import { BatchQueue } from './batcher';
import { UnknownModelError } from './errors';
import type { ServerMetrics } from './metrics';
import type { ResolvedOptions } from './options';

/** A loaded model and its work queue. */
export interface ModelSlot {
  name: string;
  tagger: Tagger;
  queue: BatchQueue;
}

/** The models a server holds, and which one answers a request. */
export class ModelPool {
  private constructor(
    private readonly slots: Map<string, ModelSlot>,
    private readonly primary: string,
    private readonly ab: { model: string; share: number } | undefined,
    private readonly random: () => number,
  ) {}

  static async load(
    options: ResolvedOptions,
    metrics: ServerMetrics,
    random = Math.random,
  ): Promise<ModelPool> {
    const wanted = [...options.models];
    if (options.abModel && !wanted.includes(options.abModel)) wanted.push(options.abModel);
    const taggers: Tagger[] = [];
    /** What each name or path given resolved to (a folder's model is known by its own name). */
    const resolved = new Map<string, string>();
    try {
      for (const wantedName of wanted) {
        const known = [...options.taggers, ...taggers].find((t) => t.name === wantedName);
        const tagger =
          known ?? (await loadTagger(wantedName, options.threads ? { threads: options.threads } : {}));
        resolved.set(wantedName, tagger.name);
        if (known) continue;
        if (taggers.some((t) => t.name === tagger.name)) await tagger.dispose();
        else taggers.push(tagger);
      }
    } catch (error) {
      await Promise.all(taggers.map((t) => t.dispose()));
      throw error;
    }
    const all = [...taggers, ...options.taggers];
    if (all.length === 0) throw new ModelError('no model to serve; give --model NAME');
    const slots = new Map<string, ModelSlot>();
    for (const tagger of all) {
      const queue = new BatchQueue(tagger, {
        batching: options.batching,
        mergeable: tagger.sentencesIndependent,
        windowMs: options.batchWindowMs,
        maxBatchSentences: options.maxBatchSentences,
        maxQueue: options.maxQueue,
        onBatch: (batch) => metrics.recordBatch(tagger.name, batch),
      });
      slots.set(tagger.name, { name: tagger.name, tagger, queue });
    }
    const primary = resolved.get(options.models[0]) ?? options.taggers[0]?.name ?? all[0].name;
    const abModel = options.abModel && resolved.get(options.abModel);
    const ab = abModel ? { model: abModel, share: options.abShare } : undefined;
    return new ModelPool(slots, primary, ab, random);
  }

  get names(): string[] {
    return [...this.slots.keys()];
  }

  get defaultModel(): string {
    return this.primary;
  }

  get abTest(): { model: string; share: number } | undefined {
    return this.ab;
  }

  /** The named model, or (when none is named) the default one or, for the A/B share, the B model. */
  pick(requested?: string): ModelSlot {
    if (requested !== undefined) {
      const slot = this.slots.get(requested);
      if (!slot) throw new UnknownModelError(requested, this.names);
      return slot;
    }
    const name = this.ab && this.random() < this.ab.share ? this.ab.model : this.primary;
    return this.slots.get(name) as ModelSlot;
  }

  slotsList(): ModelSlot[] {
    return [...this.slots.values()];
  }

  /** Wait (up to `graceMs`) for every queue to drain, then release the models. */
  async dispose(graceMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const cap = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.all(this.slotsList().map((slot) => slot.queue.idle())), cap]);
    clearTimeout(timer);
    await Promise.all(this.slotsList().map((slot) => slot.tagger.dispose()));
  }
}
