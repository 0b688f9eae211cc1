/**
 * LaTeX projects of several files, as LaTeX Workshop and LTeX+ read them: a file's root is named by a
 * `%!TEX root = main.tex` comment, by `\documentclass[main.tex]{subfiles}`, or found as the file that
 * `\input`s, `\include`s, `\subfile`s or `\import`s it. The project is the root with every included file put in
 * place (flattened), so that one analysis sees the definitions and mentions of every file, in reading order;
 * `forFile` maps what was found back to one file's offsets.
 */

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Analysis } from '../analyze';
import type { GlossaryEntry, Range } from '../types';

/** How the project's files are read: the open editors' text first, then the disk. */
export interface ProjectFiles {
  /** The file's text, or undefined when it cannot be read. */
  read(file: string): string | undefined;
  /** The `.tex` files of a folder (absolute paths); [] when it cannot be listed. */
  list(folder: string): string[];
}

/** One piece of the flattened text, copied from `file` at `fileStart`. */
export interface Segment {
  file: string;
  fileStart: number;
  flatStart: number;
  length: number;
}

export interface FlatProject {
  root: string;
  text: string;
  segments: Segment[];
  /** The files put in, in reading order (the root first). */
  files: string[];
}

const MAGIC_ROOT = /^[ \t]*%[ \t]*!TEX[ \t]+root[ \t]*=[ \t]*(.+?)[ \t]*$/im;
const SUBFILES_CLASS = /\\documentclass\s*\[([^\]]+)\]\s*\{subfiles\}/;
const DOCUMENT_CLASS = /^[^%\n]*\\documentclass\b/m;
/** `\input{x}`, `\include{x}`, `\subfile{x}`: one path. */
const INCLUDE = /\\(input|include|subfile)\s*\{([^{}]+)\}/g;
/** `\import{dir}{x}`, `\subimport{dir}{x}` and the `…from` forms of the import package: a folder and a file. */
const IMPORT =
  /\\(import|subimport|inputfrom|includefrom|subinputfrom|subincludefrom)\s*\*?\s*\{([^{}]*)\}\s*\{([^{}]+)\}/g;
const MAX_FILES = 200;
const MAX_DEPTH = 8;
const SEARCH_UP = 2;

function texPath(file: string): string {
  return path.extname(file) ? file : `${file}.tex`;
}

/** The ranges of `text` that are comments (from an unescaped `%` to the end of its line). */
function commentStarts(text: string): (at: number) => boolean {
  const comments: Range[] = [];
  for (const match of text.matchAll(/(?<!\\)%[^\n]*/g))
    comments.push({ start: match.index, end: match.index + match[0].length });
  return (at) => comments.some((c) => c.start <= at && at < c.end);
}

interface Include {
  range: Range;
  file: string;
  subfile: boolean;
}

function rangeOf(match: RegExpMatchArray): Range {
  const start = match.index ?? 0;
  return { start, end: start + match[0].length };
}

/** The files `text` (of `file`, in the project of `root`) includes, where each command stands. */
export function includesOf(text: string, file: string, root: string): Include[] {
  if (!text.includes('\\')) return [];
  const inComment = commentStarts(text);
  const found: Include[] = [];
  const here = path.dirname(file);
  for (const match of text.matchAll(INCLUDE)) {
    if (inComment(match.index)) continue;
    const [command, name] = [match[1], match[2].trim()];
    // \input and \include paths are relative to the root's folder (where LaTeX runs); \subfile's to the file's.
    const target = path.resolve(command === 'subfile' ? here : path.dirname(root), name);
    found.push({ range: rangeOf(match), file: texPath(target), subfile: command === 'subfile' });
  }
  for (const match of text.matchAll(IMPORT)) {
    if (inComment(match.index)) continue;
    const target = path.resolve(here, match[2].trim(), match[3].trim());
    found.push({ range: rangeOf(match), file: texPath(target), subfile: false });
  }
  found.sort((a, b) => a.range.start - b.range.start);
  return found;
}

