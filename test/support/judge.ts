/**
 * The judge of the writing assistant on real papers with a gold standard (../shared/real-papers): what the
 * gold says of a document, and whether a diagnostic or a quick fix is right by it. scripts/judge-assistant.ts
 * prints the verdicts; test/integration/realPapers.test.ts holds the extension to them in the real VS Code.
 * The rules are written out at the top of scripts/judge-assistant.ts.
 */

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AssistDiagnostic } from '../../src/core/assistant/diagnostics';
import { applyEdits, type Fix } from '../../src/core/assistant/fixes';
import { latexAcronymPackage } from '../../src/core/assistant/latex';
import type { AssistModel } from '../../src/core/assistant/model';
import { isWellKnown } from '../../src/core/assistant/wellKnown';
import { langFromPath, project } from '../../src/core/markup';
import { singular } from '../../src/core/text/plural';
import type { Lang, Range } from '../../src/core/types';

export interface GoldSpan extends Range {
  label: 'AC' | 'LF';
  text: string;
}
export interface Gold {
  spans: GoldSpan[];
  pairs: { short: string; long: string }[];
}

/** A short form folded: case, and a plural s (`CNNs`, `cnns` → `cnn`). */
export function foldShort(short: string): string {
  return singular(short).toLowerCase();
}

/** A long form folded: case, hyphens and white space, a plural s at the end. */
export function foldLong(long: string): string {
  return long
    .toLowerCase()
    .replace(/[-‐‑–\s]+/g, ' ')
    .trim()
    .replace(/s$/, '');
}

/** What the gold says about one document, looked up by folded short form. */
export class GoldFacts {
  readonly defined = new Map<string, string[]>();
  /** Gold definition sites by folded short form, in source order. */
  readonly sites = new Map<string, Range[]>();
  readonly uses = new Map<string, Range[]>();
  private readonly acs: GoldSpan[];
  private readonly lfs: GoldSpan[];

  constructor(
    readonly source: string,
    lang: Lang,
    gold: Gold,
  ) {
    this.acs = gold.spans.filter((s) => s.label === 'AC');
    this.lfs = gold.spans.filter((s) => s.label === 'LF');
    for (const pair of gold.pairs) push(this.defined, foldShort(pair.short), pair.long);
    const siteShorts: Range[] = [];
    for (const pair of gold.pairs) {
      for (const lf of this.lfs.filter((s) => s.text === pair.long)) {
        const ac = this.acs.find(
          (s) => foldShort(s.text) === foldShort(pair.short) && gap(s, lf) <= 40 && !siteShorts.includes(s),
        );
        if (!ac) continue;
        siteShorts.push(ac);
        push(this.sites, foldShort(pair.short), {
          start: Math.min(ac.start, lf.start),
          end: Math.max(ac.end, lf.end),
        });
      }
    }
    for (const list of this.sites.values()) list.sort((a, b) => a.start - b.start);
    for (const ac of this.acs) if (!siteShorts.includes(ac)) push(this.uses, foldShort(ac.text), ac);
    for (const macro of project(source, lang).acronyms)
      if (macro.kind === 'mention') push(this.uses, foldShort(macro.short), macro.source);
  }

  acAt(range: Range): GoldSpan | undefined {
    return this.acs.find((s) => s.start < range.end && range.start < s.end);
  }

  lfAt(range: Range): GoldSpan | undefined {
    return this.lfs.find((s) => s.start < range.end && range.start < s.end);
  }
}

