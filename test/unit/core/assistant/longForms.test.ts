import { strict as assert } from 'node:assert';
import { findLongForm, WordIndex } from '../../../../src/core/assistant/longForms';

const find = (text: string, long: string) =>
  findLongForm(new WordIndex(text), long).map((m) => [m.start, m.text, m.plural]);

describe('findLongForm', () => {
  it('matches whole words in any case and spacing, and the plural in s', () => {
    const text = 'T-cell receptors, the t-cell\n receptor, T-cell receptorial, AT-cell receptor.';
    assert.deepEqual(find(text, 'T-cell receptor'), [
      [0, 'T-cell receptors', true],
      [22, 't-cell\n receptor', false],
    ]);
  });

  it('does not call a long form ending in s plural, and skips overlapping matches', () => {
    assert.deepEqual(find('Graphics units units.', 'units units'), [[9, 'units units', false]]);
    assert.deepEqual(find('News news news.', 'news news'), [[0, 'News news', false]]);
  });

  it('finds nothing for a long form that does not start with a letter or digit', () => {
    assert.deepEqual(find('(a) b and (a) b', '(a) b'), []);
    assert.deepEqual(find('anything', ''), []);
  });

  it('builds the same index a few words at a time, pausing between steps', () => {
    const text = 'Neural network, neural Network and NEURAL networks. '.repeat(10);
    const building = WordIndex.built(text, 7);
    let pauses = 0;
    let step = building.next();
    for (; !step.done; step = building.next()) pauses++;
    assert.equal(pauses, 70 / 7);
    assert.deepEqual(
      findLongForm(step.value, 'neural network'),
      findLongForm(new WordIndex(text), 'neural network'),
    );
    assert.equal(findLongForm(step.value, 'neural network').length, 30);
  });
});
