import * as fs from 'node:fs';
import { decodeTextFile, MAX_INPUT_BYTES, tooLarge } from '../core/textFile';

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

/** The text of a file, refused before it is read whole when it is over the input limit. */
export function readTextFile(file: string, maxBytes = MAX_INPUT_BYTES): string {
  return decodeText(readBytes(file, maxBytes), file);
}

/** The bytes of a file, refused before it is read whole when it is over `maxBytes`. */
export function readBytes(file: string, maxBytes: number): Buffer {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    if (NOT_THERE.has(code)) throw new InputError(`${file}: no such file`);
    throw new InputError(`${file} cannot be read: ${code}`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(`${file} is a folder, not a file`);
    if (stat.isFile() && stat.size > maxBytes) throw new InputError(tooLarge(file, stat.size, maxBytes));
    const bytes = readAtMost(fd, file, maxBytes);
    if (bytes.length === 0) throw new InputError(`${file} is empty`);
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
}

const NOT_THERE = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'ENAMETOOLONG']);
const CHUNK_BYTES = 1024 * 1024;

/**
 * All of `fd`, read a chunk at a time, stopping as soon as it holds more than `maxBytes`: a pipe, a device
 * or a file that grows may hold more than its size said, or have none.
 */
function readAtMost(fd: number, label: string, maxBytes: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, maxBytes + 1 - total));
    let read: number;
    try {
      read = fs.readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw new InputError(
        `${label} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
    if (read === 0) return Buffer.concat(chunks, total);
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > maxBytes) throw new InputError(tooLarge(label, null, maxBytes));
  }
}

export async function readStdin(maxBytes = MAX_INPUT_BYTES): Promise<string> {
  if (process.stdin.isTTY) throw new InputError('no input: give a file, or pipe text to standard input', 2);
  const stat = statOrNull(0);
  if (stat?.isDirectory()) throw new InputError('standard input is a folder, not a file');
  if (stat?.isFile() && stat.size > maxBytes)
    throw new InputError(tooLarge('standard input', stat.size, maxBytes));
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw new InputError(tooLarge('standard input', null, maxBytes));
    }
  }
  return decodeText(Buffer.concat(chunks), 'standard input');
}

function statOrNull(fd: number): fs.Stats | null {
  try {
    return fs.fstatSync(fd);
  } catch {
    return null;
  }
}
