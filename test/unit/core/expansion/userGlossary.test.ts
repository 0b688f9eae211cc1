import { strict as assert } from 'node:assert';
import {
  formatGlossaries,
  GLOSSARY_EXTENSIONS,
  GLOSSARY_FORMATS,
} from '../../../../src/core/glossary/formats';
import { readUserGlossary } from '../../../../src/core/expansion/userGlossary';
import type { FileGlossary } from '../../../../src/core/types';

const glossary: FileGlossary = {
  file: 'paper.md',
  entries: [
    { short: 'CNN', long: 'convolutional neural network', count: 3, definition: { start: 0, end: 28 } },
    { short: 'R&D', long: 'research, "and" development', count: 1, definition: { start: 40, end: 70 } },
    { short: 'GPU', long: null, count: 2, definition: null },
  ],
};

describe("the user's glossary file", () => {
  for (const format of GLOSSARY_FORMATS) {
    it(`reads back the glossary export as ${format}`, () => {
      const file = `mine.${GLOSSARY_EXTENSIONS[format]}`;
      assert.deepEqual(readUserGlossary(formatGlossaries([glossary], format), file), [
        { short: 'CNN', long: 'convolutional neural network' },
        { short: 'R&D', long: 'research, "and" development' },
      ]);
    });
  }

  it('reads tab, = and : lines, skipping comments, with a BOM and CRLF', () => {
    const text =
      '\uFEFF# mine\r\nCT\tcomputed tomography\r\nMRI = magnetic resonance imaging\r\n% note\r\nPET: positron emission tomography\r\n';
    assert.deepEqual(readUserGlossary(text, 'mine.txt'), [
      { short: 'CT', long: 'computed tomography' },
      { short: 'MRI', long: 'magnetic resonance imaging' },
      { short: 'PET', long: 'positron emission tomography' },
    ]);
  });

  it('reads a JSON object of abbreviation to long form', () => {
    assert.deepEqual(readUserGlossary('{"CT": "computed tomography", "n": 3}', 'a.json'), [
      { short: 'CT', long: 'computed tomography' },
    ]);
  });

  it('names the file and the fault when it is broken or holds nothing', () => {
    assert.throws(
      () => readUserGlossary('{"CT": ', 'broken.json'),
      /^Error: broken\.json is not valid JSON: /,
    );
    assert.throws(
      () => readUserGlossary('just some prose\nwith no pairs', 'notes.txt'),
      /notes\.txt holds no abbreviation with a long form/,
    );
    assert.throws(() => readUserGlossary('', 'empty.csv'), /empty\.csv holds no abbreviation/);
  });
});
