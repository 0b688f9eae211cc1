import * as fs from 'node:fs';
import { decodeTextFile } from '../core/textFile';

/** A problem with what the user gave us; the CLI prints the message alone and exits non-zero. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Decode bytes as UTF-8 text the way VS Code would open them, or say why they are not text. */
export function decodeText(bytes: Uint8Array, label: string): string {
  const decoded = decodeTextFile(bytes, label);
  if ('problem' in decoded) throw new InputError(decoded.problem);
  return decoded.text;
}

export function readTextFile(file: string): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new InputError(`${file}: no such file`);
  }
  if (stat.isDirectory()) throw new InputError(`${file} is a folder, not a file`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new InputError(`${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return decodeText(bytes, file);
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new InputError('no input: give a file, or pipe text to standard input', 2);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return decodeText(Buffer.concat(chunks), 'standard input');
}
