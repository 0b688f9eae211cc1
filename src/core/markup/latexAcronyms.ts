/**
 * The acronym packages' macros (acronym, acro, glossaries, glossaries-extra): what each definition macro
 * declares, and what each mention macro prints.
 */

/** An abbreviation as a definition macro declares it, its text resolved (mentions inside it expanded). */
export interface AcronymDefinition {
  /** The key that mentions name it by (`\ac{key}`). */
  key: string;
  short: string;
  /** Null for a glossary term that is not an abbreviation (`\newglossaryentry` with a description only). */
  long: string | null;
  /** The plural forms, when the definition gives them (`\acroplural`, `shortplural=`, `long-plural-form=`). */
  shortPlural?: string;
  longPlural?: string;
}

/** The definition macros, and how many mandatory arguments each takes. */
export const DEFINITION_ARGUMENTS = new Map<string, number>([
  ['newacronym', 3],
  ['newabbreviation', 3],
  ['acro', 2],
  ['acrodef', 2],
  ['newacro', 2],
  ['acroplural', 2],
  ['acrodefplural', 2],
  ['DeclareAcronym', 2],
  ['newglossaryentry', 2],
]);

export const DEFINITION_COMMAND =
  /\\(newacronym|newabbreviation|acrodefplural|acroplural|acrodef|acro|newacro|DeclareAcronym|newglossaryentry)(?![A-Za-z@])/g;

/** Definition macros that give the plural forms of an abbreviation declared by another one. */
export const PLURAL_DEFINITIONS = new Set(['acroplural', 'acrodefplural']);

/** What a mention macro prints: the short form, the long form, or both (`long (short)`). */
export type MentionForm = 'short' | 'long' | 'full';

export interface MentionMacro {
  form: MentionForm;
  plural: boolean;
  /** `first`: the first letter upper case (`\Acl`, `\Gls`); `all`: every letter (`\GLS`, `\ACRlong`). */
  capitals: 'first' | 'all' | null;
}

/** Every mention macro: the acronym and acro packages, glossaries and glossaries-extra. */
export const MENTION_MACROS = new Map<string, MentionMacro>();
{
  const add = (names: string, form: MentionForm, plural: boolean): void => {
    for (const name of names.split(' ')) {
      const capitals = /^[A-Z]{2}/.test(name) ? 'all' : /^[A-Z]/.test(name) ? 'first' : null;
      MENTION_MACROS.set(name, { form, plural, capitals });
    }
  };
  // acronym and acro: \ac prints the short form here (its first use, `long (short)`, is not followed).
  add('ac Ac acs Acs acsu iac Iac acshort Acshort', 'short', false);
  add('acp Acp acsp Acsp acshortpl Acshortpl', 'short', true);
  add('acl Acl aclu Aclu aclong Aclong', 'long', false);
  add('aclp Aclp aclongpl Aclongpl', 'long', true);
  add('acf Acf acfi Acfi acfu acfull Acfull', 'full', false);
  add('acfp Acfp acfullpl Acfullpl', 'full', true);
  // glossaries and glossaries-extra.
  add('gls Gls GLS glstext Glstext GLStext glsxtrshort Glsxtrshort GLSxtrshort', 'short', false);
  add('glspl Glspl GLSpl glsxtrshortpl Glsxtrshortpl GLSxtrshortpl', 'short', true);
  add('acrshort Acrshort ACRshort', 'short', false);
  add('acrshortpl Acrshortpl ACRshortpl', 'short', true);
  add('acrlong Acrlong ACRlong glsxtrlong Glsxtrlong GLSxtrlong glsdesc Glsdesc GLSdesc', 'long', false);
  add('acrlongpl Acrlongpl ACRlongpl glsxtrlongpl Glsxtrlongpl GLSxtrlongpl', 'long', true);
  add('acrfull Acrfull ACRfull glsxtrfull Glsxtrfull GLSxtrfull', 'full', false);
  add('acrfullpl Acrfullpl ACRfullpl glsxtrfullpl Glsxtrfullpl GLSxtrfullpl', 'full', true);
}

/** What a mention prints: the long form part (for `long` and `full`) and the short form part. */
export interface MentionText {
  long: string | null;
  short: string | null;
}

