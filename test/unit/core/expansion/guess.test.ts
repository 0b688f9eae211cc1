import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { type Candidate, LongFormGuesser } from '../../../../src/core/expansion/guess';
import { dictionaryCandidates, readDictionaries } from '../../../../src/core/expansion/load';
import { contentWords, vocabularyOf } from '../../../../src/core/expansion/vocabulary';
import { modelsDir } from '../../../../src/core/models';
import { dataDir } from '../../../../src/core/data';
import { toRows } from '../../../../scripts/build-long-forms';
import { pairsOfSamples } from '../../../../scripts/lib/longForms';
import { samplesOf } from '../../../../scripts/lib/samples';

const context = (text: string) => vocabularyOf(text);
const candidate = (
  short: string,
  long: string,
  about: string,
  kind: Candidate['source']['kind'] = 'dictionary',
  name = 'test',
  count = 1,
): Candidate => ({ short, long, count, context: context(about), source: { kind, name } });

const RADIOLOGY =
  'Patients underwent CT of the chest with contrast; the scan showed lesions, and the radiation dose was recorded.';
const CRYPTOGRAPHY =
  'Browsers check CT logs for each certificate that a server presents, so a misissued TLS certificate is caught.';

describe('long-form guesses', () => {
  const candidates = [
    candidate('CT', 'computed tomography', 'scan radiation organ body examining patient'),
    candidate('CT', 'Certificate Transparency', 'certificate log browser server', 'dictionary', 'test', 3),
  ];

  it('ranks the long forms by the field of the document', () => {
    const guesser = new LongFormGuesser(candidates);
    assert.deepEqual(
      guesser.guess('CT', vocabularyOf(RADIOLOGY)).map((g) => g.long),
      ['computed tomography', 'Certificate Transparency'],
    );
    assert.deepEqual(
      guesser.guess('CT', vocabularyOf(CRYPTOGRAPHY)).map((g) => g.long),
      ['Certificate Transparency', 'computed tomography'],
    );
  });

  it('with no field to go by, ranks by how often the source has each', () => {
    const guesser = new LongFormGuesser(candidates);
    assert.equal(
      guesser.guess('CT', vocabularyOf('An unrelated sentence.'))[0].long,
      'Certificate Transparency',
    );
  });

  it("puts the user's glossary first, then the workspace, then the dictionaries", () => {
    const guesser = new LongFormGuesser([
      ...candidates,
      candidate('CT', 'clinical trial', '', 'workspace', 'other.md'),
      candidate('CT', 'cycle threshold', '', 'user', 'mine.tsv'),
    ]);
    const guesses = guesser.guess('CT', vocabularyOf(RADIOLOGY), 4);
    assert.deepEqual(
      guesses.map((g) => [g.long, g.sources[0].kind]),
      [
        ['cycle threshold', 'user'],
        ['clinical trial', 'workspace'],
        ['computed tomography', 'dictionary'],
        ['Certificate Transparency', 'dictionary'],
      ],
    );
  });

  it('gives one guess for a long form that several sources spell alike, naming every source', () => {
    const guesser = new LongFormGuesser([
      candidate('WT', 'wild type', 'mutant gene', 'dictionary', 'PLOD-CW'),
      candidate('WT', 'wild-types', '', 'workspace', 'a.md'),
      candidate('WT', 'Wild Type', '', 'workspace', 'b.md'),
    ]);
    const [guess, ...rest] = guesser.guess('WT', vocabularyOf('mutant'));
    assert.deepEqual(rest, []);
    assert.equal(guess.long, 'wild-types');
    assert.deepEqual(
      guess.sources.map((s) => s.name),
      ['a.md', 'b.md', 'PLOD-CW'],
    );
  });

  it("gives a source's synonyms (one WordNet synset) as one guess, the likeliest name first", () => {
    const about = 'scan radiation organ';
    const guesser = new LongFormGuesser([
      candidate('CT', 'computed axial tomography', about),
      candidate('CT', 'computed tomography', about),
      candidate('CT', 'Connecticut', 'state england colony'),
    ]);
    const guesses = guesser.guess('CT', vocabularyOf(RADIOLOGY));
    assert.deepEqual(
      guesses.map((g) => [g.long, g.alternatives]),
      [
        ['computed tomography', ['computed axial tomography']],
        ['Connecticut', []],
      ],
    );
  });

  it('reads a plural as its singular, and matches case only when nothing matches as written', () => {
    const guesser = new LongFormGuesser([
      candidate('CT', 'computed tomography', 'scan'),
      candidate('CTS', 'carpal tunnel syndrome', 'wrist'),
      candidate('mAb', 'monoclonal antibody', 'antibody'),
    ]);
    assert.equal(guesser.guess('CTs', vocabularyOf('wrist'))[0].long, 'computed tomography');
    assert.equal(guesser.guess('mAbs', new Map())[0].long, 'monoclonal antibody');
    assert.equal(guesser.guess('MAB', new Map())[0].long, 'monoclonal antibody');
    assert.equal(guesser.knows('XYZ'), false);
    assert.deepEqual(guesser.guess('XYZ', new Map()), []);
  });

  it('leaves out the candidates the caller rejects (the document itself, in the workspace)', () => {
    const guesser = new LongFormGuesser([
      candidate('GAN', 'generative adversarial network', '', 'workspace', 'self.md'),
    ]);
    assert.deepEqual(
      guesser.guess('GAN', new Map(), 3, (c) => c.source.name !== 'self.md'),
      [],
    );
  });
});

