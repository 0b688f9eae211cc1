/**
 * Guessed long forms, in a worker thread of the extension host: the shipped dictionaries (about 14,000 entries)
 * are read and indexed here, and each document's vocabulary is counted here, so neither blocks the editor.
 */
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { type Candidate, type Guess, LongFormGuesser, RANK_WEIGHTS } from '../core/expansion/guess';
import { dictionaryCandidates, dictionaryFrequencies, readDictionaries } from '../core/expansion/load';
import { vocabularyOf, type Vocabulary } from '../core/expansion/vocabulary';
import { rememberLatest } from '../core/delta';
import { modelsDir } from '../core/models';
import { serveRequests } from './threads';

export interface GuessRequest {
  /** The shipped dictionaries to read, by name. */
  dictionaries: string[];
  /** The user's and the workspace's long forms, and a key that changes when they do. */
  extra: Candidate[];
  extraKey: string;
  /** The document (its URI and version name its vocabulary), and the workspace file it is, if any. */
  document: { key: string; text: string; workspaceFile?: string };
  short: string;
  limit: number;
}

const DICTIONARY_FOLDER = path.join(modelsDir(), 'long-forms');
const VOCABULARIES = 8;

let guesser: { key: string; value: LongFormGuesser } | undefined;
/** By document and version; an untitled document's URI and version come back with another text, so it is checked. */
const vocabularies = new Map<string, { text: string; words: Vocabulary }>();

function guesserFor(request: GuessRequest): LongFormGuesser {
  const key = JSON.stringify([request.dictionaries, request.extraKey]);
  if (guesser?.key !== key) {
    const read = readDictionaries(DICTIONARY_FOLDER, request.dictionaries);
    const candidates = [...request.extra, ...dictionaryCandidates(read)];
    guesser = { key, value: new LongFormGuesser(candidates, RANK_WEIGHTS, dictionaryFrequencies(read)) };
  }
  return guesser.value;
}

function vocabularyFor({ key, text }: GuessRequest['document']): Vocabulary {
  const known = vocabularies.get(key);
  const words = known?.text === text ? known.words : vocabularyOf(text);
  rememberLatest(vocabularies, key, { text, words }, VOCABULARIES);
  return words;
}

export function guessFor(request: GuessRequest): Guess[] {
  const found = guesserFor(request);
  if (!found.knows(request.short)) return [];
  const self = request.document.workspaceFile;
  return found.guess(
    request.short,
    vocabularyFor(request.document),
    request.limit,
    (c) => c.source.kind !== 'workspace' || c.source.name !== self,
  );
}

if (parentPort) serveRequests(parentPort, guessFor);
