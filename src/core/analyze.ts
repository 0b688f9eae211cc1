import type { GlossaryEntry, Lang, Range, Span, Tagger, Word, WordTag } from './types';
import { project, type AcronymMacro, type Projection } from './markup';
import { splitParagraphs } from './text/paragraphs';
import { paragraphSentences } from './text/sentences';
import { decodeSpans } from './spans';
import { rangeKey } from './ranges';
import { knownSingular, singular } from './text/plural';
import { pair, type Definition, type WordLists } from './pairing';
import { documentWordLists, joinWordLists } from './markup/directives';

/** An AC or LF span, with the abbreviation it belongs to (`short`) when one is known. */
export interface AnalysedSpan extends Span {
  short?: string;
  /** How the span was found: by the model, carried from a definition, or declared by a LaTeX macro. */
  source: 'model' | 'carried' | 'macro';
}

export interface Analysis {
  model: string;
  lang: Lang;
  spans: AnalysedSpan[];
  glossary: GlossaryEntry[];
  words: number;
  sentences: number;
  paragraphs: number;
  /** Paragraphs that had to be run through the model (the rest came from the cache). */
  taggedParagraphs: number;
  /** Each sentence's words (offsets in the projected text) and tags; only with `withTokens`. */
  tokens?: { words: Word[]; tags: WordTag[] }[];
}

export interface AnalyseOptions {
  lang: Lang;
  /** Spans scoring below this are dropped. */
  minScore?: number;
  cache?: ParagraphCache;
  withTokens?: boolean;
  /** The user's word lists; the document's own (`plod-tagger: ignore …` comments) are added to them. */
  words?: WordLists;
}

/** Tagged paragraphs keyed by model and paragraph text, so an edit re-runs only what changed. */
export class ParagraphCache {
  private readonly entries = new Map<string, TaggedParagraph>();
  constructor(private readonly capacity = 5000) {}

