import { strict as assert } from 'node:assert';
import { formatPlodConll, parseConll } from '../../../src/core/eval/conll';
import {
  correctionRecord,
  feedbackRecord,
  feedbackToConll,
  parseFeedback,
  type Correction,
} from '../../../src/feedback/record';

const SOURCE =
  '\\section{Intro}\nWe used a convolutional neural network (\\textbf{CNN}). The CNN won.\n\nOther text here.';
const LF = SOURCE.indexOf('convolutional');
const AC = SOURCE.indexOf('CNN');
const correction = (over: Partial<Correction>): Correction => ({
  source: SOURCE,
  lang: 'latex',
  span: { start: LF, end: LF + 28 },
  label: 'LF',
  modelSpans: [
    { label: 'LF', start: LF + 14, end: LF + 28 },
    { label: 'AC', start: AC, end: AC + 3 },
  ],
  file: 'papers/a.tex',
  model: 'rules',
  ...over,
});

describe('correctionRecord', () => {
  it('keeps the prose sentence around the span, relabels its words and records the model tags', () => {
    assert.deepEqual(correctionRecord(correction({}), new Date(0)), {
      time: '1970-01-01T00:00:00.000Z',
      model: 'rules',
      comment: null,
      text: 'We used a convolutional neural network (CNN).',
      span: { start: 10, end: 38 },
      span_text: 'convolutional neural network',
      label: 'LF',
      tokens: ['We', 'used', 'a', 'convolutional', 'neural', 'network', '(', 'CNN', ')', '.'],
      ner_tags: [null, null, null, 'B-LF', 'I-LF', 'I-LF', null, null, null, null],
      file: 'papers/a.tex',
      source_span: { start: 26, end: 54 },
      model_tags: ['B-O', 'B-O', 'B-O', 'B-O', 'B-LF', 'I-LF', 'B-O', 'B-AC', 'B-O', 'B-O'],
    });
  });

  it('widens a span that cuts a word to the whole word', () => {
    const record = correctionRecord(correction({ span: { start: AC + 1, end: AC + 2 }, label: 'O' }));
    assert.equal(record.span_text, 'CNN');
    assert.deepEqual(record.ner_tags, [null, null, null, null, null, null, null, 'B-O', null, null]);
  });

  it('refuses a span with no prose word (markup only)', () => {
    assert.throws(
      () => correctionRecord(correction({ span: { start: 1, end: 8 } })),
      /holds no word the model reads/,
    );
  });
});

describe('feedbackRecord', () => {
  it('refuses an empty span or one outside the text', () => {
    assert.throws(() => feedbackRecord({ text: 'abc', span: { start: 2, end: 9 }, label: 'AC' }), RangeError);
    assert.throws(() => feedbackRecord({ text: 'abc', span: { start: 1, end: 1 }, label: 'AC' }), RangeError);
  });
});

describe('feedbackToConll', () => {
  it('writes token POS tag lines that parseConll reads back with the corrected labels on the right words', () => {
    const first = correctionRecord(correction({}));
    const second = correctionRecord(correction({ span: { start: AC, end: AC + 3 }, label: 'O' }));
    const other = correctionRecord(
      correction({ span: { start: SOURCE.indexOf('Other'), end: SOURCE.indexOf('Other') + 5 }, label: 'AC' }),
    );
    const lines = [first, second, other].map((r) => JSON.stringify(r)).join('\n') + '\n';
    const conll = feedbackToConll(parseFeedback(lines));
    assert.equal(
      conll,
      'We X B-O\nused X B-O\na X B-O\nconvolutional X B-LF\nneural X I-LF\nnetwork X I-LF\n( X B-O\nCNN X B-O\n) X B-O\n. X B-O\n' +
        '\nOther X B-AC\ntext X B-O\nhere X B-O\n. X B-O\n',
    );
    assert.deepEqual(parseConll(conll), [
      {
        tokens: ['We', 'used', 'a', 'convolutional', 'neural', 'network', '(', 'CNN', ')', '.'],
        tags: ['O', 'O', 'O', 'B-LF', 'I-LF', 'I-LF', 'O', 'O', 'O', 'O'],
      },
      { tokens: ['Other', 'text', 'here', '.'], tags: ['B-AC', 'O', 'O', 'O'] },
    ]);
  });

  it('starts a span cut by a correction with B-, and reads server records (no model tags) as B-O elsewhere', () => {
    const cut = correctionRecord(correction({ span: { start: LF + 14, end: LF + 20 }, label: 'O' }));
    assert.match(feedbackToConll([cut]), /\nneural X B-O\nnetwork X B-LF\n/);
    const server = feedbackRecord({ text: 'The BMI rose.', span: { start: 4, end: 7 }, label: 'AC' });
    assert.equal(feedbackToConll([server]), 'The X B-O\nBMI X B-AC\nrose X B-O\n. X B-O\n');
  });

  it('names a broken line of the feedback file', () => {
    assert.throws(() => parseFeedback('{}\n\nnot json\n'), /line 3 is not JSON/);
  });
});

describe('formatPlodConll', () => {
  it('writes B-O for O, the given POS, and refuses tokens with spaces', () => {
    assert.equal(
      formatPlodConll([{ tokens: ['a', 'b'], tags: ['O', 'B-AC'], pos: ['DET', 'PROPN'] }]),
      'a DET B-O\nb PROPN B-AC\n',
    );
    assert.throws(() => formatPlodConll([{ tokens: ['a b'], tags: ['O'] }]), /holds a space/);
    assert.throws(() => formatPlodConll([{ tokens: ['a'], tags: [] }]), /1 tokens but 0 tags/);
  });
});