/** The root of the project that `file` belongs to; `file` itself when it is a root or nothing includes it. */
export function findRoot(file: string, files: ProjectFiles): string {
  let current = path.resolve(file);
  const seen = new Set<string>();
  for (let depth = 0; depth < MAX_DEPTH && !seen.has(current); depth++) {
    seen.add(current);
    const text = files.read(current);
    if (text === undefined) return current;
    const magic = MAGIC_ROOT.exec(text.slice(0, 4000));
    if (magic) {
      current = texPath(path.resolve(path.dirname(current), magic[1]));
      continue;
    }
    const subfiles = SUBFILES_CLASS.exec(text);
    if (subfiles) {
      current = texPath(path.resolve(path.dirname(current), subfiles[1].trim()));
      continue;
    }
    if (DOCUMENT_CLASS.test(text)) return current;
    const parent = includingFile(current, files);
    if (!parent) return current;
    current = parent;
  }
  return current;
}

/** A `.tex` file in this folder or up to two above that includes `file`. */
function includingFile(file: string, files: ProjectFiles): string | undefined {
  let folder = path.dirname(file);
  for (let up = 0; up <= SEARCH_UP; up++) {
    for (const candidate of files.list(folder).slice(0, MAX_FILES)) {
      if (candidate === file) continue;
      const text = files.read(candidate);
      if (!text || !text.includes(path.basename(file, '.tex'))) continue;
      // An included file's own \input paths are relative to the root, which is not known yet: try both.
      const includes = [...includesOf(text, candidate, candidate), ...includesOf(text, candidate, file)];
      if (includes.some((i) => i.file === file)) return candidate;
    }
    const above = path.dirname(folder);
    if (above === folder) break;
    folder = above;
  }
  return undefined;
}

/** The body of a subfile: what stands between `\begin{document}` and `\end{document}`, when it has them. */
function bodyOf(text: string): Range {
  const begin = /\\begin\s*\{document\}/.exec(text);
  const end = /\\end\s*\{document\}/.exec(text);
  return begin && end && end.index > begin.index
    ? { start: begin.index + begin[0].length, end: end.index }
    : { start: 0, end: text.length };
}

/** The root with each included file put where its command stood (a file included twice is put in once). */
export function flatten(root: string, files: ProjectFiles): FlatProject {
  const segments: Segment[] = [];
  const order: string[] = [];
  let text = '';
  const put = (file: string, range: Range, depth: number): void => {
    const source = files.read(file);
    if (source === undefined) return;
    order.push(file);
    let at = range.start;
    for (const include of includesOf(source, file, root)) {
      if (include.range.start < range.start || include.range.end > range.end) continue;
      copy(file, source, at, include.range.start);
      at = include.range.end;
      if (depth < MAX_DEPTH && order.length < MAX_FILES && !order.includes(include.file)) {
        const included = files.read(include.file);
        if (included !== undefined) {
          // Paragraph breaks around an included file, as LaTeX's \include makes (and \input of a chapter does).
          text += '\n';
          put(
            include.file,
            include.subfile ? bodyOf(included) : { start: 0, end: included.length },
            depth + 1,
          );
          text += '\n';
        }
      }
    }
    copy(file, source, at, range.end);
  };
  const copy = (file: string, source: string, start: number, end: number): void => {
    if (end <= start) return;
    segments.push({ file, fileStart: start, flatStart: text.length, length: end - start });
    text += source.slice(start, end);
  };
  const rootText = files.read(root);
  put(root, { start: 0, end: rootText?.length ?? 0 }, 0);
  return { root, text, segments, files: order };
}

/** A range of the flattened text in `file`'s own offsets, when it lies wholly in one piece of that file. */
export function toFile(project: FlatProject, file: string, range: Range): Range | undefined {
  const placed = placeInFile(project, range);
  return placed?.file === file ? placed.range : undefined;
}