/** The text `macro` prints for `definition` (or for a key no definition declares). */
export function mentionText(
  macro: MentionMacro,
  key: string,
  definition: AcronymDefinition | undefined,
): MentionText {
  const short = definition?.short || key;
  const shortForm = macro.plural ? (definition?.shortPlural ?? `${short}s`) : short;
  const long = definition?.long;
  const longForm = long ? (macro.plural ? (definition.longPlural ?? `${long}s`) : long) : null;
  const capitalise = (text: string): string =>
    macro.capitals === 'all'
      ? text.toUpperCase()
      : macro.capitals === 'first'
        ? text.charAt(0).toUpperCase() + text.slice(1)
        : text;
  if (macro.form === 'short' || !longForm) return { long: null, short: capitalise(shortForm) };
  if (macro.form === 'long') return { long: capitalise(longForm), short: null };
  return {
    long: capitalise(longForm),
    short: macro.capitals === 'all' ? shortForm.toUpperCase() : shortForm,
  };
}

/** The longest text a long form may expand to: a chain of definitions through each other stops there. */
const MAX_EXPANDED = 400;
/** How deep mentions inside definitions are expanded (`\acro{A}{\acl{B} x}`, B through C, …). */
const MAX_DEPTH = 6;

const MENTION_IN_TEXT = /\\([A-Za-z]+)\*?\s*(?:\[[^\]{}]*\]\s*)?\{([^{}]*)\}/g;

/** A definition as written: its texts still LaTeX, to be expanded once every definition is known. */
export interface RawDefinition {
  key: string;
  short: string;
  long: string | null;
  shortPlural?: string;
  longPlural?: string;
  /** Declares only the plural forms (`\acroplural`), of an abbreviation declared by another macro. */
  pluralOnly?: boolean;
}

/**
 * The definitions of one document (and those given from outside it), their texts expanded on first use:
 * `\acro{VMM}{\acl{VM} Monitor}` reads `Virtual Machine Monitor` whichever comes first.
 */
export class AcronymTable {
  private readonly raw = new Map<string, RawDefinition>();
  private readonly resolved = new Map<string, AcronymDefinition>();
  private readonly resolving = new Set<string>();

  constructor(private readonly external: ReadonlyMap<string, AcronymDefinition> = new Map()) {}

  /** The first definition of a key wins, as the packages warn about (or ignore) a second one. */
  add(definition: RawDefinition): void {
    const known = this.raw.get(definition.key);
    if (!known) {
      this.raw.set(definition.key, { ...definition });
      return;
    }
    if (known.pluralOnly && !definition.pluralOnly) {
      known.short = definition.short;
      known.long = definition.long;
      delete known.pluralOnly;
    }
    known.shortPlural ??= definition.shortPlural;
    known.longPlural ??= definition.longPlural;
  }

  get(key: string, depth = 0): AcronymDefinition | undefined {
    const done = this.resolved.get(key);
    if (done) return done;
    const raw = this.raw.get(key);
    if (!raw) return this.external.get(key);
    if (this.resolving.has(key) || depth > MAX_DEPTH) return undefined;
    this.resolving.add(key);
    const text = (latex: string | undefined): string | undefined =>
      latex === undefined ? undefined : this.expand(latex, depth + 1);
    const definition: AcronymDefinition = {
      key,
      short: text(raw.short) || key,
      long: raw.long === null ? null : text(raw.long) || null,
    };
    const shortPlural = text(raw.shortPlural);
    const longPlural = text(raw.longPlural);
    if (shortPlural) definition.shortPlural = shortPlural;
    if (longPlural) definition.longPlural = longPlural;
    this.resolving.delete(key);
    this.resolved.set(key, definition);
    return definition;
  }

  /** LaTeX text read as prose: mention macros replaced by what they print, other commands and braces dropped. */
  expand(latex: string, depth = 0): string {
    const expanded = latex.replace(MENTION_IN_TEXT, (whole, name: string, key: string) => {
      const macro = MENTION_MACROS.get(name);
      if (!macro) return whole;
      const printed = mentionText(macro, key.trim(), this.get(key.trim(), depth));
      const both = [printed.long, printed.short && printed.long ? `(${printed.short})` : printed.short];
      return both.filter(Boolean).join(' ').slice(0, MAX_EXPANDED);
    });
    return plainText(expanded).slice(0, MAX_EXPANDED);
  }
}

