/**
 * Likely long forms of an abbreviation that the document never defines, from the other papers of the
 * workspace, the user's own glossary and the shipped dictionaries, ranked by the document's field.
 *
 * A long form scores by where it comes from (the user's glossary first, then the workspace), by how many of
 * its own words the document uses, by how close the vocabulary it was met with is to the document's (cosine
 * of idf-weighted counts), and by how often its source has it. The weights were tuned on PLOD-CW validation
 * (`scripts/eval-expansion.ts --tune`).
 */
import { knownSingular, singularPhrase } from '../text/plural';
import { countFrequencies, readContext, type WordFrequencies } from './dictionary';
import { contentWords, type Vocabulary } from './vocabulary';

export type GuessSourceKind = 'user' | 'workspace' | 'dictionary';

export interface GuessSource {
  kind: GuessSourceKind;
  /** The glossary file, the workspace file that defines it, or the dictionary's title. */
  name: string;
}

export interface Candidate {
  short: string;
  long: string;
  count: number;
  /** The words the pair was met with, as counts or as a dictionary stores them (`word:count` items). */
  context: ReadonlyMap<string, number> | string;
  source: GuessSource;
}

export interface Guess {
  long: string;
  score: number;
  /** Every source that gives this long form, the strongest first. */
  sources: GuessSource[];
  /** Other names for the same thing from the same entry of a source (a WordNet synset's synonyms). */
  alternatives: string[];
}

export interface RankWeights {
  /** Share of the long form's words that the document uses. */
  own: number;
  /** Cosine of the document's vocabulary and the long form's context. */
  field: number;
  /** The long form's share of its abbreviation's count in its source. */
  prior: number;
}

export const RANK_WEIGHTS: RankWeights = { own: 0.5, field: 4, prior: 0.5 };

/** Far apart: any guess from the user's glossary outranks any from the workspace, and that any from a dictionary. */
const SOURCE_BIAS: Record<GuessSourceKind, number> = { user: 20, workspace: 10, dictionary: 0 };
/**
 * Among long forms that are otherwise alike (a dictionary's synonyms), the one whose words' initials are the
 * abbreviation's letters: `computed tomography` before `computed axial tomography` for CT.
 */
const INITIALS_BONUS = 0.05;
/** A candidate whose abbreviation matched only when case is ignored. */
const CASE_PENALTY = 0.5;

/** Long forms whose folded text is the same are one guess: `wild-type`, `wild type`, `Wild types`. */
export function foldGuess(long: string): string {
  return singularPhrase(
    long
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim(),
  ).replace(/ /g, '');
}

/** A candidate with what ranking it needs, worked out the first time its abbreviation is asked about. */
interface Indexed {
  candidate: Candidate;
  /** The candidate's count over all candidates of its abbreviation in the same source. */
  share: number;
  ready?: {
    words: string[];
    /** The first letters of the long form's words, lower case. */
    initials: string;
    context: ReadonlyMap<string, number>;
    /** Candidates of one source with the same context are synonyms; empty when there is no context. */
    sense: string;
  };
}

export class LongFormGuesser {
  private readonly byShort = new Map<string, Indexed[]>();
  private readonly byFolded = new Map<string, Indexed[]>();
  private readonly frequencies: WordFrequencies;

  /**
   * `frequencies` are the contexts' word frequencies when the caller has them (the shipped dictionaries store
   * theirs); otherwise they are counted from the candidates.
   */
  constructor(
    candidates: Iterable<Candidate>,
    private readonly weights: RankWeights = RANK_WEIGHTS,
    frequencies?: WordFrequencies,
  ) {
    const all = [...candidates];
    const totals = new Map<string, number>();
    const totalKey = (c: Candidate) => `${c.source.kind}\0${c.source.name}\0${c.short}`;
    for (const c of all) totals.set(totalKey(c), (totals.get(totalKey(c)) ?? 0) + c.count);
    for (const candidate of all) {
      const indexed: Indexed = { candidate, share: candidate.count / (totals.get(totalKey(candidate)) || 1) };
      push(this.byShort, candidate.short, indexed);
      push(this.byFolded, candidate.short.toLowerCase(), indexed);
    }
    this.frequencies = frequencies ?? countFrequencies(all.map(contextOf));
  }

  /** Whether any source knows the abbreviation (as written, its singular, or ignoring case). */
  knows(written: string): boolean {
    return this.candidatesOf(written).length > 0;
  }