/** The file a range of the flattened text was copied from, and the range there; undefined across pieces. */
export function placeInFile(project: FlatProject, range: Range): { file: string; range: Range } | undefined {
  let [low, high] = [0, project.segments.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (project.segments[middle].flatStart <= range.start) low = middle + 1;
    else high = middle;
  }
  const segment = project.segments[low - 1];
  if (!segment || range.end > segment.flatStart + segment.length) return undefined;
  const shift = segment.fileStart - segment.flatStart;
  return { file: segment.file, range: { start: range.start + shift, end: range.end + shift } };
}

/**
 * What was found in the whole project, for one of its files: the spans that lie in the file, at its offsets,
 * and the glossary of the abbreviations the file uses or defines, with the definition's place when it is in
 * this file (null when another file of the project defines it: the long form is still known).
 */
export function forFile<S extends Range>(
  project: FlatProject,
  file: string,
  found: { spans: readonly S[]; glossary: readonly GlossaryEntry[] },
  keyOf: (span: S) => string | undefined,
): { spans: S[]; glossary: GlossaryEntry[] } {
  const spans: S[] = [];
  const counts = new Map<string, number>();
  for (const span of found.spans) {
    const range = toFile(project, file, span);
    if (!range) continue;
    spans.push({ ...span, ...range });
    const key = keyOf(span);
    if (key !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const glossary = found.glossary.flatMap((entry): GlossaryEntry[] => {
    const definition = entry.definition && toFile(project, file, entry.definition);
    const count = counts.get(entry.short) ?? 0;
    if (count === 0 && !definition) return [];
    return [{ ...entry, count, definition: definition ?? null }];
  });
  return { spans, glossary };
}

/** The project `file` belongs to, reading `text` for it; undefined when the file stands alone. */
export function projectOf(file: string, text: string, files: ProjectFiles): FlatProject | undefined {
  const absolute = path.resolve(file);
  const withText: ProjectFiles = {
    read: (f) => (f === absolute ? text : files.read(f)),
    list: (folder) => files.list(folder),
  };
  const project = flatten(findRoot(absolute, withText), withText);
  return project.files.length > 1 && project.files.includes(absolute) ? project : undefined;
}

/** The project's files as they are on disk, or as `open` gives them (an editor's unsaved text). */
export function diskFiles(open: (file: string) => string | undefined = () => undefined): ProjectFiles {
  return {
    read(file) {
      const given = open(file);
      if (given !== undefined) return given;
      try {
        const stat = fs.statSync(file);
        if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
        // Re-tagging after each edit reads the project again: a file read once is read again only when it changed.
        const known = readCache.get(file);
        if (known && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.text;
        const text = fs.readFileSync(file, 'utf8');
        readCache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, text });
        if (readCache.size > MAX_CACHED_FILES) readCache.delete(readCache.keys().next().value as string);
        return text;
      } catch {
        return undefined;
      }
    },
    list(folder) {
      try {
        return fs
          .readdirSync(folder)
          .filter((name) => name.endsWith('.tex'))
          .sort()
          .map((name) => path.join(folder, name));
      } catch {
        return [];
      }
    },
  };
}

const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MAX_CACHED_FILES = 500;
const readCache = new Map<string, { mtimeMs: number; size: number; text: string }>();

/** A whole-project analysis, for one of its files: spans and glossary at the file's offsets (see `forFile`). */
export function analysisForFile(project: FlatProject, file: string, analysis: Analysis): Analysis {
  const { spans, glossary } = forFile(project, path.resolve(file), analysis, (s) =>
    s.label === 'AC' ? (s.short ?? s.text) : undefined,
  );
  const mapped: Analysis = { ...analysis, spans, glossary };
  delete mapped.tokens; // word offsets of the flattened text; nothing maps them
  return mapped;
}