export function gap(a: Range, b: Range): number {
  return a.start >= b.end ? a.start - b.end : b.start >= a.end ? b.start - a.end : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whether `range` lies in a heading: a LaTeX sectioning command's argument or a Markdown `#` line. */
export function inHeading(source: string, range: Range, lang: Lang): boolean {
  const lineStart = source.lastIndexOf('\n', range.start - 1) + 1;
  const lineEnd = source.indexOf('\n', range.end);
  const line = source.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  if (lang === 'markdown') return /^\s{0,3}#{1,6}\s/.test(line);
  if (lang !== 'latex') return false;
  const before = source.slice(Math.max(0, range.start - 300), range.start);
  const open =
    /\\(?:part|chapter|section|subsection|subsubsection|paragraph|title)\*?\s*(?:\[[^\]]*\])?\s*\{([^{}]*)$/.exec(
      before,
    );
  return open !== null;
}

export interface Verdict {
  right: boolean;
  reason: string;
  wellKnown?: boolean;
  /** True but of no use to a reader: an unused declaration that the package never prints. */
  noise?: boolean;
}

/**
 * Whether the document prints the acronyms it declares but never uses: only the acronym package's
 * `acronym` environment does, unless loaded with `nolist` or `printonlyused` (glossaries and acro list only
 * the entries used).
 */
export function printsUnused(source: string): boolean {
  const options = /^[^%\n]*\\usepackage\s*\[([^\]]*)\]\s*\{acronym\}/m.exec(source)?.[1] ?? '';
  const loaded = /^[^%\n]*\\usepackage\s*(?:\[[^\]]*\])?\s*\{acronym\}/m.test(source);
  return loaded && /\\begin\{acronym\}/.test(source) && !/\b(nolist|printonlyused)\b/.test(options);
}

