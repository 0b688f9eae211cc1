/**
 * Abbreviations that need no definition, by the style guides: the assistant does not report them as "never
 * defined". Each entry names the rule it comes from (`SOURCES`); users add their own with the setting
 * `plodTagger.diagnostics.wellKnown`. A document that defines one of them still gets every other check on it.
 */

import { knownSingular } from '../text/plural';

export const SOURCES = {
  'apa-words':
    'APA Publication Manual (7th ed., §6.25; 6th ed., p. 107): abbreviations that Merriam-Webster’s Collegiate Dictionary lists as words (not labelled “abbr”) need no definition; its examples',
  'merriam-webster':
    'Merriam-Webster’s Collegiate Dictionary enters it as a word (noun), not as an abbreviation: by APA 7 §6.25 it needs no definition',
  ieee: 'IEEE Editorial Style Manual / author guide: “Abbreviations such as IEEE, SI, MKS, CGS, ac, dc, and rms do not have to be defined”',
  units:
    'Units of measurement are not defined (APA 7 §6.27; IEEE: SI units); the binary-prefixed units of computing follow them',
  'apa-statistics': 'APA 7 §6.44 and Table 6.5: many statistical abbreviations are used without definition',
  degrees:
    'Chicago Manual of Style (17th ed.), ch. 10: academic degrees are abbreviated without being spelled out',
  countries:
    'Chicago Manual of Style (17th ed.), ch. 10: US, USA, UK, EU and UN are familiar abbreviations of country and union names',
} as const;

export type WellKnownSource = keyof typeof SOURCES;

export interface WellKnownEntry {
  short: string;
  long: string;
  source: WellKnownSource;
}

const entries = (source: WellKnownSource, list: [string, string][]): WellKnownEntry[] =>
  list.map(([short, long]) => ({ short, long, source }));

/** The curated list: case matters (`ac` and `AC` are each listed); plurals (`PCs`, `LEDs`) are folded. */
export const WELL_KNOWN: readonly WellKnownEntry[] = [
  ...entries('apa-words', [
    ['IQ', 'intelligence quotient'],
    ['REM', 'rapid eye movement'],
    ['ESP', 'extrasensory perception'],
    ['AIDS', 'acquired immunodeficiency syndrome'],
    ['HIV', 'human immunodeficiency virus'],
    ['NADP', 'nicotinamide adenine dinucleotide phosphate'],
    ['ACTH', 'adrenocorticotropic hormone'],
    ['LSD', 'lysergic acid diethylamide'],
  ]),
  ...entries('merriam-webster', [
    ['DNA', 'deoxyribonucleic acid'],
    ['RNA', 'ribonucleic acid'],
    ['mRNA', 'messenger RNA'],
    ['tRNA', 'transfer RNA'],
    ['OK', 'okay'],
    ['TV', 'television'],
    ['PC', 'personal computer'],
    ['CD', 'compact disc'],
    ['DVD', 'digital versatile disc'],
    ['LED', 'light-emitting diode'],
    ['RAM', 'random-access memory'],
    ['ROM', 'read-only memory'],
    ['ATM', 'automated teller machine'],
    ['GPS', 'Global Positioning System'],
    ['HTML', 'Hypertext Markup Language'],
    ['URL', 'uniform resource locator'],
    ['PDF', 'Portable Document Format'],
    ['JPEG', 'Joint Photographic Experts Group'],
  ]),
  ...entries('ieee', [
    ['IEEE', 'Institute of Electrical and Electronics Engineers'],
    ['SI', 'International System of Units'],
    ['MKS', 'meter–kilogram–second'],
    ['CGS', 'centimeter–gram–second'],
    ['ac', 'alternating current'],
    ['AC', 'alternating current'],
    ['dc', 'direct current'],
    ['DC', 'direct current'],
    ['rms', 'root mean square'],
  ]),
  ...entries('units', [
    ['Hz', 'hertz'],
    ['kHz', 'kilohertz'],
    ['MHz', 'megahertz'],
    ['GHz', 'gigahertz'],
    ['kB', 'kilobyte'],
    ['KB', 'kilobyte'],
    ['MB', 'megabyte'],
    ['GB', 'gigabyte'],
    ['TB', 'terabyte'],
    ['PB', 'petabyte'],
    ['KiB', 'kibibyte'],
    ['MiB', 'mebibyte'],
    ['GiB', 'gibibyte'],
    ['TiB', 'tebibyte'],
    ['kbps', 'kilobits per second'],
    ['Mbps', 'megabits per second'],
    ['Gbps', 'gigabits per second'],
    ['kDa', 'kilodalton'],
  ]),
  ...entries('apa-statistics', [
    ['ANOVA', 'analysis of variance'],
    ['SD', 'standard deviation'],
    ['SE', 'standard error'],
    ['df', 'degrees of freedom'],
  ]),
  ...entries('degrees', [
    ['PhD', 'Doctor of Philosophy'],
    ['MSc', 'Master of Science'],
    ['BSc', 'Bachelor of Science'],
    ['MBA', 'Master of Business Administration'],
    ['MD', 'Doctor of Medicine'],
  ]),
  ...entries('countries', [
    ['US', 'United States'],
    ['USA', 'United States of America'],
    ['UK', 'United Kingdom'],
    ['EU', 'European Union'],
    ['UN', 'United Nations'],
  ]),
];

const SHIPPED = new Set(WELL_KNOWN.map((entry) => entry.short));

/**
 * Whether `short` (as written, or in the plural) needs no definition: on the curated list, or among `extra`
 * (the user's own, compared as written).
 */
export function isWellKnown(short: string, extra: readonly string[] = []): boolean {
  const known = extra.length ? new Set([...SHIPPED, ...extra.map((s) => s.trim())]) : SHIPPED;
  return knownSingular(short, (s) => known.has(s)) !== undefined;
}
