import * as vscode from 'vscode';
import type { AnalysedSpan } from '../../core/analyze';
import type { Guess, GuessSource } from '../../core/expansion/guess';
import { knownSingular } from '../../core/text/plural';
import type { DocumentResult, ResultStore } from './results';

/** Hovers on tagged spans. Document text is only ever added with `appendText`, which escapes markdown. */
export class SpanHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly results: ResultStore,
    private readonly guesses: (
      document: vscode.TextDocument,
      short: string,
    ) => Promise<Guess[]> = async () => [],
  ) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.Hover | undefined> {
    const result = this.results.current(document);
    if (!result) return undefined;
    const offset = document.offsetAt(position);
    const span = result.spans.find((s) => s.start <= offset && offset < s.end);
    if (!span) return undefined;
    const range = new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
    const undefinedShort = span.label === 'AC' ? neverDefined(result, span) : undefined;
    const guesses = undefinedShort ? await this.guesses(document, undefinedShort) : [];
    return new vscode.Hover(hoverText(document, result, span, guesses), range);
  }
}

export function hoverText(
  document: vscode.TextDocument,
  result: DocumentResult,
  span: AnalysedSpan,
  guesses: readonly Guess[] = [],
): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.isTrusted = false;
  md.supportHtml = false;
  const short = shortOf(result, span);
  const entry = result.glossary.find((e) => e.short === short);
  if (span.label === 'LF') {
    md.appendMarkdown('Long form of ');
    appendStrong(md, short);
  } else {
    md.appendMarkdown('Abbreviation ');
    appendStrong(md, short);
    md.appendMarkdown('\n\n');
    const uses = entry?.count ?? 1;
    const times = `${uses} ${uses === 1 ? 'time' : 'times'}`;
    const plural = entry?.plural?.long ? ` · plural ${entry.plural.short}, ${entry.plural.long}` : '';
    if (entry?.long && entry.definition) {
      md.appendText(entry.long);
      const line = document.positionAt(entry.definition.start).line + 1;
      md.appendMarkdown('\n\n');
      md.appendText(`Defined on line ${line} · used ${times}${plural}`);
    } else if (entry?.long) {
      md.appendText(entry.long);
      md.appendMarkdown('\n\n');
      md.appendText(
        result.project
          ? `Defined in another file of the project ${result.project} · used ${times} here${plural}`
          : `Defined elsewhere · used ${times}${plural}`,
      );
    } else {
      md.appendText(`${short} is used ${times} but never defined in this document.`);
      appendGuesses(md, guesses);
    }
  }
  const origin = result.origin === 'remote' ? ' · remote' : '';
  const how =
    span.source === 'carried'
      ? ' · carried from its definition'
      : span.source === 'macro'
        ? ' · LaTeX macro'
        : '';
  md.appendMarkdown('\n\n');
  md.appendText(`Model ${result.model} · score ${span.score.toFixed(2)}${how}${origin}`);
  return md;
}

/** The abbreviation a span stands for: a remote result names none on its spans, so a plural's is found. */
function shortOf(result: DocumentResult, span: AnalysedSpan): string {
  const written = span.short ?? span.text;
  return knownSingular(written, (s) => result.glossary.some((e) => e.short === s)) ?? written;
}

/** The abbreviation of an AC span that no long form is known for, here or in the project. */
function neverDefined(result: DocumentResult, span: AnalysedSpan): string | undefined {
  const short = shortOf(result, span);
  return result.glossary.find((e) => e.short === short)?.long ? undefined : short;
}

/** The guessed long forms, said to be guesses, each with where it comes from. */
function appendGuesses(md: vscode.MarkdownString, guesses: readonly Guess[]): void {
  if (!guesses.length) return;
  md.appendMarkdown('\n\n');
  md.appendText(
    guesses.length === 1 ? 'A guess at its long form:' : 'Guesses at its long form, likeliest first:',
  );
  guesses.forEach((guess, i) => {
    md.appendMarkdown(`\n${i + 1}. `);
    md.appendText(guess.long.replace(/\s+/g, ' '));
    if (guess.alternatives.length) md.appendText(` (also ${guess.alternatives.join(', ')})`);
    md.appendMarkdown(' — ');
    md.appendText(guess.sources.map(describeSource).join('; '));
  });
}

export function describeSource(source: GuessSource): string {
  switch (source.kind) {
    case 'user':
      return `your glossary ${source.name}`;
    case 'workspace':
      return `defined in ${source.name}`;
    case 'dictionary':
      return `${source.name} dictionary`;
  }
}

function appendStrong(md: vscode.MarkdownString, text: string): void {
  md.appendMarkdown('**');
  md.appendText(text.replace(/\s+/g, ' '));
  md.appendMarkdown('**');
}
