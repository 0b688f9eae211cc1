/** LaTeX acronym packages: which one a document loads, and how to declare an abbreviation in it. */

import { acroKey, escapeLatex, latexKey } from '../glossary/formats';
import { isPluralOf } from '../text/plural';
import type { Range } from '../types';
import type { AcronymMacro } from '../markup';
import type { Abbreviation, AssistModel, DefinitionSite } from './model';

export type AcronymPackage = 'glossaries' | 'acro' | 'acronym';

const USEPACKAGE = /\\usepackage\s*(?:\[[^\]]*\])?\s*\{([^}]*)\}/g;
const USEPACKAGE_WITH_OPTIONS = /\\usepackage\s*(?:\[([^\]]*)\])?\s*\{([^}]*)\}/g;
const PACKAGES: Record<string, AcronymPackage> = {
  glossaries: 'glossaries',
  'glossaries-extra': 'glossaries',
  acro: 'acro',
  acronym: 'acronym',
};

/** The first acronym package the document loads (ignoring commented-out lines), or null. */
export function latexAcronymPackage(source: string): AcronymPackage | null {
  for (const match of source.matchAll(USEPACKAGE)) {
    const lineStart = source.lastIndexOf('\n', match.index) + 1;
    if (/(?<!\\)%/.test(source.slice(lineStart, match.index))) continue;
    for (const name of match[1].split(',')) {
      const pkg = PACKAGES[name.trim()];
      if (pkg) return pkg;
    }
  }
  return null;
}

/** The options the document loads `name` with (`nolist`, `shortcuts`…), lower-cased; null when it does not. */
export function packageOptions(source: string, name: string): string[] | null {
  for (const match of source.matchAll(USEPACKAGE_WITH_OPTIONS)) {
    const lineStart = source.lastIndexOf('\n', match.index) + 1;
    if (/(?<!\\)%/.test(source.slice(lineStart, match.index))) continue;
    if (!match[2].split(',').some((n) => n.trim() === name)) continue;
    return (match[1] ?? '')
      .split(',')
      .map((o) => o.trim().toLowerCase())
      .filter(Boolean);
  }
  return null;
}

/**
 * Which declarations the document prints even when unused: those of the acronym package's `acronym`
 * environment (its list of acronyms), unless the package is loaded with `nolist` or `printonlyused`. The
 * glossaries and acro packages list only the entries used, and `\acrodef` never prints.
 */
export function printsUnusedDeclarations(model: AssistModel): (site: DefinitionSite) => boolean {
  const options = model.lang === 'latex' ? packageOptions(model.source, 'acronym') : null;
  if (!options || options.includes('nolist') || options.includes('printonlyused')) return () => false;
  const environments = [
    ...model.source.matchAll(/\\begin\s*\{acronym\}[\s\S]*?(?:\\end\s*\{acronym\}|$)/g),
  ].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  return (site) =>
    environments.some((e) => e.start <= site.range.start && site.range.end <= e.end) &&
    /^\\acro\b/.test(model.source.slice(site.range.start, site.range.start + 6));
}

/** The package's preamble declaration: `\newacronym`, `\DeclareAcronym` or `\acrodef` (usable in the preamble). */
export function declaration(pkg: AcronymPackage, key: string, short: string, long: string): string {
  const [s, l] = [escapeLatex(short), escapeLatex(long)];
  switch (pkg) {
    case 'glossaries':
      return `\\newacronym{${key}}{${s}}{${l}}`;
    case 'acro':
      return `\\DeclareAcronym{${key}}{short = {${s}}, long = {${l}}}`;
    case 'acronym':
      return `\\acrodef{${key}}[${s}]{${l}}`;
  }
}

/** The mention macros a document may write: singular, plural, and both capitalised for a sentence start. */
export interface MentionMacros {
  one: string;
  many: string;
  One: string;
  Many: string;
}

const AC: MentionMacros = { one: 'ac', many: 'acp', One: 'Ac', Many: 'Acp' };
const GLS: MentionMacros = { one: 'gls', many: 'glspl', One: 'Gls', Many: 'Glspl' };

/**
 * The macros a mention is written with in this document: `\ac`/`\acp` for acronym and acro; `\gls`/`\glspl`
 * for glossaries and glossaries-extra, which define `\ac` only with their `shortcuts` option, so `\ac` is
 * written there only when the package is loaded with it and the document itself already writes `\ac`.
 */