  get(model: string, text: string): TaggedParagraph | undefined {
    const key = `${model}\u0000${text}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(model: string, text: string, value: TaggedParagraph): void {
    const key = `${model}\u0000${text}`;
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Words (offsets relative to the paragraph) grouped in sentences, each word with its tag. */
export interface TaggedParagraph {
  sentences: { words: Word[]; tags: WordTag[] }[];
}

/** Find abbreviations and long forms in a source text of the given markup language. */
export async function analyse(source: string, tagger: Tagger, options: AnalyseOptions): Promise<Analysis> {
  const prepared = prepare(source, tagger.name, options);
  const tags = prepared.sentences.length ? await tagger.tagSentences(prepared.sentences) : [];
  return finish(prepared, tags);
}

/** A source split into the sentences a tagger must label; `finish` turns their tags into an `Analysis`. */
export interface PreparedAnalysis {
  /** The words of each sentence to tag, in order; empty when every paragraph came from the cache. */
  readonly sentences: string[][];
  readonly model: string;
  readonly source: string;
  readonly options: AnalyseOptions;
  readonly projection: Projection;
  readonly paragraphs: readonly Range[];
  readonly paragraphTexts: string[];
  readonly cached: (TaggedParagraph | undefined)[];
  /** Indexes of the paragraphs not in the cache, and their sentences' words. */
  readonly missing: { index: number; sentences: Word[][] }[];
}

/** The first half of `analyse`: project the markup and split what the cache lacks into sentences. */
export function prepare(source: string, model: string, options: AnalyseOptions): PreparedAnalysis {
  const projection = project(source, options.lang);
  const text = projection.text;
  const paragraphs = splitParagraphs(text);
  const paragraphTexts = paragraphs.map((p) => text.slice(p.start, p.end));
  const cached = paragraphTexts.map((t) => options.cache?.get(model, t));
  const missing = cached.flatMap((hit, index) => {
    if (hit) return [];
    return [{ index, sentences: paragraphSentences(paragraphTexts[index]) }];
  });
  const sentences = missing.flatMap((m) => m.sentences.map((s) => s.map((w) => w.text)));
  return { sentences, model, source, options, projection, paragraphs, paragraphTexts, cached, missing };
}

/** The second half of `analyse`: `tags` holds one entry per sentence of `prepared.sentences`. */
export function finish(prepared: PreparedAnalysis, tags: readonly WordTag[][]): Analysis {
  if (tags.length !== prepared.sentences.length) {
    throw new Error(`finish: ${prepared.sentences.length} sentences but ${tags.length} tag lists`);
  }
  const { source, options, projection, paragraphs } = prepared;
  const text = projection.text;
  const tagged = fillParagraphs(prepared, tags);

  let wordCount = 0;
  const tokens: { words: Word[]; tags: WordTag[] }[] = [];
  const modelSpans: Span[] = [];
  tagged.forEach((paragraph, index) => {
    const shift = paragraphs[index].start;
    for (const sentence of paragraph.sentences) {
      const shifted = sentence.words.map((w) => ({ ...w, start: w.start + shift, end: w.end + shift }));
      const sentenceTags = silence(
        shifted,
        overrideMentions(shifted, sentence.tags, projection.mentionRanges),
        projection.silentRanges,
      );
      wordCount += shifted.length;
      if (options.withTokens) tokens.push({ words: shifted, tags: sentenceTags });
      modelSpans.push(...decodeSpans(shifted, sentenceTags, text));
    }
  });

  const minScore = options.minScore ?? 0;
  const kept = modelSpans.filter((span) => span.score >= minScore);
  const {
    definitions,
    spans: withMentions,
    glossary,
  } = pair(
    blank(text, projection.silentRanges),
    kept,
    joinWordLists(options.words ?? {}, documentWordLists(source)),
  );

  const modelKeys = new Set(kept.map(rangeKey));
  const macroKeys = new Set(projection.mentionRanges.map(rangeKey));
  const shortOf = shortForms(definitions, glossary);
  const spans = withMentions.map((span): AnalysedSpan => {
    const found = macroKeys.has(rangeKey(span))
      ? 'macro'
      : modelKeys.has(rangeKey(span))
        ? 'model'
        : 'carried';
    return toSourceSpan(source, projection, span, shortOf(span), found);
  });
  const asWritten = spellingInSource(withMentions, spans);

  return {
    model: prepared.model,
    lang: options.lang,
    spans: spans.map((s) =>
      s.short !== undefined && asWritten.has(s.short) ? { ...s, short: asWritten.get(s.short) } : s,
    ),
    glossary: mergeMacroDefinitions(
      glossary.map((entry) => ({
        ...entry,
        short: asWritten.get(entry.short) ?? entry.short,
        definition: entry.definition && projection.toSource(entry.definition),
      })),
      projection.acronyms,
    ),
    words: wordCount,
    sentences: tagged.reduce((n, p) => n + p.sentences.length, 0),
    paragraphs: paragraphs.length,
    taggedParagraphs: prepared.missing.length,
    ...(options.withTokens ? { tokens } : {}),
  };
}

/**
 * Abbreviations that the markup spells another way than the prose reads (`SED--ML` in LaTeX, read `SED–ML`):
 * their key as the author writes it, so that the glossary and what a quick fix writes match the source.
 * `projected[i]` and `placed[i]` are one span, in the projected text and in the source.
 */
function spellingInSource(projected: readonly Span[], placed: readonly AnalysedSpan[]): Map<string, string> {
  const renamed = new Map<string, string>();
  placed.forEach((span, i) => {
    if (span.label !== 'AC' || span.source === 'macro' || span.short === undefined || renamed.has(span.short))
      return;
    if (span.text === projected[i].text || /[\\{}]/.test(span.text)) return;
    if (singular(projected[i].text) === span.short) renamed.set(span.short, singular(span.text));
  });
  return renamed;
}

/** Every paragraph's tagged sentences: from the cache, or from `tags` (which then go into the cache). */
function fillParagraphs(prepared: PreparedAnalysis, tags: readonly WordTag[][]): TaggedParagraph[] {
  const results = [...prepared.cached];
  let cursor = 0;
  for (const { index, sentences } of prepared.missing) {
    const paragraph: TaggedParagraph = {
      sentences: sentences.map((words) => ({ words, tags: tags[cursor++] })),
    };
    results[index] = paragraph;
    prepared.options.cache?.set(prepared.model, prepared.paragraphTexts[index], paragraph);
  }
  return results as TaggedParagraph[];
}

/** Words that stand for a LaTeX acronym macro are abbreviations whatever the model says. */
function overrideMentions(
  words: readonly Word[],
  tags: readonly WordTag[],
  mentions: readonly Range[],
): WordTag[] {
  if (mentions.length === 0) return [...tags];
  return words.map((word, i) => {
    const mention = mentionHolding(mentions, word);
    if (!mention) return tags[i];
    const first = i === 0 || !(words[i - 1].start >= mention.start && words[i - 1].end <= mention.end);
    return { tag: first ? 'B-AC' : 'I-AC', score: 1 };
  });
}

/** Words on a placeholder (`\ref{…}` read as `0`) are never part of a span: their tag is `O`. */
function silence(words: readonly Word[], tags: WordTag[], silent: readonly Range[]): WordTag[] {
  if (silent.length === 0) return tags;
  return tags.map((tag, i) => (overlapsAny(silent, words[i]) ? { tag: 'O', score: 1 } : tag));
}

/** Whether `range` overlaps one of the sorted, disjoint `ranges` (binary search). */
function overlapsAny(ranges: readonly Range[], range: Range): boolean {
  let [low, high] = [0, ranges.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (ranges[middle].end <= range.start) low = middle + 1;
    else high = middle;
  }
  return low < ranges.length && ranges[low].start < range.end;
}

/**
 * The text with its placeholders blanked out, for pairing: `Internet of Things~\cite{x} (IoT)` is a
 * definition, the citation between the long form and its bracket read as space (the length is kept).
 */
function blank(text: string, silent: readonly Range[]): string {
  if (silent.length === 0) return text;
  let out = '';
  let at = 0;
  for (const range of silent) {
    out += text.slice(at, range.start) + ' '.repeat(range.end - range.start);
    at = range.end;
  }
  return out + text.slice(at);
}

/**
 * The mention that holds `word`, if any. The mentions are in text order and do not overlap, so it is the last
 * one starting at or before the word (found by binary search: one walk per word was quadratic).
 */
function mentionHolding(mentions: readonly Range[], word: Word): Range | undefined {
  let [low, high] = [0, mentions.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (mentions[middle].start <= word.start) low = middle + 1;
    else high = middle;
  }
  const mention = mentions[low - 1];
  return mention && word.end <= mention.end ? mention : undefined;
}

/**
 * For each span, the abbreviation it belongs to: a long form's from its definition, an abbreviation's from the
 * glossary (plural folded, see `knownSingular`). Looked up by key, as a search through all definitions per span was quadratic.
 */
function shortForms(
  definitions: readonly Definition[],
  glossary: readonly GlossaryEntry[],
): (span: Span) => string | undefined {
  const byLongForm = firstBy(definitions, (d) => rangeKey(d.longSpan));
  const shorts = new Set(glossary.map((entry) => entry.short));
  return (span) => {
    if (span.label === 'LF') return byLongForm.get(rangeKey(span))?.short;
    return knownSingular(span.text, (s) => shorts.has(s)) ?? span.text;
  };
}

/** Each item under its key, the first one where several share a key (as `find` would pick). */
function firstBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(key(item))) map.set(key(item), item);
  return map;
}

function toSourceSpan(
  source: string,
  projection: Projection,
  span: Span,
  short: string | undefined,
  found: AnalysedSpan['source'],
): AnalysedSpan {
  const range = projection.toSource(span);
  const result: AnalysedSpan = {
    label: span.label,
    start: range.start,
    end: range.end,
    text: source.slice(range.start, range.end),
    score: span.score,
    source: found,
  };
  if (short !== undefined) result.short = short;
  return result;
}

function mergeMacroDefinitions(glossary: GlossaryEntry[], macros: readonly AcronymMacro[]): GlossaryEntry[] {
  const byShort = firstBy(glossary, (entry) => entry.short);
  const shortByKey = new Map<string, string>();
  for (const macro of macros) {
    if (macro.kind !== 'definition' || macro.plural) continue;
    if (!shortByKey.has(macro.key)) shortByKey.set(macro.key, macro.short);
    if (!macro.long) continue;
    const entry = byShort.get(macro.short);
    if (entry && !entry.long) {
      entry.long = macro.long;
      entry.definition = macro.source;
    } else if (!entry) {
      const added = { short: macro.short, long: macro.long, count: 0, definition: macro.source };
      glossary.push(added);
      byShort.set(macro.short, added);
    }
  }
  // The plural forms (`\acroplural`) belong to the singular's entry, as `CNNs` does to `CNN`.
  for (const macro of macros) {
    if (macro.kind !== 'definition' || !macro.plural) continue;
    const entry = byShort.get(shortByKey.get(macro.key) ?? macro.key);
    if (entry && !entry.plural)
      entry.plural = { short: macro.short, long: macro.long, definition: macro.source };
  }
  return glossary;
}