/** The readable text of a macro argument: commands and braces removed, spaces collapsed. */
export function plainText(latex: string): string {
  return latex
    .replace(/\\[A-Za-z@]+\*?\s*|\\(?=[^A-Za-z])|[{}]/g, '')
    .replace(/~/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `key = value, key = {value, with commas}` as a map of raw values (braces around a value removed). */
export function keyValues(list: string): Map<string, string> {
  const fields = new Map<string, string>();
  let depth = 0;
  let start = 0;
  const add = (end: number): void => {
    const item = list.slice(start, end);
    const equals = item.indexOf('=');
    if (equals < 0) return;
    const key = item.slice(0, equals).trim();
    let value = item.slice(equals + 1).trim();
    if (value.startsWith('{') && value.endsWith('}') && balanced(value.slice(1, -1)))
      value = value.slice(1, -1);
    if (key) fields.set(key, value);
  };
  for (let i = 0; i < list.length; i++) {
    const char = list[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (char === ',' && depth === 0) {
      add(i);
      start = i + 1;
    }
  }
  add(list.length);
  return fields;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * What one definition macro declares, from its mandatory arguments and the optional argument before each
 * (raw LaTeX); null when it declares nothing usable.
 */
export function readDefinition(
  name: string,
  args: readonly string[],
  optionals: readonly (string | null)[],
): RawDefinition | null {
  const key = plainText(args[0] ?? '');
  switch (name) {
    case 'newacronym':
    case 'newabbreviation': {
      const options = keyValues(optionals[0] ?? '');
      const short = args[1] ?? '';
      return withPlurals(
        { key: key || plainText(short), short, long: args[2] ?? '' },
        options.get('shortplural'),
        options.get('longplural'),
      );
    }
    case 'acroplural':
    case 'acrodefplural': {
      // The plural forms of an abbreviation that `\acro` declares: `\acroplural{OS}[OSes]{Operating Systems}`.
      const short = optionals[1] ?? `${args[0] ?? ''}s`;
      return {
        key,
        short: args[0] ?? '',
        long: null,
        shortPlural: short,
        longPlural: args[1] ?? '',
        pluralOnly: true,
      };
    }
    case 'DeclareAcronym':
      return declareAcronym(key, keyValues(args[1] ?? ''));
    case 'newglossaryentry':
      return glossaryEntry(key, keyValues(args[1] ?? ''));
    default:
      // \acro{key}[short]{long}, \acrodef, \newacro.
      return { key, short: optionals[1] ?? args[0] ?? '', long: args[1] ?? '' };
  }
}

function withPlurals(definition: RawDefinition, shortPlural?: string, longPlural?: string): RawDefinition {
  if (shortPlural !== undefined) definition.shortPlural = shortPlural;
  if (longPlural !== undefined) definition.longPlural = longPlural;
  return definition;
}

/** acro: `\DeclareAcronym{key}{short = …, long = …, short-plural = es, long-plural-form = …}`. */
function declareAcronym(key: string, fields: Map<string, string>): RawDefinition {
  const short = fields.get('short') ?? key;
  const long = fields.get('long') ?? null;
  const suffix = (form: string | null, ending: string | undefined): string | undefined =>
    form === null || ending === undefined ? undefined : form + ending;
  return withPlurals(
    { key, short, long },
    fields.get('short-plural-form') ?? suffix(short, fields.get('short-plural')),
    fields.get('long-plural-form') ?? suffix(long, fields.get('long-plural')),
  );
}

/**
 * glossaries: `\newglossaryentry{key}{name=…, description=…}`. An abbreviation when its type is the acronym
 * list, when it gives `short` and `long`, or when its first use reads `long (short)`; else a term, which
 * `\gls` prints by its name and which has no long form.
 */
function glossaryEntry(key: string, fields: Map<string, string>): RawDefinition {
  const short = fields.get('short') ?? fields.get('text') ?? fields.get('name') ?? key;
  const first = fields.get('first');
  const written = first ? /^(.+?)\s*\(\s*(.+?)\s*\)\s*$/.exec(first) : null;
  const fromFirst = written && plainText(written[2]) === plainText(short) ? written[1] : undefined;
  const isAcronym = /acronym/i.test(fields.get('type') ?? '');
  const long = fields.get('long') ?? fromFirst ?? (isAcronym ? fields.get('description') : undefined);
  return withPlurals(
    { key, short, long: long ?? null },
    fields.get('shortplural') ?? fields.get('plural'),
    fields.get('longplural'),
  );
}