export function mentionMacros(source: string, pkg: AcronymPackage): MentionMacros {
  if (pkg !== 'glossaries') return AC;
  const options = [
    ...(packageOptions(source, 'glossaries') ?? []),
    ...(packageOptions(source, 'glossaries-extra') ?? []),
  ];
  const shortcuts = options.some((o) =>
    /^shortcuts(?:\s*=\s*(?:true|all|ac|acro|acronyms?))?$/.test(o.replace(/\s+/g, '')),
  );
  return shortcuts && /(?<!%.*)\\ac\s*\{/.test(source) ? AC : GLS;
}

/** `\ac{key}`; `\acp{key}` for a plural mention (`CNNs` of `CNN`); `\Ac{key}` at a sentence start. */
export function mentionCommand(macros: MentionMacros, key: string, plural: boolean, capital = false): string {
  const name = capital ? (plural ? macros.Many : macros.One) : plural ? macros.many : macros.one;
  return `\\${name}{${key}}`;
}

/** `\ac{key}`, or `\acp{key}` for a plural mention (`CNNs` of `CNN`). */
export function acronymCommand(key: string, written: string, short: string): string {
  return mentionCommand(AC, key, isPluralOf(written, short));
}

/** Whether the document may keep its declarations in other files (`\input`, `\include`, `\subfile`…). */
export function includesOtherFiles(source: string): boolean {
  return /^[^%\n]*\\(?:input|include|subfile|import|subimport|loadglsentries)\s*\{/m.test(source);
}

/**
 * A key for a new declaration, in the document's own style: its keys are the short forms as written
 * (`\acro{CNN}`), in capitals (`\newacronym{IOT}{IoT}…`) or in lower case (`{cnn}`); else the short form as
 * written for acronym and acro, lower case for glossaries. Never one the document already uses.
 */
export function newKey(model: AssistModel, pkg: AcronymPackage, short: string): string {
  const declared = model.projection.acronyms.filter((m) => m.kind === 'definition');
  const taken = new Set(declared.map((m) => m.key));
  const styles: [(s: string) => string, (m: { key: string; short: string }) => boolean][] = [
    [acroKey, (m) => m.key === acroKey(m.short)],
    [(s) => acroKey(s).toUpperCase(), (m) => m.key === acroKey(m.short).toUpperCase()],
    [latexKey, (m) => m.key === latexKey(m.short)],
  ];
  const style =
    (declared.length > 0 ? styles.find(([, fits]) => declared.every(fits))?.[0] : undefined) ??
    (pkg === 'glossaries' ? latexKey : acroKey);
  const base = style(short);
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}${n}`;
  return key;
}

/**
 * The edit that declares `a` in the preamble: after the last definition macro before `\begin{document}`, or
 * else on the line before `\begin{document}`. Null when the long form is unknown, there is no preamble, or
 * the document includes other files (its declarations may be there, under keys this file cannot see).
 */
export function declarationEdit(
  model: AssistModel,
  pkg: AcronymPackage,
  a: Abbreviation,
  long: string | null = a.long ?? a.primary?.long ?? null,
): { key: string; edit: { range: Range; newText: string } } | null {
  if (!long || includesOtherFiles(model.source)) return null;
  const key = newKey(model, pkg, a.short);
  const edit = declarationInsert(model.source, model.projection.acronyms, pkg, key, a.short, long);
  return edit && { key, edit };
}

/**
 * The declaration of `key` in the package's macro, put after the last declaration before `\begin{document}`, or
 * on the line before it; null for a file with no `\begin{document}` (a chapter: its root holds the preamble).
 */
export function declarationInsert(
  source: string,
  acronyms: readonly AcronymMacro[],
  pkg: AcronymPackage,
  key: string,
  short: string,
  long: string,
): { range: Range; newText: string } | null {
  const begin = source.indexOf('\\begin{document}');
  if (begin < 0) return null;
  const macros = acronyms.filter((m) => m.kind === 'definition' && m.source.end <= begin);
  const last = macros[macros.length - 1];
  const afterLast = last ? source.indexOf('\n', last.source.end) + 1 : 0;
  const at = last && afterLast > 0 && afterLast <= begin ? afterLast : source.lastIndexOf('\n', begin) + 1;
  const newline = source.includes('\r\n') ? '\r\n' : '\n';
  return { range: { start: at, end: at }, newText: declaration(pkg, key, short, long) + newline };
}
