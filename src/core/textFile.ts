/** Judging whether bytes are a text file worth tagging, as the CLI and the workspace scan both do. */

export const MAX_INPUT_BYTES = 64 * 1024 * 1024;
/** PDFs carry fonts and images besides their text. */
export const MAX_PDF_BYTES = 256 * 1024 * 1024;

/** The text of the bytes, or why they are not text to tag (one phrase, after the file's label). */
export function decodeTextFile(
  bytes: Uint8Array,
  label: string,
  maxBytes = MAX_INPUT_BYTES,
): { text: string } | { problem: string } {
  if (bytes.length === 0) return { problem: `${label} is empty` };
  if (bytes.length > maxBytes) return { problem: tooLarge(label, bytes.length, maxBytes) };
  // Anywhere in the file: a text file with a NUL deep inside is as unfit to tag as a binary one.
  if (bytes.includes(0)) return { problem: `${label} looks like a binary file (it holds NUL bytes)` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { problem: `${label} is not valid UTF-8 text` };
  }
  if (text.trim() === '') return { problem: `${label} holds only whitespace` };
  return { text };
}

/** Why an input of `size` bytes is refused; `size` is null when all that is known is that it is too large. */
export function tooLarge(label: string, size: number | null, maxBytes = MAX_INPUT_BYTES): string {
  const what = size === null ? `over ${formatSize(maxBytes)}` : formatSize(size);
  return `${label} is ${what}; the limit is ${formatSize(maxBytes)}`;
}

/** `64 MB`, `512 KB`, `80 bytes`. */
export function formatSize(bytes: number): string {
  if (bytes >= 1048576) return `${Math.round(bytes / 1048576)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
