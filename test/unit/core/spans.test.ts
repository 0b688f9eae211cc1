import { strict as assert } from 'node:assert';
import { decodeSpans } from '../../../src/core/spans';
import type { Tag, Word, WordTag } from '../../../src/core/types';

/** PLOD-style words: runs of letters/digits, and every other non-space character on its own. */
function words(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

function tagged(tags: Tag[], scores?: number[]): WordTag[] {
  return tags.map((tag, i) => ({ tag, score: scores?.[i] ?? 1 }));
}

describe('decodeSpans', () => {
  const text = 'The Gothenburg Young Persons Empowerment Scale (GYPES) was developed.';
  const ws = words(text);

  it('turns B-LF I-LF… and B-AC into character spans sliced from the text', () => {
    const tags = tagged(['O', 'B-LF', 'I-LF', 'I-LF', 'I-LF', 'I-LF', 'O', 'B-AC', 'O', 'O', 'O', 'O']);
    assert.deepEqual(decodeSpans(ws, tags, text), [
      { label: 'LF', start: 4, end: 46, text: 'Gothenburg Young Persons Empowerment Scale', score: 1 },
      { label: 'AC', start: 48, end: 53, text: 'GYPES', score: 1 },
    ]);
  });

  it('averages the word scores over the span', () => {
    const tags = tagged(
      ['O', 'B-LF', 'I-LF', 'O', 'O', 'O', 'O', 'B-AC', 'O', 'O', 'O', 'O'],
      [1, 0.5, 0.75, 1, 1, 1, 1, 0.25, 1, 1, 1, 1],
    );
    const spans = decodeSpans(ws, tags, text);
    assert.equal(spans[0].score, 0.625);
    assert.equal(spans[0].text, 'Gothenburg Young');
    assert.equal(spans[1].score, 0.25);
  });

  it('makes B-AC B-AC two spans and keeps the text between words, such as a hyphen', () => {
    const t = 'TR-FRET assay';
    const w = words(t); // TR, -, FRET, assay
    assert.deepEqual(
      decodeSpans(w, tagged(['B-AC', 'B-AC', 'I-AC', 'O']), t).map((s) => [s.start, s.end, s.text]),
      [
        [0, 2, 'TR'],
        [2, 7, '-FRET'],
      ],
    );
  });

  it('opens a span at an orphan I-LF and splits where the label changes', () => {
    const t = 'alpha beta gamma delta';
    const spans = decodeSpans(words(t), tagged(['O', 'I-LF', 'I-LF', 'I-AC']), t);
    assert.deepEqual(
      spans.map((s) => [s.label, s.start, s.end, s.text]),
      [
        ['LF', 6, 16, 'beta gamma'],
        ['AC', 17, 22, 'delta'],
      ],
    );
  });

  it('uses the words offsets into a longer text', () => {
    const t = '# Title\n\nWe used CNN here.';
    const w = words(t).slice(2); // from "We"
    const spans = decodeSpans(w, tagged(['O', 'O', 'B-AC', 'O', 'O']), t);
    assert.deepEqual(spans, [{ label: 'AC', start: 17, end: 20, text: 'CNN', score: 1 }]);
  });

  it('rejects mismatched words and tags', () => {
    assert.throws(() => decodeSpans(ws, tagged(['O']), text), /12 words but 1 tags/);
  });
});
