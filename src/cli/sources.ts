import * as fs from 'node:fs';
import { langFromPath } from '../core/markup';
import { MAX_PDF_BYTES } from '../core/textFile';
import type { Lang } from '../core/types';
import { InputError, readBytes, readStdin, readTextFile } from './input';

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
    const pdf = isPdf(file);
    let text: string;
    try {
      text = pdf ? await readPdf(file) : readTextFile(file);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.report(error);
      continue;
    }
    yield { file, text, lang: pdf ? 'plaintext' : (lang ?? langFromPath(file)) };
  }
}

/** A `.pdf` file, or any file that starts as a PDF does. */
function isPdf(file: string): boolean {
  if (/\.pdf$/i.test(file)) return true;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(5);
      return fs.readSync(fd, head, 0, 5, 0) === 5 && head.toString('latin1') === '%PDF-';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** The text of a PDF paper, as "PLOD: Open PDF as Text" shows it; pdf.js is read only for a PDF. */
export async function readPdf(file: string): Promise<string> {
  const bytes = readBytes(file, MAX_PDF_BYTES);
  const { extractPdfText, PdfError } = await import('../core/pdf/extract');
  try {
    return (await extractPdfText(bytes, file)).text;
  } catch (error) {
    if (error instanceof PdfError) throw new InputError(error.message);
    throw error;
  }
}
