import { ModelError, modelNames } from '../core/models';
import { InputError } from './input';
import { SERVE_USAGE } from '../server/usage';

const USAGE = `Usage: plod-tagger <command> [options]

Commands:
  tag [FILE...]       Tag abbreviations (AC) and long forms (LF)
      --model NAME|PATH        a shipped model, "rules", or an HF-format ONNX folder
      --format json|conll|text output format (json: one object per file and line)
      --lang plaintext|markdown|latex   markup of the input (default: from the file extension)
      --input text|conll       read pre-tokenised CoNLL (first column is the token)
      --standalone             a LaTeX file alone, not with the project that \\inputs it
                               (its root: %!TEX root, \\documentclass[root]{subfiles}, or the including file)
      --dtype fp32|q8          which ONNX file of the model to run
      --label-map JSON|FILE    map a model's generic labels, e.g. {"LABEL_1":"B-AC"}
  glossary [FILE...]  List each abbreviation with its long form and number of mentions
      --format json|jsonl|markdown|latex|acronym|csv   (latex: \\newacronym; acronym: \\acro)
  eval                Score a model on PLOD-CW (strict span-level P/R/F1)
      --data FILE.conll        default: ../shared/data/plod-cw/test.conll (or $PLOD_DATA_DIR)
      --split train|validation|test   --model NAME   --json
      --sdu scientific|legal|FILE.json   instead: the whole analysis on an SDU@AAAI-22 set,
                               by character spans, with a bootstrap 95 % interval
  text FILE.pdf...     Print the text of PDF papers, as tag reads them (its offsets are into this text)
  models              List the models
${SERVE_USAGE}
With no FILE, tag and glossary read standard input. A PDF (FILE.pdf) is read as its text.
`;

/** Runs a command; resolves to the exit code when it is not 0 (some files could not be read, say). */
type Command = (args: string[], write: (text: string) => void) => Promise<number | void>;

/** Each command's module is read when it runs: `models` and `--help` never load the analysis, nor `tag` the server. */
const COMMANDS: Record<string, Command> = {
  tag: async (args, write) => (await import('./tag')).tagCommand(args, write),
  glossary: async (args, write) => (await import('./glossary')).glossaryCommand(args, write),
  eval: async (args, write) => (await import('./evaluate')).evalCommand(args, write),
  text: async (args, write) => (await import('./text')).textCommand(args, write),
  models: async (_args, write) => write(modelNames().join('\n') + '\n'),
  serve: async (args, write) => (await import('./serve')).serveCommand(args, write),
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const output = new Output(process.stdout);
  // A reader of standard error that has gone must not turn a message into a crash.
  process.stderr.on('error', () => {});
  const run: Command | undefined =
    command && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run && command && !HELP.includes(command)) {
    process.stderr.write(`plod-tagger: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    let code = 0;
    if (run) code = (await run(args, output.write)) ?? 0;
    else output.write(USAGE);
    await output.flush();
    return run || command ? code : 2;
  } catch (error) {
    return report(error);
  }
}

const HELP = ['--help', '-h', 'help'];

/**
 * Standard output, with its first write error kept. When the reader has gone (`| head`: EPIPE) or the disk is
 * full (ENOSPC), the stream says so by an event, after the write; left unheard, that event ends the process
 * with a stack trace. Heard, it makes the next write, or the final flush, throw an `OutputError`.
 */
class Output {
  private error: NodeJS.ErrnoException | null = null;

  constructor(private readonly stream: NodeJS.WriteStream) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.error ??= error;
    });
  }

  readonly write = (text: string): void => {
    this.throwIfFailed();
    this.stream.write(text);
  };

  /** Wait until all that was written has gone out, and throw if any of it could not be. */
  async flush(): Promise<void> {
    if (!this.error && !this.stream.destroyed) await new Promise((resolve) => this.stream.write('', resolve));
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.error) throw new OutputError(this.error);
  }
}

/** Standard output could not be written to. */
class OutputError extends Error {
  override name = 'OutputError';
  constructor(readonly writeError: NodeJS.ErrnoException) {
    super(`cannot write the output: ${describeWriteError(writeError)}`);
  }
}

const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large',
  EIO: 'input/output error',
  EBADF: 'standard output is closed',
};

function describeWriteError(error: NodeJS.ErrnoException): string {
  const known = error.code && WRITE_ERRORS[error.code];
  return known ? `${known} (${error.code})` : error.message;
}

/** Exit status of a process whose reader went away: 128 + SIGPIPE, as a shell reports `cat file | head`. */
const BROKEN_PIPE_EXIT = 141;

function report(error: unknown): number {
  if (error instanceof OutputError && error.writeError.code === 'EPIPE') return BROKEN_PIPE_EXIT;
  if (error instanceof InputError) {
    process.stderr.write(`plod-tagger: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof ModelError) {
    process.stderr.write(`plod-tagger: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`plod-tagger: ${message}\n`);
  if (process.env.PLOD_TAGGER_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  return 1;
}
