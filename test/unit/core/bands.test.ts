import { strict as assert } from 'node:assert';
import type { TextDocumentChangeEvent } from 'vscode';
import { bandLines, bandsOfLines, changedBands, EDITED, intoBands, MAX_BANDS } from '../../../src/core/bands';
import { markEdited } from '../../../src/extension/tagging/editedBands';

describe('bands of lines for decorations and diagnostics', () => {
  it('holds a power of two of lines, at least 8, and never makes more than the limit of bands', () => {
    assert.equal(bandLines(1), 8);
    assert.equal(bandLines(142), 8);
    assert.equal(bandLines(257), 16);
    assert.equal(bandLines(5_000), 256);
    for (const lines of [1, 100, 1_000, 12_345, 1_000_000])
      assert.ok(Math.ceil(lines / bandLines(lines)) <= MAX_BANDS, `${lines} lines`);
  });

  it('keeps the band size while an edit adds or removes a few lines', () => {
    assert.equal(bandLines(3_000), bandLines(3_010));
    assert.equal(bandLines(3_000), bandLines(2_990));
  });

  it('groups items by the band of their first line, in their order, and leaves empty bands out', () => {
    const items = [0, 3, 7, 8, 30, 31].map((line) => ({ line }));
    const bands = intoBands(items, (i) => i.line, 40);
    assert.deepEqual(Object.keys(bands), ['0', '1', '3']);
    assert.deepEqual(
      [bands[0], bands[1], bands[3]].map((b) => b?.map((i) => i.line)),
      [[0, 3, 7], [8], [30, 31]],
    );
  });

  it('puts lines past the last band in the last band', () => {
    const bands = intoBands([{ line: 10_000 }], (i) => i.line, 100);
    assert.equal(bands.length, MAX_BANDS);
  });

  it('sends again the bands that changed, that are new, and that are now empty', () => {
    assert.deepEqual(changedBands(['a', 'b', 'c'], ['a', 'x', 'c']), [1]);
    assert.deepEqual(changedBands(['a', 'b'], ['a']), [1]);
    const sparse: (string | undefined)[] = ['a'];
    sparse[3] = 'd';
    assert.deepEqual(changedBands(['a'], sparse), [3]);
    assert.deepEqual(changedBands([], []), []);
  });
});

describe('bands an edit touched', () => {
  /** Just what markEdited reads of VS Code's change event. */
  const event = (lineCount: number, changes: [number, number, string][]) =>
    ({
      document: { lineCount },
      contentChanges: changes.map(([start, end, text]) => ({
        range: { start: { line: start }, end: { line: end } },
        text,
      })),
    }) as unknown as TextDocumentChangeEvent;

  it('gives the bands of the lines from the first to the last', () => {
    assert.deepEqual(bandsOfLines(0, 0, 100), [0]);
    assert.deepEqual(bandsOfLines(7, 8, 100), [0, 1]);
    assert.deepEqual(
      bandsOfLines(0, 10_000, 100),
      Array.from({ length: MAX_BANDS }, (_, i) => i),
    );
  });

  it('marks the bands of the replaced lines and of the lines the new text adds, and no others', () => {
    const signatures = ['a', 'b', 'c', 'd'];
    markEdited(signatures, event(40, [[9, 9, 'one more word']]));
    assert.deepEqual(signatures, ['a', EDITED, 'c', 'd']);
    markEdited(signatures, event(40, [[15, 15, 'a\nb\n']]));
    assert.deepEqual(signatures, ['a', EDITED, EDITED, 'd']);
    assert.deepEqual(changedBands(['a', 'b', 'c', 'd'], signatures), [1, 2]);
  });

  it('sends an edited band again even when it now holds nothing', () => {
    const signatures: (string | undefined)[] = ['a'];
    markEdited(signatures, event(10, [[0, 0, 'x']]));
    assert.deepEqual(changedBands([], signatures), [0]);
  });
});
