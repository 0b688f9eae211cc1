#!/usr/bin/env -S npx tsx
/**
 * Judges the writing assistant on real papers with a gold standard (../shared/real-papers, see its README):
 * every diagnostic the core reports, and every quick fix it offers, each marked right or wrong by the rules
 * below, with the reason.
 *
 *   npx tsx scripts/judge-assistant.ts [--papers DIR] [--model NAME] [--verbose] [--fixes] [--json FILE]
 *
 * The model's tags are cached in .cache/judge-assistant/ (keyed by model and sentences), so that a change to
 * the pairing or to the assistant is judged again in seconds; the pairing and the assistant always run anew.
 *
 * Gold facts used (from <name>.gold.json): its AC and LF spans, and its pairs. A gold *definition site* is a
 * gold LF span with a gold AC span of the same pair beside it (within 40 characters, either order; this
 * covers `long (AC)`, `AC (long)` and the arguments of \newacronym, \acro, \DeclareAcronym). A gold *use* of
 * an abbreviation is a gold AC span outside its definition sites, or a LaTeX mention macro (\ac{key},
 * \gls{key}…: the gold leaves those out, so they are read from the source). Short forms compare with case
 * and a plural s folded; long forms with case, hyphens, white space and a plural s folded.
 *
 * Diagnostics, by code:
 * - undefined: right iff the marked text is a gold AC, the gold defines no pair for it, and it is not an
 *   abbreviation that needs no definition (the assistant's list of well-known abbreviations, from the style
 *   guides; the count of those is reported on its own so that the list cannot hide in the total).
 * - used-before-definition: right iff the marked text is a gold AC (or a mention macro) and its first gold
 *   definition site starts after it.
 * - redefined: right iff a gold definition site of it covers the marked place and an earlier gold definition
 *   site exists; and, when the message says the long forms differ, they differ once folded.
 * - unused-definition: right iff the gold defines it and has no use of it.
 * - single-use: right iff the gold defines it and has exactly one use of it.
 * - repeated-long-form: right iff the gold defines the abbreviation with a long form equal (folded) to the
 *   marked text, the marked text is not itself a gold LF span (a definition), it lies after the first gold
 *   definition site, and it is not in a heading (`\section{…}`, `# …`: headings are written out on purpose).
 *
 * Quick fixes: each is applied to the source and judged on the text it writes (see `judgeFix`): it must not
 * touch a definition macro or a heading, it must write the macros the document's package defines with keys
 * the document declares, its numbers must agree (a plural long form with a plural abbreviation), and for a
 * LaTeX document the macros it writes must compile: every fix's new text is set in a small document with the
 * paper's acronym package and its definitions, run through pdflatex (when pdflatex is on PATH).
 */

import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { finish, prepare, type Analysis } from '../src/core/analyze';
import { diagnose, type AssistDiagnostic } from '../src/core/assistant/diagnostics';
import { applyEdits, fixesFor, latexConversions, type Fix } from '../src/core/assistant/fixes';
import { latexAcronymPackage } from '../src/core/assistant/latex';
import { buildModel, type AssistModel } from '../src/core/assistant/model';
import { isWellKnown } from '../src/core/assistant/wellKnown';
import { loadTagger } from '../src/core/loadTagger';
import { langFromPath, project } from '../src/core/markup';
import { DEFAULT_MODEL } from '../src/core/models';
import { lineCounter } from '../src/core/text/lines';
import { singular } from '../src/core/text/plural';
import type { Lang, Range, WordTag } from '../src/core/types';

interface GoldSpan extends Range {
  label: 'AC' | 'LF';
  text: string;
}
interface Gold {
  spans: GoldSpan[];
  pairs: { short: string; long: string }[];
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const root = path.resolve(__dirname, '..');
const papersDir = path.resolve(option('--papers') ?? path.join(root, '..', 'shared', 'real-papers'));
const modelName = option('--model') ?? DEFAULT_MODEL;
const cacheDir = path.join(root, '.cache', 'judge-assistant');

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

async function analyseCached(source: string, lang: Lang): Promise<Analysis> {
  const prepared = prepare(source, modelName, { lang });
  const key = createHash('sha1')
    .update(modelName + '\0' + JSON.stringify(prepared.sentences))
    .digest('hex');
  const file = path.join(cacheDir, `${key}.json`);
  let tags: WordTag[][];
  if (fs.existsSync(file)) tags = JSON.parse(fs.readFileSync(file, 'utf8')) as WordTag[][];
  else {
    const tagger = await loadTagger(modelName);
    try {
      tags = await tagger.tagSentences(prepared.sentences);
    } finally {
      await tagger.dispose();
    }
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(tags));
  }
  return finish(prepared, tags);
}

