/** White space folded, for display and for comparing long forms. */

/** Each run of white space (line breaks included) as one space. */
export function foldSpace(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** A long form as it is compared loosely: case and runs of white space do not count, nor space at the ends. */
export function foldCaseAndSpace(text: string): string {
  return foldSpace(text).trim().toLowerCase();
}
