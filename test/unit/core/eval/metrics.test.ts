import { strict as assert } from 'node:assert';
import { parseConll } from '../../../../src/core/eval/conll';
import { evaluate, formatEvaluation } from '../../../../src/core/eval/metrics';
import type { Tag } from '../../../../src/core/types';

const close = (actual: number, expected: number): void =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual}`);

describe('evaluate', () => {
  const gold: Tag[][] = [['B-AC', 'B-AC', 'O', 'B-LF', 'I-LF', 'O']];
  const pred: Tag[][] = [['B-AC', 'O', 'O', 'B-LF', 'I-LF', 'I-LF']];

  it('scores exact span matches per label and micro over both', () => {
    const e = evaluate(gold, pred);
    assert.deepEqual(
      { tp: e.perLabel.AC.tp, fp: e.perLabel.AC.fp, fn: e.perLabel.AC.fn },
      { tp: 1, fp: 0, fn: 1 },
    );
    assert.equal(e.perLabel.AC.precision, 1);
    assert.equal(e.perLabel.AC.recall, 0.5);
    close(e.perLabel.AC.f1, 2 / 3);
    assert.deepEqual(e.perLabel.LF, { precision: 0, recall: 0, f1: 0, tp: 0, fp: 1, fn: 1 });
    assert.deepEqual({ tp: e.micro.tp, fp: e.micro.fp, fn: e.micro.fn }, { tp: 1, fp: 1, fn: 2 });
    assert.equal(e.micro.precision, 0.5);
    close(e.micro.recall, 1 / 3);
    close(e.micro.f1, 0.4);
  });

  it('builds a token confusion matrix over the tags that occur, rows gold and columns predicted', () => {
    const { confusion } = evaluate(gold, pred);
    assert.deepEqual(confusion.labels, ['O', 'B-AC', 'B-LF', 'I-LF']);
    assert.deepEqual(confusion.counts, [
      [1, 0, 0, 1],
      [1, 1, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 1],
    ]);
  });

  it('counts an orphan I-LF prediction as a span of its own', () => {
    const e = evaluate([['O', 'B-LF', 'I-LF']], [['O', 'O', 'I-LF']]);
    assert.deepEqual(
      { tp: e.perLabel.LF.tp, fp: e.perLabel.LF.fp, fn: e.perLabel.LF.fn },
      { tp: 0, fp: 1, fn: 1 },
    );
    const exact = evaluate([['O', 'I-LF', 'I-LF']], [['O', 'B-LF', 'I-LF']]);
    assert.equal(exact.perLabel.LF.tp, 1);
  });

  it('reads PLOD B-O as outside, never as a class', () => {
    const [sentence] = parseConll('a X B-O\nGYPES X B-AC\nb X B-O\n');
    const e = evaluate([sentence.tags!], [['O', 'B-AC', 'O']]);
    assert.equal(e.micro.f1, 1);
    assert.deepEqual({ tp: e.micro.tp, fp: e.micro.fp, fn: e.micro.fn }, { tp: 1, fp: 0, fn: 0 });
    assert.deepEqual(Object.keys(e.perLabel).sort(), ['AC', 'LF']);
  });

  it('gives precision 0 and F1 0 when nothing is predicted', () => {
    const e = evaluate([['B-AC', 'O']], [['O', 'O']]);
    assert.deepEqual(e.perLabel.AC, { precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 1 });
    assert.deepEqual(e.perLabel.LF, { precision: 0, recall: 0, f1: 0, tp: 0, fp: 0, fn: 0 });
  });

  it('throws when sentence counts or lengths differ', () => {
    assert.throws(() => evaluate([['O']], []), /1 gold sentences but 0 predicted/);
    assert.throws(
      () => evaluate([['O'], ['O', 'O']], [['O'], ['O']]),
      /sentence 2 has 2 gold tags but 1 predicted/,
    );
  });
});

describe('formatEvaluation', () => {
  it('prints P, R, F1 with four decimals, the counts, and an aligned confusion matrix', () => {
    const text = formatEvaluation(
      evaluate([['B-AC', 'B-AC', 'O', 'B-LF', 'I-LF', 'O']], [['B-AC', 'O', 'O', 'B-LF', 'I-LF', 'I-LF']]),
    );
    const lines = text.split('\n');
    assert.match(lines[0], /^label\s+P\s+R\s+F1\s+tp\s+fp\s+fn$/);
    assert.match(lines[1], /^AC\s+1\.0000\s+0\.5000\s+0\.6667\s+1\s+0\s+1$/);
    assert.match(lines[2], /^LF\s+0\.0000\s+0\.0000\s+0\.0000\s+0\s+1\s+1$/);
    assert.match(lines[3], /^micro\s+0\.5000\s+0\.3333\s+0\.4000\s+1\s+1\s+2$/);
    const matrix = lines.slice(lines.findIndex((l) => l.startsWith('gold')));
    assert.match(matrix[0], /^gold \\ pred\s+O\s+B-AC\s+B-LF\s+I-LF$/);
    assert.match(matrix[1], /^O\s+1\s+0\s+0\s+1$/);
    const widths = new Set(matrix.filter((l) => l !== '').map((l) => l.length));
    assert.equal(widths.size, 1, 'matrix rows have equal width');
  });
});
