/**
 * The plural of an abbreviation, in one place: what the glossary folds (`CNNs` is `CNN`), which words are
 * mentions of a defined abbreviation, when LaTeX wants `\acp`, and what the assistant writes.
 */

/** The endings that make `short` plural: `s` (`CNNs`), and `es` too after a capital S (`OSes`); none after a lowercase s (`bps`). */
export function pluralEndings(short: string): readonly string[] {
  if (short === '' || short.endsWith('s')) return [];
  return short.endsWith('S') ? ['s', 'es'] : ['s'];
}

/** `short` in the plural: `CNN` → `CNNs`, `OS` → `OSs`; a short form that ends in a lowercase s is left as it is (`bps`). */
export function plural(short: string): string {
  return pluralEndings(short).length > 0 ? `${short}s` : short;
}

/** Whether `written` is `short` in the plural: `CNNs` of `CNN`, `OSs` and `OSes` of `OS`; `SDS` is not of `SD`. */
export function isPluralOf(written: string, short: string): boolean {
  return pluralEndings(short).some((ending) => written === short + ending);
}

/**
 * The singular of an abbreviation from its spelling alone: an `s` after a capital is dropped (`CNNs` → `CNN`,
 * `iPSCs` → `iPSC`), and `es` after a capital S (`OSes` → `OS`). All else is kept: a capital S is part of the
 * abbreviation (`SDS`, `DoS`), an `s` after a lowercase letter may be too (`Cys`, `Mbps`; so `MScs` and
 * `mAbs` stay), and a word of two letters stays whole (`As`). Where the singular is known to be an
 * abbreviation, `knownSingular` folds those too.
 */
export function singular(written: string): string {
  if (written.length >= 3 && /\p{Lu}s$/u.test(written)) return written.slice(0, -1);
  if (written.length >= 4 && /Ses$/u.test(written)) return written.slice(0, -2);
  return written;
}

/**
 * The abbreviation among the known ones that `written` stands for: itself, or the one it is the plural of
 * (`mAbs` of a known `mAb`, `MScs` of `MSc`, `OSes` of `OS`); undefined when it is neither.
 */
export function knownSingular(written: string, isKnown: (short: string) => boolean): string | undefined {
  if (isKnown(written)) return written;
  for (const cut of [1, 2]) {
    const short = written.slice(0, -cut);
    if (short.length > 0 && isKnown(short) && isPluralOf(written, short)) return short;
  }
  return undefined;
}

/**
 * Whether an English phrase (a long form) ends in a plural noun: `…networks`, `…properties`, `…boxes`; not
 * `…analysis`, `…class`, `…status`, `…bus`. A guess from the spelling of its last word.
 */
export function isPluralPhrase(phrase: string): boolean {
  const last = lastWord(phrase);
  return last.length > 2 && /[^s]s$/i.test(last) && !/(?:[iu]s|ss)$/i.test(last);
}

/** A phrase with its last word in the plural: `…network` → `…networks`, `…property` → `…properties`. */
export function pluralPhrase(phrase: string): string {
  if (isPluralPhrase(phrase)) return phrase;
  const last = lastWord(phrase);
  if (!last) return phrase;
  const head = phrase.slice(0, phrase.length - last.length);
  if (/[^aeiou]y$/i.test(last)) return `${head}${last.slice(0, -1)}${last.endsWith('Y') ? 'IES' : 'ies'}`;
  if (/(?:s|x|z|ch|sh)$/i.test(last)) return `${head}${last}${/[A-Z]$/.test(last) ? 'ES' : 'es'}`;
  return `${head}${last}${/^[A-Z]+$/.test(last) && last.length > 1 ? 'S' : 's'}`;
}

/** A phrase with its last word in the singular: `…alignments` → `…alignment`, `…properties` → `…property`. */
export function singularPhrase(phrase: string): string {
  if (!isPluralPhrase(phrase)) return phrase;
  const last = lastWord(phrase);
  const head = phrase.slice(0, phrase.length - last.length);
  if (/[^aeiou]ies$/i.test(last)) return `${head}${last.slice(0, -3)}${last.endsWith('S') ? 'Y' : 'y'}`;
  if (/(?:ss|x|z|ch|sh)es$/i.test(last)) return `${head}${last.slice(0, -2)}`;
  return `${head}${last.slice(0, -1)}`;
}

/** The phrase's last run of letters, or '' when it does not end in a letter. */
function lastWord(phrase: string): string {
  return /\p{L}+$/u.exec(phrase)?.[0] ?? '';
}
