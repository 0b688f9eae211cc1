import { strict as assert } from 'node:assert';
import { excludeGlob, expandBraces } from '../../../../src/extension/glossary/excludes';
import { entryLocations } from '../../../../src/core/glossary/locations';
import { lineOf } from '../../../../src/core/text/lines';

describe('excludeGlob', () => {
  it('joins the true keys of several settings, expanding braces, skipping false and conditional ones', () => {
    assert.equal(
      excludeGlob(
        { '**/.git': true, '**/*.{aux,log}': true, '**/keep': false },
        { '**/node_modules': true, '**/.git': true, '**/*.js': { when: '$(basename).ts' } },
        undefined,
      ),
      '{**/.git,**/*.aux,**/*.log,**/node_modules}',
    );
  });

  it('gives one pattern alone, and undefined for none', () => {
    assert.equal(excludeGlob({ 'a/**': true }), 'a/**');
    assert.equal(excludeGlob({}, undefined), undefined);
  });

  it('expands nested and repeated brace groups', () => {
    assert.deepEqual(expandBraces('{a,b{c,d}}/*.{x,y}'), [
      'a/*.x',
      'a/*.y',
      'bc/*.x',
      'bc/*.y',
      'bd/*.x',
      'bd/*.y',
    ]);
  });
});

describe('lineOf', () => {
  it('counts lines from 1', () => {
    assert.deepEqual(
      [0, 2, 3, 6].map((o) => lineOf('ab\ncd\nef', o)),
      [1, 1, 2, 3],
    );
  });
});

describe('entryLocations', () => {
  it('points at the definition, else at the first mention', () => {
    const text = 'The BMI.\nBody mass index (BMI) and OR.\nOR';
    assert.deepEqual(
      entryLocations(
        text,
        [
          { short: 'BMI', long: 'Body mass index', count: 2, definition: { start: 9, end: 24 } },
          { short: 'OR', long: null, count: 2, definition: null },
        ],
        [
          { label: 'AC', start: 4, end: 7, short: 'BMI' },
          { label: 'AC', start: 39, end: 41, short: 'OR' },
          { label: 'AC', start: 34, end: 36, short: 'OR' },
        ],
      ),
      {
        BMI: { range: { start: 9, end: 24 }, line: 2, isDefinition: true },
        OR: { range: { start: 34, end: 36 }, line: 2, isDefinition: false },
      },
    );
  });
});
