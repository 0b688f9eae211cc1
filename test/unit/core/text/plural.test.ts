import { strict as assert } from 'node:assert';
import {
  isPluralOf,
  isPluralPhrase,
  knownSingular,
  plural,
  pluralEndings,
  pluralPhrase,
  singular,
  singularPhrase,
} from '../../../../src/core/text/plural';

describe('singular', () => {
  it('drops an s after a capital, and es after a capital S', () => {
    for (const [written, expected] of [
      ['CNNs', 'CNN'],
      ['iPSCs', 'iPSC'],
      ['PhDs', 'PhD'],
      ['SDSs', 'SDS'],
      ['OSs', 'OS'],
      ['OSes', 'OS'],
      ['DoSes', 'DoS'],
      ['TR-FRETs', 'TR-FRET'],
      ['UKB GWASs', 'UKB GWAS'],
      ['UKB\nCNNs', 'UKB\nCNN'],
    ]) {
      assert.equal(singular(written), expected, written);
    }
  });

  it('keeps a capital S, an s after a lowercase letter, and two-letter words', () => {
    for (const written of [
      'SDS',
      'DoS',
      'MSc',
      'MScs',
      'mAbs',
      'Cys',
      'Mbps',
      'As',
      'Ns',
      'CNN',
      'COVID-19',
      'Ses',
    ]) {
      assert.equal(singular(written), written, written);
    }
    assert.equal(singular('ODEs'), 'ODE');
  });

  it('is idempotent', () => {
    for (const written of ['CNNs', 'OSes', 'SDSs', 'iPSCs', 'ASes', 'CNNss']) {
      assert.equal(singular(singular(written)), singular(written), written);
    }
  });
});

describe('plural and isPluralOf', () => {
  it('writes the plural with s, and leaves a short form ending in a lowercase s alone', () => {
    assert.deepEqual(['CNN', 'iPSC', 'MSc', 'OS', 'DoS', 'bps', ''].map(plural), [
      'CNNs',
      'iPSCs',
      'MScs',
      'OSs',
      'DoSs',
      'bps',
      '',
    ]);
    assert.deepEqual(pluralEndings('OS'), ['s', 'es']);
    assert.deepEqual(pluralEndings('CNN'), ['s']);
    assert.deepEqual(pluralEndings('bps'), []);
  });

  it('knows a plural from its singular, whatever the letter before the s', () => {
    const yes: [string, string][] = [
      ['CNNs', 'CNN'],
      ['iPSCs', 'iPSC'],
      ['MScs', 'MSc'],
      ['mAbs', 'mAb'],
      ['OSs', 'OS'],
      ['OSes', 'OS'],
      ['DoSes', 'DoS'],
    ];
    const no: [string, string][] = [
      ['SDS', 'SD'],
      ['DoS', 'Do'],
      ['CNN', 'CNN'],
      ['CNNes', 'CNN'],
      ['bpss', 'bps'],
      ['s', ''],
    ];
    for (const [written, short] of yes) assert.equal(isPluralOf(written, short), true, written);
    for (const [written, short] of no) assert.equal(isPluralOf(written, short), false, written);
    for (const short of ['CNN', 'OS', 'MSc']) assert.equal(isPluralOf(plural(short), short), true, short);
  });
});

describe('knownSingular', () => {
  const known = (...shorts: string[]) => {
    const set = new Set(shorts);
    return (short: string) => set.has(short);
  };

  it('gives the word itself when known, else the known abbreviation it is the plural of', () => {
    const isKnown = known('CNN', 'mAb', 'MSc', 'OS', 'DoS', 'N', 'SD');
    for (const [written, expected] of [
      ['CNN', 'CNN'],
      ['CNNs', 'CNN'],
      ['mAbs', 'mAb'],
      ['MScs', 'MSc'],
      ['OSes', 'OS'],
      ['OSs', 'OS'],
      ['DoS', 'DoS'],
      ['Ns', 'N'],
    ]) {
      assert.equal(knownSingular(written, isKnown), expected, written);
    }
  });

  it('gives undefined for a word that names no known abbreviation', () => {
    const isKnown = known('CNN', 'SD', 'Do', 'bps');
    for (const written of ['SDS', 'DoS', 'RNNs', 'bpss', 'CNNes', '']) {
      assert.equal(knownSingular(written, isKnown), undefined, written);
    }
  });
});

describe('long forms in the singular and the plural', () => {
  it('tells a plural long form by its last word', () => {
    for (const phrase of ['multiple sequence alignments', 'User-Perceived Properties', 'Operating Systems'])
      assert.equal(isPluralPhrase(phrase), true, phrase);
    for (const phrase of [
      'principal component analysis',
      'root mean square',
      'status',
      'data bus',
      'Radio-Frequency',
    ])
      assert.equal(isPluralPhrase(phrase), false, phrase);
  });

  it('turns the last word to the plural and back', () => {
    for (const [one, many] of [
      ['multiple sequence alignment', 'multiple sequence alignments'],
      ['User-Perceived Property', 'User-Perceived Properties'],
      ['bounding box', 'bounding boxes'],
      ['hash', 'hashes'],
      ['Internet of Things', 'Internet of Things'],
      ['key', 'keys'],
    ]) {
      assert.equal(pluralPhrase(one), many, one);
      if (one !== many) assert.equal(singularPhrase(many), one, many);
    }
    assert.equal(singularPhrase('principal component analysis'), 'principal component analysis');
  });
});
