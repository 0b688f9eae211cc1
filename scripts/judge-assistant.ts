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
import * as fs from 'node:fs';
import * as path from 'node:path';
import { finish, prepare, type Analysis } from '../src/core/analyze';
import { diagnose } from '../src/core/assistant/diagnostics';
import { fixesFor, latexConversions, type Fix } from '../src/core/assistant/fixes';
import { buildModel } from '../src/core/assistant/model';
import { loadTagger } from '../src/core/loadTagger';
import { DEFAULT_MODEL } from '../src/core/models';
import { lineCounter } from '../src/core/text/lines';
import type { Lang, Range, WordTag } from '../src/core/types';
import { declaredKeysOf, judgeDiagnostic, judgeFix, readRealPapers } from '../test/support/judge';

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
  const reports: DocReport[] = [];
  for (const { name, source, lang, facts } of readRealPapers(papersDir)) {
    const analysis = await analyseCached(source, lang);
    const model = buildModel(analysis, source, lang);
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
    const declaredKeys = declaredKeysOf(source, lang);
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
