import { langFromPath } from '../core/markup';
import type { Lang } from '../core/types';
import { readStdin, readTextFile } from './input';

export interface Source {
  file: string;
  text: string;
  lang: Lang;
}

/** The files named on the command line, or standard input when there are none. */
export async function* readSources(files: readonly string[], lang: Lang | undefined): AsyncGenerator<Source> {
  if (files.length === 0) {
    yield { file: '-', text: await readStdin(), lang: lang ?? 'plaintext' };
    return;
  }
  for (const file of files) {
    yield { file, text: readTextFile(file), lang: lang ?? langFromPath(file) };
  }
}
