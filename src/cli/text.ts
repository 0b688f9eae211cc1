import { InputError } from './input';
import { FileProblems, readPdf } from './sources';

/** `plod-tagger text paper.pdf`: the text that `tag paper.pdf` tags, so that its offsets can be read. */
export async function textCommand(args: string[], write: (text: string) => void): Promise<number> {
  const files = args.filter((a) => !a.startsWith('--'));
  if (!files.length || files.length !== args.length)
    throw new InputError('usage: plod-tagger text FILE.pdf...', 2);
  const problems = new FileProblems();
  for (const file of files) await problems.guard(async () => write(await readPdf(file)));
  return problems.exitCode;
}
