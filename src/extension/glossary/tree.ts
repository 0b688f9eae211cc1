/** The rows of the glossary view, as plain data: the extension turns them into tree items, the tests read them. */

import type { EntryLocation } from '../../core/glossary/locations';
import type { MergedGlossaryEntry } from '../../core/glossary/merge';
import type { GlossaryEntry } from '../../core/types';

/** A tagged file as the workspace rows need it: where it is, and where each abbreviation is shown. */
export interface TaggedFile {
  uri: string;
  file: string;
  locations: Record<string, EntryLocation>;
}

export type GlossaryScope = 'document' | 'workspace';

/** What clicking an entry opens and selects: a range of a document, in offsets. */
export interface RevealTarget {
  uri: string;
  start: number;
  end: number;
}

/** A row of the glossary view as plain data; the tree items are made from these, and the tests read them. */
export interface GlossaryNode {
  id: string;
  label: string;
  description: string;
  tooltip: string;
  command?: { command: string; title: string; arguments: [RevealTarget] };
  children: GlossaryNode[];
}

export const REVEAL_COMMAND = 'plodTagger.glossary.reveal';

const mentions = (n: number) => `${n} mention${n === 1 ? '' : 's'}`;

function reveal(uri: string, location: EntryLocation | undefined): GlossaryNode['command'] {
  if (!location) return undefined;
  const target = { uri, start: location.range.start, end: location.range.end };
  return { command: REVEAL_COMMAND, title: 'Show', arguments: [target] };
}

function where(location: EntryLocation | undefined, file?: string): string {
  if (!location) return 'never mentioned in the text';
  const place = `line ${location.line}${file ? ` of ${file}` : ''}`;
  return location.isDefinition ? `defined on ${place}` : `not defined; first mentioned on ${place}`;
}

/** The rows of one document's glossary, in order of first mention. */
export function documentNodes(
  uri: string,
  file: string,
  entries: readonly GlossaryEntry[],
  locations: Record<string, EntryLocation>,
): GlossaryNode[] {
  return entries.map((entry) => {
    const location = locations[entry.short];
    return {
      id: `document:${entry.short}`,
      label: entry.short,
      description: `${entry.long ?? '(no long form)'} · ${mentions(entry.count)}`,
      tooltip: `${entry.short}: ${entry.long ?? 'no long form found'}\n${mentions(entry.count)}; ${where(location, file)}`,
      command: reveal(uri, location),
      children: [],
    };
  });
}

/** The rows of the workspace glossary: abbreviations A–Z, each with the files that use it. */
export function workspaceNodes(
  merged: readonly MergedGlossaryEntry[],
  files: readonly TaggedFile[],
): GlossaryNode[] {
  const byFile = new Map(files.map((f) => [f.file, f]));
  return [...merged]
    .sort((a, b) => a.short.localeCompare(b.short, 'en') || (a.short < b.short ? -1 : 1))
    .map((entry) => {
      const definitionFile = entry.definition ? byFile.get(entry.definition.file) : undefined;
      const home = definitionFile ?? byFile.get(entry.files[0]?.file ?? '');
      const homeLocation = home?.locations[entry.short];
      const others = entry.longForms.length > 1 ? ` · ${entry.longForms.length} long forms` : '';
      const tooltip = [
        `${entry.short}: ${entry.long ?? 'no long form found'}`,
        ...(entry.longForms.length > 1 ? [`Long forms: ${entry.longForms.join('; ')}`] : []),
        `${mentions(entry.count)} in ${entry.files.length} file${entry.files.length === 1 ? '' : 's'}`,
        home ? where(homeLocation, home.file) : '',
      ].filter(Boolean);
      return {
        id: `workspace:${entry.short}`,
        label: entry.short,
        description: `${entry.long ?? '(no long form)'} · ${mentions(entry.count)} in ${entry.files.length} file${entry.files.length === 1 ? '' : 's'}${others}`,
        tooltip: tooltip.join('\n'),
        command: home && reveal(home.uri, homeLocation),
        children: entry.files.map((mention) => {
          const scanned = byFile.get(mention.file);
          const location = scanned?.locations[entry.short];
          const differs = mention.long && mention.long !== entry.long ? ` · as "${mention.long}"` : '';
          return {
            id: `workspace:${entry.short}:${mention.file}`,
            label: mention.file,
            description: `${mentions(mention.count)}${location ? ` · ${location.isDefinition ? 'defined on' : 'first on'} line ${location.line}` : ''}${differs}`,
            tooltip: `${entry.short} in ${mention.file}: ${mention.long ?? 'no long form found'}\n${mentions(mention.count)}; ${where(location)}`,
            command: scanned && reveal(scanned.uri, location),
            children: [],
          };
        }),
      };
    });
}
