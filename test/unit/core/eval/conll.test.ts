import { strict as assert } from 'node:assert';
import { formatConll, parseConll } from '../../../../src/core/eval/conll';

describe('parseConll', () => {
  it('reads PLOD-CW lines (token POS tag) and splits sentences on blank lines', () => {
    const text = 'The DET B-O\nGYPES PROPN B-AC\n\nlong ADJ B-LF\nform NOUN I-LF\n';
    assert.deepEqual(parseConll(text), [
      { tokens: ['The', 'GYPES'], tags: ['O', 'B-AC'] },
      { tokens: ['long', 'form'], tags: ['B-LF', 'I-LF'] },
    ]);
  });

  it('handles CRLF, tabs, repeated and trailing blank lines, and -DOCSTART-', () => {
    const text = '-DOCSTART- -X- O\r\n\r\nA\tB-AC\r\nb\tO\r\n\r\n\r\n\r\nc\tI-LF\r\n\r\n\r\n';
    assert.deepEqual(parseConll(text), [
      { tokens: ['A', 'b'], tags: ['B-AC', 'O'] },
      { tokens: ['c'], tags: ['I-LF'] },
    ]);
  });

  it('takes the last column as the tag when there are more than two', () => {
    assert.deepEqual(parseConll('x  NOUN  extra   B-LF\n'), [{ tokens: ['x'], tags: ['B-LF'] }]);
  });

  it('gives null tags for one-column input', () => {
    assert.deepEqual(parseConll('one\ntwo\n\nthree\n'), [
      { tokens: ['one', 'two'], tags: null },
      { tokens: ['three'], tags: null },
    ]);
  });

  it('reports the line number and the tag when a tag is unknown', () => {
    assert.throws(() => parseConll('a X B-O\n\nb X B-FOO\n'), /line 3: unknown tag "B-FOO"/);
  });

  it('returns no sentences for empty input', () => {
    assert.deepEqual(parseConll(''), []);
    assert.deepEqual(parseConll('\n\n\r\n'), []);
  });
});

describe('formatConll', () => {
  it('writes token<TAB>tag lines with a blank line between sentences and a trailing newline', () => {
    const text = formatConll([
      { tokens: ['The', 'GYPES'], tags: ['O', 'B-AC'] },
      { tokens: ['long'], tags: ['B-LF'] },
    ]);
    assert.equal(text, 'The\tO\nGYPES\tB-AC\n\nlong\tB-LF\n');
  });

  it('round-trips through parseConll', () => {
    const sentences = [
      { tokens: ['a', 'b', 'c'], tags: ['B-LF' as const, 'I-LF' as const, 'O' as const] },
      { tokens: ['D'], tags: ['B-AC' as const] },
    ];
    assert.deepEqual(parseConll(formatConll(sentences)), sentences);
  });

  it('rejects a sentence whose tags do not match its tokens', () => {
    assert.throws(() => formatConll([{ tokens: ['a', 'b'], tags: ['O'] }]), /2 tokens but 1 tags/);
  });
});
