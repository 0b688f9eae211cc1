#!/usr/bin/env -S npx tsx
/**
 * Builds the shipped long-form dictionaries in models/long-forms/ from licence-clean sources:
 *
 *   npx tsx scripts/build-long-forms.ts [--data DIR] [--splits train,validation] [--out DIR]
 *
 * - plod-cw.json (CC BY-SA 4.0): the gold pairs of PLOD-CW's train and validation splits. The test split is
 *   left out, so that the expansion can be measured on it (scripts/eval-expansion.ts).
 * - wordnet.json (WordNet 3.0 licence): from Debian's wordnet-base (/usr/share/wordnet).
 * - vera.json (GNU FDL 1.3, no invariant sections): from Debian's vera (/usr/share/info/vera.info.gz).
 * A Debian package that is not installed is fetched with `apt-get download` into a temporary folder.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { dataDir } from '../src/core/data';
import {
  countFrequencies,
  readContext,
  writeContext,
  type DictionaryFile,
} from '../src/core/expansion/dictionary';
import { type MinedPair, pairsOfSamples, pairsOfVera, pairsOfWordNet } from './lib/longForms';
import { option, samplesOf } from './lib/samples';

const CONTEXT_WORDS = 40;

/** One row per pair; a pair met several times sums its context and counts its meetings. */
export function toRows(pairs: readonly MinedPair[]): DictionaryFile['entries'] {
  const rows = new Map<
    string,
    { short: string; long: string; count: number; context: Map<string, number> }
  >();
  for (const pair of pairs) {
    const key = `${pair.short}\0${pair.long.toLowerCase()}`;
    const row = rows.get(key) ?? { short: pair.short, long: pair.long, count: 0, context: new Map() };
    row.count++;
    for (const word of pair.context) row.context.set(word, (row.context.get(word) ?? 0) + 1);
    rows.set(key, row);
  }
  return [...rows.values()]
    .sort((a, b) => (a.short < b.short ? -1 : a.short > b.short ? 1 : b.count - a.count))
    .map((r) => [r.short, r.long, r.count, writeContext(r.context, CONTEXT_WORDS)]);
}

/** A file of an installed Debian package, or of the package fetched and unpacked into `scratch`. */
function debianFile(pkg: string, file: string, scratch: string): string {
  if (fs.existsSync(file)) return file;
  execFileSync('apt-get', ['download', pkg], { cwd: scratch, stdio: 'inherit' });
  const deb = fs.readdirSync(scratch).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${pkg} gave no .deb`);
  execFileSync('dpkg-deb', ['-x', path.join(scratch, deb), scratch]);
  return path.join(scratch, file);
}

function debianVersion(pkg: string): string {
  try {
    return (
      execFileSync('apt-cache', ['show', '--no-all-versions', pkg], { encoding: 'utf8' }).match(
        /^Version: (.+)$/m,
      )?.[1] ?? '?'
    );
  } catch {
    return '?';
  }
}

type Described = Omit<DictionaryFile, 'entries' | 'contexts' | 'frequencies'>;

/** In how many of the rows' contexts each word is, so that the guesser need not read every context. */
export function frequencies(
  entries: DictionaryFile['entries'],
): Pick<DictionaryFile, 'contexts' | 'frequencies'> {
  const counted = countFrequencies(entries.map(([, , , context]) => readContext(context)));
  return { contexts: counted.contexts, frequencies: writeContext(counted.documentFrequency, Infinity) };
}

function write(out: string, file: Described, pairs: readonly MinedPair[]): void {
  const entries = toRows(pairs);
  const body = entries.map((row) => JSON.stringify(row)).join(',\n');
  const head = JSON.stringify({ ...file, ...frequencies(entries) }, null, 2).replace(/\n}$/, '');
  fs.writeFileSync(path.join(out, `${file.name}.json`), `${head},\n  "entries": [\n${body}\n]\n}\n`);
  console.log(`${file.name}.json: ${entries.length} entries from ${pairs.length} pairs`);
}

function main(): void {
  const data = option('data', dataDir());
  const splits = option('splits', 'train,validation').split(',');
  const out = option('out', path.join(__dirname, '..', 'models', 'long-forms'));
  fs.mkdirSync(out, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-long-forms-'));
  try {
    write(
      out,
      {
        name: 'plod-cw',
        title: 'PLOD-CW',
        licence: 'CC BY-SA 4.0',
        provenance: `The gold abbreviation–long-form pairs of PLOD-CW (surrey-nlp/PLOD-CW; Zilio et al., LREC 2022), splits ${splits.join(' and ')}, with the content words of their sentences`,
      },
      pairsOfSamples(splits.flatMap((split) => samplesOf(data, `plod:${split}`))),
    );
    write(
      out,
      {
        name: 'sdu22-nc',
        title: 'SDU@AAAI-22 (non-commercial)',
        licence:
          'CC BY-NC-SA 4.0: non-commercial use only; not read unless plodTagger.guesses.dictionaries names it',
        provenance:
          'The gold acronym–long-form pairs of the SDU@AAAI-22 acronym extraction train sets (English scientific and legal), with the content words of their samples',
        optIn: true,
      },
      pairsOfSamples(['scientific:train', 'legal:train'].flatMap((set) => samplesOf(data, set))),
    );
    const noun = debianFile('wordnet-base', '/usr/share/wordnet/data.noun', scratch);
    write(
      out,
      {
        name: 'wordnet',
        title: 'WordNet 3.0',
        licence: 'WordNet 3.0 license (Princeton University)',
        provenance: `Noun synsets of WordNet 3.0 (Debian wordnet-base ${debianVersion('wordnet-base')}) that hold an abbreviation and a long form spelling it, with the gloss and hypernyms as context`,
      },
      pairsOfWordNet(fs.readFileSync(noun, 'utf8')),
    );
    const vera = debianFile('vera', '/usr/share/info/vera.info.gz', scratch);
    write(
      out,
      {
        name: 'vera',
        title: 'V.E.R.A.',
        licence: 'GNU FDL 1.3 or later, no invariant sections (V.E.R.A. © 1993–2020 Oliver Heidelbach)',
        provenance: `V.E.R.A., the Virtual Entity of Relevant Acronyms (Debian vera ${debianVersion('vera')}), the entries whose long form spells the acronym, with their topics as context`,
      },
      pairsOfVera(zlib.gunzipSync(fs.readFileSync(vera)).toString('latin1')),
    );
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) main();
