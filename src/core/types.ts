/** Shared vocabulary of the analysis core. Nothing here may import `vscode`. */

export type Lang = 'plaintext' | 'markdown' | 'latex';
export const LANGS: readonly Lang[] = ['plaintext', 'markdown', 'latex'];

export type EntityLabel = 'AC' | 'LF';

/** Word-level tags. PLOD-CW's `B-O` is read as `O`; PLOD has no `I-AC`, but other models may emit it. */
export type Tag = 'O' | 'B-AC' | 'I-AC' | 'B-LF' | 'I-LF';
export const TAGS: readonly Tag[] = ['O', 'B-AC', 'I-AC', 'B-LF', 'I-LF'];

/** A half-open range `[start, end)` in UTF-16 code units, as VS Code and JavaScript strings count. */
export interface Range {
  start: number;
  end: number;
}

/** A word as PLOD tokenises it: punctuation and brackets are words of their own. */
export interface Word extends Range {
  text: string;
}

/** The tagger's decision on one word. `score` is the probability of `tag`, in [0, 1]. */
export interface WordTag {
  tag: Tag;
  score: number;
}

/** An abbreviation or long form found in a source text; `text === source.slice(start, end)`. */
export interface Span extends Range {
  label: EntityLabel;
  text: string;
  score: number;
}

/** A tagger labels pre-split sentences, one tag per word. Implementations batch internally. */
export interface Tagger {
  /** The model's name as the user picks it (`rules`, a shipped model's name, or a folder path). */
  readonly name: string;
  /**
   * Whether each sentence is labelled on its own, so sentences of several documents may share one call (an ONNX
   * model). The rules tagger reads a whole call as one document (a definition anywhere tags every mention).
   */
  readonly sentencesIndependent: boolean;
  tagSentences(sentences: readonly (readonly string[])[]): Promise<WordTag[][]>;
  dispose(): Promise<void>;
}

/** One abbreviation in a document: its long form if the document defines it, and how often it is used. */
export interface GlossaryEntry {
  short: string;
  long: string | null;
  count: number;
  /** Where the long form is defined, in source offsets; null when the abbreviation is never defined. */
  definition: Range | null;
  /** The plural forms, where the document declares them apart (`\acroplural{OS}[OSes]{Operating Systems}`). */
  plural?: DeclaredPlural;
}

/** A plural declared by its own definition: its short and long forms as written, and where. */
export interface DeclaredPlural {
  short: string;
  long: string | null;
  definition: Range;
}

/** The glossary of one file, as the exports and the workspace glossary take it. */
export interface FileGlossary {
  file: string;
  entries: GlossaryEntry[];
}