/** What the gold says about one document, looked up by folded short form. */
class GoldFacts {
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

function gap(a: Range, b: Range): number {
  return a.start >= b.end ? a.start - b.end : b.start >= a.end ? b.start - a.end : 0;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Whether `range` lies in a heading: a LaTeX sectioning command's argument or a Markdown `#` line. */
function inHeading(source: string, range: Range, lang: Lang): boolean {
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

interface Verdict {
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
function printsUnused(source: string): boolean {
  const options = /^[^%\n]*\\usepackage\s*\[([^\]]*)\]\s*\{acronym\}/m.exec(source)?.[1] ?? '';
  const loaded = /^[^%\n]*\\usepackage\s*(?:\[[^\]]*\])?\s*\{acronym\}/m.test(source);
  return loaded && /\\begin\{acronym\}/.test(source) && !/\b(nolist|printonlyused)\b/.test(options);
}

function judgeDiagnostic(d: AssistDiagnostic, gold: GoldFacts, lang: Lang): Verdict {
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
const DEFINITION_MACRO =
  /\\(?:newacronym|newabbreviation|acrodef|acro|newacro|acroplural|DeclareAcronym|newglossaryentry)\b/g;

function protectedRanges(source: string, lang: Lang): Range[] {
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
const PACKAGE_MACROS: Record<string, RegExp> = {
  acronym: /^\\(?:ac|acs|acl|acf|acp|acsp|aclp|acfp|acsu|aclu|Ac|Acl|Acf|Acp|Aclp|Acfp|acused|acrodef)$/,
  acro: /^\\(?:ac|acs|acl|acf|acp|acsp|aclp|acfp|Ac|Acs|Acl|Acf|Acp|Aclp|Acfp|DeclareAcronym|acuse)$/,
  glossaries:
    /^\\(?:gls|Gls|GLS|glspl|Glspl|GLSpl|glstext|acrshort|acrlong|acrfull|acrshortpl|acrlongpl|acrfullpl|newacronym)$/,
};

interface FixVerdict {
  right: boolean;
  compiles: boolean | null;
  reasons: string[];
}

function judgeFix(
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
function compiles(after: string, fix: Fix, before: string): boolean | null {
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
  if (!ok && flag('--verbose')) console.log(`      pdflatex failed in ${dir}`);
  else fs.rmSync(dir, { recursive: true, force: true });
  return ok;
}

/** The tagger's score of the span a diagnostic marks, when it marks one. */
function scoreAt(analysis: Analysis, range: Range): string {
  const span = analysis.spans.find((s) => s.start === range.start && s.end === range.end);
  return span ? ` score ${span.score.toFixed(2)}` : '';
}

/** The changed lines of a fix, before and after. */
function preview(source: string, fix: Fix): string {
  const after = applyEdits(source, fix.edits);
  const sorted = [...fix.edits].sort((a, b) => a.range.start - b.range.start);
  let shift = 0;
  const parts: string[] = [];
  for (const edit of sorted) {
    const start = edit.range.start + shift;
    const end = start + edit.newText.length;
    const from = after.lastIndexOf('\n', start - 1) + 1;
    const to = after.indexOf('\n', end);
    const line = after.slice(from, to < 0 ? undefined : to);
    parts.push(
      line.length > 220
        ? `…${after.slice(Math.max(from, start - 80), Math.min(end + 80, to < 0 ? after.length : to))}…`
        : line,
    );
    shift += edit.newText.length - (edit.range.end - edit.range.start);
  }
  return parts.join('\n        | ');
}

interface DocReport {
  name: string;
  diagnostics: number;
  right: number;
  byCode: Record<string, [number, number]>;
  /** Why the wrong ones are wrong, with counts. */
  wrong: Record<string, number>;
  fixes: number;
  fixesRight: number;
  fixesCompiling: number;
  fixesCompiled: number;
}

async function main(): Promise<void> {
  const names = fs
    .readdirSync(papersDir)
    .filter((f) => f.endsWith('.gold.json'))
    .map((f) => f.replace(/\.gold\.json$/, ''))
    .sort();
  const reports: DocReport[] = [];
  for (const name of names) {
    const file = fs.readdirSync(papersDir).find((f) => f.startsWith(`${name}.`) && !f.endsWith('.json'));
    if (!file) continue;
    const source = fs.readFileSync(path.join(papersDir, file), 'utf8');
    const gold = JSON.parse(fs.readFileSync(path.join(papersDir, `${name}.gold.json`), 'utf8')) as Gold;
    const lang = langFromPath(file);
    const analysis = await analyseCached(source, lang);
    const model = buildModel(analysis, source, lang);
    const facts = new GoldFacts(source, lang, gold);
    const line = lineCounter(source);
    const diagnostics = diagnose(model);
    const report: DocReport = {
      name,
      diagnostics: diagnostics.length,
      right: 0,
      byCode: {},
      wrong: {},
      fixes: 0,
      fixesRight: 0,
      fixesCompiling: 0,
      fixesCompiled: 0,
    };
    if (flag('--verbose')) console.log(`\n== ${name} (${lang})`);
    const declaredKeys = new Set(
      project(source, lang)
        .acronyms.filter((m) => m.kind === 'definition')
        .map((m) => m.key),
    );
    const fixes: { fix: Fix; from: string }[] = [];
    const seen = new Set<string>();
    const offer = (fix: Fix, from: string) => {
      const key = JSON.stringify(fix.edits);
      if (seen.has(key)) return;
      seen.add(key);
      fixes.push({ fix, from });
    };
    for (const d of diagnostics) {
      const verdict = judgeDiagnostic(d, facts, lang);
      const counts = (report.byCode[d.code] ??= [0, 0]);
      counts[1]++;
      if (verdict.right) {
        counts[0]++;
        report.right++;
      } else {
        const why = verdict.reason.replace(/\d+/g, 'N');
        report.wrong[why] = (report.wrong[why] ?? 0) + 1;
      }
      if (flag('--verbose'))
        console.log(
          `  ${verdict.right ? 'RIGHT' : 'WRONG'} ${d.code} line ${line(d.range.start)} ${JSON.stringify(source.slice(d.range.start, d.range.end).slice(0, 60))}: ${d.message}  [${verdict.reason}]${scoreAt(analysis, d.range)}`,
        );
      for (const fix of fixesFor(model, d)) offer(fix, d.code);
    }
    for (const a of model.abbreviations)
      for (const m of a.mentions) for (const fix of latexConversions(model, m)) offer(fix, 'convert');
    if (flag('--fixes')) console.log(`\n== ${name}: ${fixes.length} quick fixes`);
    for (const { fix, from } of fixes) {
      const verdict = judgeFix(fix, model, facts, lang, declaredKeys);
      report.fixes++;
      if (verdict.right) report.fixesRight++;
      if (verdict.compiles !== null) {
        report.fixesCompiled++;
        if (verdict.compiles) report.fixesCompiling++;
      }
      if (flag('--fixes')) {
        const compiled =
          verdict.compiles === null ? '' : verdict.compiles ? ' compiles' : ' DOES NOT COMPILE';
        console.log(
          `  ${verdict.right ? 'RIGHT' : 'WRONG'}${compiled} [${from}] line ${line(fix.at.start)} ${fix.title}${verdict.reasons.length ? `  (${verdict.reasons.join('; ')})` : ''}\n        | ${preview(source, fix)}`,
        );
      }
    }
    reports.push(report);
  }
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)} %` : '-');
  const row = (name: string, r: Omit<DocReport, 'name' | 'byCode' | 'wrong'>) =>
    `${name.padEnd(10)} ${String(r.diagnostics).padStart(11)}  ${`${r.right} (${pct(r.right, r.diagnostics)})`.padEnd(10)}  ${String(r.fixes).padStart(11)}  ${`${r.fixesRight} (${pct(r.fixesRight, r.fixes)})`.padEnd(10)}  ${r.fixesCompiled ? `${r.fixesCompiling}/${r.fixesCompiled}` : '-'}`;
  console.log(`\nmodel ${modelName}\ndocument   diagnostics  right       quick fixes  right       compile`);
  const total = { diagnostics: 0, right: 0, fixes: 0, fixesRight: 0, fixesCompiled: 0, fixesCompiling: 0 };
  for (const r of reports) {
    console.log(row(r.name, r));
    console.log(
      `             by code: ${Object.entries(r.byCode)
        .map(([code, [ok, n]]) => `${code} ${ok}/${n}`)
        .join(', ')}`,
    );
    if (Object.keys(r.wrong).length)
      console.log(
        `             wrong: ${Object.entries(r.wrong)
          .map(([why, n]) => `${why} ${n}`)
          .join(', ')}`,
      );
    for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
  }
  console.log(row('all', total));
  const json = option('--json');
  if (json) fs.writeFileSync(json, JSON.stringify(reports, null, 2));
}

void main();