  /** The `limit` likeliest long forms of `written` in a document with this vocabulary, best first. */
  guess(
    written: string,
    vocabulary: Vocabulary,
    limit = 3,
    accept?: (candidate: Candidate) => boolean,
  ): Guess[] {
    const candidates = this.candidatesOf(written).filter((c) => !accept || accept(c.indexed.candidate));
    if (!candidates.length) return [];
    const documentVector = this.weigh(vocabulary, (count) => 1 + Math.log(count));
    const documentNorm = norm(documentVector);
    const byLong = new Map<string, { guess: Guess; bias: number; sense: string }>();
    for (const { indexed, exact } of candidates) {
      const { candidate } = indexed;
      const { words, initials, context, sense } = prepared(indexed);
      const own = words.length ? words.filter((w) => vocabulary.has(w)).length / words.length : 0;
      const field = documentNorm ? this.cosine(documentVector, documentNorm, context) : 0;
      const bias =
        SOURCE_BIAS[candidate.source.kind] -
        (exact ? 0 : CASE_PENALTY) +
        (initials === letters(written) ? INITIALS_BONUS : 0);
      const score =
        bias + this.weights.own * own + this.weights.field * field + this.weights.prior * indexed.share;
      const key = foldGuess(candidate.long);
      const known = byLong.get(key);
      if (!known)
        byLong.set(key, {
          guess: { long: candidate.long, score, sources: [candidate.source], alternatives: [] },
          bias,
          sense,
        });
      else {
        known.guess.score = Math.max(known.guess.score, score);
        if (bias > known.bias) [known.bias, known.guess.long] = [bias, candidate.long];
        if (!known.guess.sources.some((s) => sameSource(s, candidate.source)))
          known.guess.sources.push(candidate.source);
      }
    }
    const ranked = [...byLong.values()].sort(
      (a, b) =>
        b.guess.score - a.guess.score ||
        (a.guess.long < b.guess.long ? -1 : a.guess.long > b.guess.long ? 1 : 0),
    );
    const bySense = new Map<string, Guess>();
    const guesses: Guess[] = [];
    for (const { guess, sense } of ranked) {
      guess.sources.sort((a, b) => SOURCE_BIAS[b.kind] - SOURCE_BIAS[a.kind]);
      const same = sense ? bySense.get(sense) : undefined;
      if (same) same.alternatives.push(guess.long);
      else {
        guesses.push(guess);
        if (sense) bySense.set(sense, guess);
      }
    }
    return guesses.slice(0, limit);
  }

  /** The abbreviation as written, else its singular (`CTs` → `CT`), with case; only then ignoring case. */
  private candidatesOf(written: string): { indexed: Indexed; exact: boolean }[] {
    const short = knownSingular(written, (s) => this.byShort.has(s));
    if (short) {
      const exact = this.byShort.get(short) ?? [];
      const folded = (this.byFolded.get(short.toLowerCase()) ?? []).filter(
        (c) => c.candidate.short !== short,
      );
      return [
        ...exact.map((indexed) => ({ indexed, exact: true })),
        ...folded.map((indexed) => ({ indexed, exact: false })),
      ];
    }
    const folded = knownSingular(written, (s) => this.byFolded.has(s.toLowerCase()));
    return (folded ? (this.byFolded.get(folded.toLowerCase()) ?? []) : []).map((indexed) => ({
      indexed,
      exact: false,
    }));
  }

  private idf(word: string): number {
    const { contexts, documentFrequency } = this.frequencies;
    return Math.log((1 + contexts) / (1 + (documentFrequency.get(word) ?? 0)));
  }

  private weigh(counts: ReadonlyMap<string, number>, scale: (count: number) => number): Map<string, number> {
    const vector = new Map<string, number>();
    for (const [word, count] of counts) {
      if (!this.frequencies.documentFrequency.has(word)) continue;
      vector.set(word, scale(count) * this.idf(word));
    }
    return vector;
  }

  private cosine(
    document: Map<string, number>,
    documentNorm: number,
    context: ReadonlyMap<string, number>,
  ): number {
    const vector = this.weigh(context, (count) => 1 + Math.log(count));
    const contextNorm = norm(vector);
    if (!contextNorm) return 0;
    let dot = 0;
    for (const [word, weight] of vector) dot += weight * (document.get(word) ?? 0);
    return dot / (documentNorm * contextNorm);
  }
}

function prepared(indexed: Indexed): NonNullable<Indexed['ready']> {
  if (indexed.ready) return indexed.ready;
  const { candidate } = indexed;
  const context = contextOf(candidate);
  const text = typeof candidate.context === 'string' ? candidate.context : [...context.keys()].join(' ');
  indexed.ready = {
    words: contentWords(candidate.long),
    initials: initialsOf(candidate.long),
    context,
    sense: text ? `${candidate.source.kind}\0${candidate.source.name}\0${text}` : '',
  };
  return indexed.ready;
}

function contextOf(candidate: Candidate): ReadonlyMap<string, number> {
  return typeof candidate.context === 'string' ? readContext(candidate.context) : candidate.context;
}

function initialsOf(long: string): string {
  return [...long.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)].map(([w]) => w[0]).join('');
}

/** An abbreviation's letters and digits, lower case, a plural `s` after a capital dropped (`CTs`). */
function letters(short: string): string {
  return short
    .replace(/(?<=\p{Lu})s$/u, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function norm(vector: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const weight of vector.values()) sum += weight * weight;
  return Math.sqrt(sum);
}

function sameSource(a: GuessSource, b: GuessSource): boolean {
  return a.kind === b.kind && a.name === b.name;
}
