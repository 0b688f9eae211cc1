import { strict as assert } from 'node:assert';
import { parse } from 'jsonc-parser';
import {
  spellingWords,
  withCspellDictionary,
  withLtexWords,
  wordFile,
} from '../../../../src/core/glossary/spelling';
import type { GlossaryEntry } from '../../../../src/core/types';

const entry = (short: string, extra: Partial<GlossaryEntry> = {}): GlossaryEntry => ({
  short,
  long: null,
  count: 1,
  definition: null,
  ...extra,
});

describe('abbreviations for spell checkers', () => {
  it('gives each abbreviation, its declared plural and its plural in s, once each and sorted', () => {
    const words = spellingWords([
      {
        file: 'a.tex',
        entries: [
          entry('CNN'),
          entry('OS', {
            plural: { short: 'OSes', long: 'operating systems', definition: { start: 0, end: 1 } },
          }),
        ],
      },
      { file: 'b.tex', entries: [entry('CNN'), entry('IoT'), entry('e.g.')] },
    ]);
    assert.deepEqual(words, ['CNN', 'CNNs', 'IoT', 'IoTs', 'OS', 'OSes', 'OSs', 'e.g.']);
    assert.equal(
      wordFile(['CNN', 'IoT'])
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .join(' '),
      'CNN IoT',
    );
  });

  it('adds the word file to cSpell.customDictionaries, keeping comments and other settings', () => {
    const before =
      '{\n  // my settings\n  "editor.tabSize": 4,\n  "cSpell.customDictionaries": { "mine": { "path": "x.txt" } }\n}\n';
    const after = withCspellDictionary(before, '${workspaceFolder}/.vscode/plod-abbreviations.txt');
    assert.match(after, /\/\/ my settings/);
    const settings = parse(after) as Record<string, Record<string, { path: string }>>;
    assert.equal(settings['editor.tabSize'] as unknown, 4);
    assert.deepEqual(Object.keys(settings['cSpell.customDictionaries']), ['mine', 'plod-abbreviations']);
    assert.equal(
      settings['cSpell.customDictionaries']['plod-abbreviations'].path,
      '${workspaceFolder}/.vscode/plod-abbreviations.txt',
    );
    assert.deepEqual(
      parse(withCspellDictionary('', 'w.txt'))['cSpell.customDictionaries']['plod-abbreviations'].path,
      'w.txt',
    );
  });

  it('adds the words to ltex.dictionary for the language, after those already there, once each', () => {
    const before = '{ "ltex.dictionary": { "en-US": ["Zilio", "CNN"], "de-DE": ["KI"] } }';
    const settings = parse(withLtexWords(before, 'en-US', ['CNN', 'IoT'])) as Record<string, unknown>;
    assert.deepEqual(settings['ltex.dictionary'], { 'en-US': ['Zilio', 'CNN', 'IoT'], 'de-DE': ['KI'] });
  });

  it('leaves a settings file that is not a JSON object alone, and says so', () => {
    for (const broken of ['{ "a": ', '[1, 2]'])
      assert.throws(() => withLtexWords(broken, 'en-US', ['CNN']), /not a JSON object; fix it first/);
  });
});
