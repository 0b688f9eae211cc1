import type { Lang } from '../types';
import { projectLatex } from './latex';
import { projectMarkdown } from './markdown';
import { projectPlain } from './plain';
import type { Projection } from './projection';

export type { AcronymMacro, Projection } from './projection';

/** What the model should read of `source`, written in `lang`, and how to map it back. */
export function project(source: string, lang: Lang): Projection {
  switch (lang) {
    case 'latex':
      return projectLatex(source);
    case 'markdown':
      return projectMarkdown(source);
    default:
      return projectPlain(source);
  }
}

const LANG_BY_EXTENSION = new Map<string, Lang>([
  ...['tex', 'latex', 'ltx', 'sty', 'cls'].map((ext): [string, Lang] => [ext, 'latex']),
  ...['md', 'markdown', 'mdx', 'mdown', 'mkd', 'mkdn'].map((ext): [string, Lang] => [ext, 'markdown']),
]);

/** The markup a file is written in, judged by its extension; `.bib` and unknown files are plain text. */
export function langFromPath(path: string): Lang {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1].toLowerCase() ?? '';
  return LANG_BY_EXTENSION.get(ext) ?? 'plaintext';
}
