import * as fs from 'node:fs';

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

export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Decode bytes as UTF-8 text the way VS Code would open them, or say why they are not text. */
export function decodeText(bytes: Uint8Array, label: string): string {
  if (bytes.length === 0) throw new InputError(`${label} is empty`);
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new InputError(
      `${label} is ${Math.round(bytes.length / 1048576)} MB; the limit is ${MAX_INPUT_BYTES / 1048576} MB`,
    );
  }
  if (bytes.subarray(0, 8192).includes(0))
    throw new InputError(`${label} looks like a binary file (it holds NUL bytes)`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${label} is not valid UTF-8 text`);
  }
  if (text.trim() === '') throw new InputError(`${label} holds only whitespace`);
  return text;
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
