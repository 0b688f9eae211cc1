import { ModelError, modelNames } from '../core/models';
import { evalCommand } from './evaluate';
import { glossaryCommand } from './glossary';
import { InputError } from './input';
import { tagCommand } from './tag';
import { SERVE_USAGE } from '../server/usage';

const USAGE = `Usage: plod-tagger <command> [options]

Commands:
  tag [FILE...]       Tag abbreviations (AC) and long forms (LF)
      --model NAME|PATH        a shipped model, "rules", or an HF-format ONNX folder
      --format json|conll|text output format (json: one object per file and line)
      --lang plaintext|markdown|latex   markup of the input (default: from the file extension)
      --input text|conll       read pre-tokenised CoNLL (first column is the token)
      --dtype fp32|q8          which ONNX file of the model to run
      --label-map JSON|FILE    map a model's generic labels, e.g. {"LABEL_1":"B-AC"}
  glossary [FILE...]  List each abbreviation with its long form and number of mentions
      --format json|jsonl|markdown|latex|acronym|csv   (latex: \\newacronym; acronym: \\acro)
  eval                Score a model on PLOD-CW (strict span-level P/R/F1)
      --data FILE.conll        default: ../shared/data/plod-cw/test.conll (or $PLOD_DATA_DIR)
      --split train|validation|test   --model NAME   --json
  models              List the models
${SERVE_USAGE}
With no FILE, tag and glossary read standard input.
`;

type Command = (args: string[], write: (text: string) => void) => Promise<void>;

const COMMANDS: Record<string, Command> = {
  tag: tagCommand,
  glossary: glossaryCommand,
  eval: evalCommand,
  models: async (_args, write) => write(modelNames().join('\n') + '\n'),
  serve: async (args, write) => (await import('../server/command')).serveCommand(args, write),
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const write = (text: string) => void process.stdout.write(text);
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const run = COMMANDS[command];
  if (!run) {
    process.stderr.write(`plod-tagger: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  try {
    await run(args, write);
    return 0;
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): number {
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