export function judgeDiagnostic(d: AssistDiagnostic, gold: GoldFacts, lang: Lang): Verdict {
  const key = foldShort(d.short);
  const sites = gold.sites.get(key) ?? [];
  const uses = gold.uses.get(key) ?? [];
  const macroMention = /^\\[A-Za-z]+\*?\{/.test(gold.source.slice(d.range.start, d.range.end));
  switch (d.code) {
    case 'undefined': {
      if (!gold.acAt(d.range) && !macroMention) return { right: false, reason: 'not an abbreviation (gold)' };
      if (gold.defined.has(key)) return { right: false, reason: 'the gold defines it' };
      if (isWellKnown(d.short))
        return { right: false, reason: 'well known: needs no definition', wellKnown: true };
      return { right: true, reason: 'gold AC, never defined' };
    }
    case 'used-before-definition': {
      if (!gold.acAt(d.range) && !macroMention) return { right: false, reason: 'not an abbreviation (gold)' };
      const first = sites[0];
      if (!first) return { right: false, reason: 'the gold has no definition site for it' };
      return first.start > d.range.start
        ? { right: true, reason: 'used before the first gold definition' }
        : { right: false, reason: 'the gold defines it before this use' };
    }
    case 'redefined': {
      const at = sites.findIndex((s) => s.start <= d.range.end && d.range.start <= s.end);
      if (at < 0) return { right: false, reason: 'no gold definition here' };
      if (at === 0) return { right: false, reason: 'this is the first gold definition' };
      const differ = /defined again as “(.*)”, but on line \d+ as “(.*)”$/s.exec(d.message);
      if (differ && foldLong(differ[1]) === foldLong(differ[2]))
        return { right: false, reason: 'says the long forms differ, but they are the same' };
      return { right: true, reason: 'a second gold definition' };
    }
    case 'unused-definition':
      if (!gold.defined.has(key)) return { right: false, reason: 'the gold does not define it' };
      if (uses.length > 0) return { right: false, reason: `gold: used ${uses.length} times` };
      if (macroMention || /^\\[A-Za-z]+/.test(gold.source.slice(d.range.start)))
        if (!printsUnused(gold.source))
          return { right: false, reason: 'a declaration that prints nothing unused', noise: true };
      return { right: true, reason: 'gold: never used' };
    case 'single-use':
      if (!gold.defined.has(key)) return { right: false, reason: 'the gold does not define it' };
      return uses.length === 1
        ? { right: true, reason: 'gold: used once' }
        : { right: false, reason: `gold: used ${uses.length} times` };
    case 'repeated-long-form': {
      const text = gold.source.slice(d.range.start, d.range.end);
      const longs = gold.defined.get(key) ?? [];
      if (!longs.some((l) => foldLong(l) === foldLong(text)))
        return { right: false, reason: 'not a gold long form of it' };
      if (gold.lfAt(d.range)) return { right: false, reason: 'a gold definition, not a repetition' };
      if (!sites[0] || sites[0].start > d.range.start)
        return { right: false, reason: 'before its first gold definition' };
      if (inHeading(gold.source, d.range, lang)) return { right: false, reason: 'in a heading' };
      return { right: true, reason: 'long form written out again' };
    }
  }
}

/** The definition macros that a fix must never rewrite, and headings. */
export const DEFINITION_MACRO =
  /\\(?:newacronym|newabbreviation|acrodef|acro|newacro|acroplural|DeclareAcronym|newglossaryentry)\b/g;

export function protectedRanges(source: string, lang: Lang): Range[] {
  const ranges: Range[] = [];
  if (lang === 'latex') {
    for (const macro of project(source, lang).acronyms)
      if (macro.kind === 'definition') ranges.push(macro.source);
    for (const match of source.matchAll(DEFINITION_MACRO)) {
      const lineEnd = source.indexOf('\n', match.index);
      ranges.push({ start: match.index, end: lineEnd < 0 ? source.length : lineEnd });
    }
    const heading =
      /\\(?:part|chapter|section|subsection|subsubsection|paragraph|title)\*?\s*(?:\[[^\]]*\])?\s*\{/g;
    for (const match of source.matchAll(heading)) {
      const close = source.indexOf('}', match.index + match[0].length);
      ranges.push({ start: match.index, end: close < 0 ? source.length : close + 1 });
    }
  } else if (lang === 'markdown') {
    for (const match of source.matchAll(/^\s{0,3}#{1,6}\s.*$/gm))
      ranges.push({ start: match.index, end: match.index + match[0].length });
  }
  return ranges;
}

/** The macros each package defines for a mention (without options that add more). */
export const PACKAGE_MACROS: Record<string, RegExp> = {
  acronym: /^\\(?:ac|acs|acl|acf|acp|acsp|aclp|acfp|acsu|aclu|Ac|Acl|Acf|Acp|Aclp|Acfp|acused|acrodef)$/,
  acro: /^\\(?:ac|acs|acl|acf|acp|acsp|aclp|acfp|Ac|Acs|Acl|Acf|Acp|Aclp|Acfp|DeclareAcronym|acuse)$/,
  glossaries:
    /^\\(?:gls|Gls|GLS|glspl|Glspl|GLSpl|glstext|acrshort|acrlong|acrfull|acrshortpl|acrlongpl|acrfullpl|newacronym)$/,
};

export interface FixVerdict {
  right: boolean;
  compiles: boolean | null;
  reasons: string[];
}

export function judgeFix(
  fix: Fix,
  model: AssistModel,
  gold: GoldFacts,
  lang: Lang,
  declaredKeys: Set<string>,
): FixVerdict {
  const reasons: string[] = [];
  const source = model.source;
  for (const edit of fix.edits) {
    const touched = protectedRanges(source, lang).find(
      (r) =>
        edit.range.start < r.end && r.start < edit.range.end + (edit.range.start === edit.range.end ? 0 : 0),
    );
    if (touched && !(edit.range.start === edit.range.end && edit.range.start === touched.start))
      reasons.push(
        `rewrites a definition or heading: ${JSON.stringify(source.slice(touched.start, touched.end))}`,
      );
    if (lang === 'latex') {
      const pkg = latexAcronymPackage(source);
      for (const m of edit.newText.matchAll(/(\\[A-Za-z]+)\{([^}]*)\}/g)) {
        if (pkg && !PACKAGE_MACROS[pkg].test(m[1]) && !/^\\(?:emph|textit|textbf)$/.test(m[1]))
          reasons.push(`writes ${m[1]}, which ${pkg} does not define`);
        if (
          /^\\(?:ac|acp|gls|glspl|Gls|Glspl|Ac|Acp)$/.test(m[1]) &&
          !declaredKeys.has(m[2]) &&
          !edit.newText.includes('\\newacronym') &&
          !fix.edits.some(
            (e) =>
              new RegExp(`\\{${m[2]}\\}`).test(e.newText) &&
              /\\(newacronym|DeclareAcronym|acrodef)/.test(e.newText),
          )
        )
          reasons.push(`key ${m[2]} is not declared`);
      }
      if (
        pkg &&
        /^[A-Za-z][\w-]*s?$/.test(edit.newText.trim()) &&
        fix.title.startsWith('Use the abbreviation')
      )
        reasons.push(`writes bare ${edit.newText} in a document that uses ${pkg}`);
    }
  }
  const after = applyEdits(source, fix.edits);
  // Number agreement: a plural long form right before a singular abbreviation in brackets, and the reverse.
  for (const edit of fix.edits) {
    const m = /(\w+) \(([A-Za-z0-9]+)\)(\s+\w+)?/.exec(edit.newText);
    if (m) {
      const longPlural = /[^s]s$/.test(m[1]);
      const shortPlural = /[A-Z0-9]s$/.test(m[2]);
      if (longPlural !== shortPlural) reasons.push(`number disagrees: “${m[0]}”`);
    }
  }
  void gold;
  return {
    right: reasons.length === 0,
    compiles: lang === 'latex' ? compiles(after, fix, source) : null,
    reasons,
  };
}

let pdflatex: string | null | undefined;
export function compiles(after: string, fix: Fix, before: string, keepFailed = false): boolean | null {
  pdflatex ??= spawnSync('bash', ['-c', 'command -v pdflatex'], { encoding: 'utf8' }).stdout.trim() || null;
  if (!pdflatex) return null;
  const pkgLine =
    /^[^%\n]*\\usepackage\s*(?:\[[^\]]*\])?\s*\{[^}]*(?:acronym|acro|glossaries)[^}]*\}.*$/m.exec(after)?.[0];
  if (!pkgLine) return null;
  const definitions = [
    ...after.matchAll(
      /^[^%\n]*\\(?:newacronym|acrodef|acro|acroplural|DeclareAcronym|newglossaryentry)\b.*$/gm,
    ),
  ].map((m) => m[0]);
  const inEnv = /\\acro\{/.test(definitions.join('\n'));
  const written = fix.edits
    .map((e) => e.newText)
    .filter((t) => !/\\(newacronym|acrodef|DeclareAcronym)/.test(t));
  const doc = [
    '\\documentclass{article}',
    pkgLine.replace(/%.*$/, ''),
    /glossaries/.test(pkgLine) ? '\\makeglossaries' : '',
    ...(inEnv ? [] : definitions),
    '\\begin{document}',
    ...(inEnv ? ['\\begin{acronym}', ...definitions, '\\end{acronym}'] : []),
    ...written.map((t) => `${t}\n`),
    '\\end{document}',
  ].join('\n');
  void before;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'judge-fix-'));
  fs.writeFileSync(path.join(dir, 'fix.tex'), doc);
  const run = spawnSync(pdflatex, ['-interaction=nonstopmode', '-halt-on-error', 'fix.tex'], {
    cwd: dir,
    encoding: 'utf8',
  });
  const ok = run.status === 0 && !/Undefined control sequence/.test(run.stdout);
  if (!ok && keepFailed) console.log(`      pdflatex failed in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  return ok;
}

/** One real paper: its source, its markup, and what the gold says of it. */
export interface RealPaper {
  name: string;
  file: string;
  source: string;
  lang: Lang;
  gold: Gold;
  facts: GoldFacts;
}

/** The real papers of `dir` that have a gold file, by name. */
export function readRealPapers(dir: string): RealPaper[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.gold.json'))
    .map((f) => f.replace(/\.gold\.json$/, ''))
    .sort()
    .flatMap((name) => {
      const file = fs.readdirSync(dir).find((f) => f.startsWith(`${name}.`) && !f.endsWith('.json'));
      if (!file) return [];
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      const gold = JSON.parse(fs.readFileSync(path.join(dir, `${name}.gold.json`), 'utf8')) as Gold;
      const lang = langFromPath(file);
      return [
        { name, file: path.join(dir, file), source, lang, gold, facts: new GoldFacts(source, lang, gold) },
      ];
    });
}

/** The keys a document's definition macros declare. */
export function declaredKeysOf(source: string, lang: Lang): Set<string> {
  return new Set(
    project(source, lang)
      .acronyms.filter((m) => m.kind === 'definition')
      .map((m) => m.key),
  );
}
