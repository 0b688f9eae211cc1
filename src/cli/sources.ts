import { langFromPath } from '../core/markup';
import type { Lang } from '../core/types';
import { InputError, readStdin, readTextFile } from './input';

export interface Source {
  file: string;
  text: string;
  lang: Lang;
}

/**
 * The files that could not be tagged, each reported on standard error when met, so that one bad file does not
 * stop the others being tagged; the run then ends with status 1, as `cat` and `grep` do.
 */
export class FileProblems {
  private count = 0;

  report(error: InputError): void {
    process.stderr.write(`plod-tagger: ${error.message}\n`);
    this.count++;
  }

  /** Run `work`, reporting the problem if it throws one with its input. */
  async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      this.report(error);
    }
  }

  get exitCode(): number {
    return this.count > 0 ? 1 : 0;
  }
}

/** The files named on the command line, or standard input when there are none; unreadable files are reported. */
export async function* readSources(
  files: readonly string[],
  lang: Lang | undefined,
  problems: FileProblems,
): AsyncGenerator<Source> {
  if (files.length === 0) {
    yield { file: '-', text: await readStdin(), lang: lang ?? 'plaintext' };
    return;
  }
  for (const file of files) {
    let text: string;
    try {
      text = readTextFile(file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.report(error);
      continue;
    }
    yield { file, text, lang: lang ?? langFromPath(file) };
  }
}