describe('document vocabulary', () => {
  it('keeps content words, lower case, plurals folded, function words and short words dropped', () => {
    assert.deepEqual(contentWords('The CT scans of these patients showed two species in the series.'), [
      'scan',
      'patient',
      'showed',
      'species',
      'series',
    ]);
  });
});

describe('shipped long-form dictionaries', () => {
  const folder = path.join(modelsDir(), 'long-forms');
  const dictionaries = readDictionaries(folder);

  it('read by default every licence-clean one, and the non-commercial one only on request', () => {
    assert.deepEqual(
      dictionaries.map((d) => d.name),
      ['plod-cw', 'vera', 'wordnet'],
    );
    assert.deepEqual(
      readDictionaries(folder, ['sdu22-nc']).map((d) => [d.name, d.licence.startsWith('CC BY-NC-SA 4.0')]),
      [['sdu22-nc', true]],
    );
    for (const d of dictionaries) assert.ok(d.licence && d.provenance && d.entries.length > 500, d.name);
  });

  it('give CT in a radiology paper as computed tomography, and in a paper on TLS as Certificate Transparency', () => {
    const guesser = new LongFormGuesser(dictionaryCandidates(dictionaries));
    assert.equal(guesser.guess('CT', vocabularyOf(RADIOLOGY))[0].long, 'computed tomography');
    assert.equal(guesser.guess('CT', vocabularyOf(CRYPTOGRAPHY))[0].long, 'Certificate Transparency');
  });

  it('hold in plod-cw.json exactly what the build script mines from PLOD-CW train and validation, not test', function () {
    const data = dataDir();
    if (!fs.existsSync(path.join(data, 'plod-cw', 'train.conll'))) this.skip();
    const samples = ['train', 'validation'].flatMap((split) => samplesOf(data, `plod:${split}`));
    const shipped = JSON.parse(fs.readFileSync(path.join(folder, 'plod-cw.json'), 'utf8')) as {
      entries: unknown;
    };
    assert.deepEqual(shipped.entries, toRows(pairsOfSamples(samples)));
  });

  it('give a clear error for a file that is not a dictionary', () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'plod-dict-'));
    fs.writeFileSync(path.join(scratch, 'broken.json'), '{"name": "x"');
    assert.throws(() => readDictionaries(scratch), /broken\.json is not a long-form dictionary/);
    fs.writeFileSync(path.join(scratch, 'broken.json'), '{"name": "x", "entries": [[1]]}');
    assert.throws(
      () => readDictionaries(scratch),
      /broken\.json is not a long-form dictionary \(name, title/,
    );
    fs.rmSync(scratch, { recursive: true });
  });
});
