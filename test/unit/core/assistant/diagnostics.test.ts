import { strict as assert } from 'node:assert';
import {
  diagnose,
  diagnosisSteps,
  sortDiagnostics,
  type AssistDiagnostic,
} from '../../../../src/core/assistant/diagnostics';
import { lineOf } from '../../../../src/core/text/lines';
import { fixture, modelOf, textOf } from './helpers';

/** code, line, the text it marks, message, and the lines of its related places. */
function summary(
  source: string,
  diagnostics: AssistDiagnostic[],
): [string, number, string, string, number[]][] {
  return diagnostics.map((d) => [
    d.code,
    lineOf(source, d.range.start),
    textOf(source, d.range),
    d.message,
    d.related.map((r) => lineOf(source, r.range.start)),
  ]);
}

describe('assistant diagnostics', () => {
  it('finds every problem in the Markdown draft, in order, naming the place that matters', async () => {
    const source = fixture('draft.md');
    assert.deepEqual(summary(source, diagnose(await modelOf(source, 'markdown'))), [
      ['used-before-definition', 3, 'CNN', 'CNN is used before its definition on line 4', [4]],
      [
        'repeated-long-form',
        5,
        'Convolutional Neural Network',
        '“Convolutional Neural Network” is written out again; CNN is defined on line 4',
        [4],
      ],
      [
        'redefined',
        8,
        'MSE',
        'MSE is defined again as “mean signed error”, but on line 7 as “mean squared error”',
        [7],
      ],
      ['unused-definition', 10, 'SVM', 'SVM is defined on line 10 but never used', []],
      [
        'single-use',
        11,
        'RMS',
        'RMS is used only once, on line 11; the long form alone may read better',
        [11],
      ],
      ['undefined', 12, 'GPU', 'GPU is used once but never defined (first use on line 12)', []],
    ]);
  });

  it('finds every problem in the LaTeX draft, reading \\newacronym and \\ac but not comments', async () => {
    // The unused \newacronym{svm} is not one: glossaries prints only the entries used.
    const source = fixture('draft.tex');
    const rms = '\\newacronym{rms}{RMS}{root mean square}';
    assert.deepEqual(summary(source, diagnose(await modelOf(source, 'latex'))), [
      ['single-use', 4, rms, 'RMS is used only once, on line 14; the long form alone may read better', [14]],
      ['used-before-definition', 6, 'CNN', 'CNN is used before its definition on line 7', [7]],
      [
        'repeated-long-form',
        8,
        'convolutional neural network',
        '“convolutional neural network” is written out again; CNN is defined on line 7',
        [7],
      ],
      [
        'redefined',
        12,
        'MSE',
        'MSE is defined again as “mean signed error”, but on line 11 as “mean squared error”',
        [11],
      ],
      ['undefined', 15, 'GPU', 'GPU is used once but never defined (first use on line 15)', []],
    ]);
  });

  it('says when an abbreviation is defined twice with the same long form, and counts uses', async () => {
    const source = 'A body mass index (BMI). A BMI, a BMI. The Body Mass Index (BMI) again. A TLA, a TLA.';
    const found = diagnose(await modelOf(source));
    assert.deepEqual(summary(source, found), [
      ['redefined', 1, 'BMI', 'BMI is defined again; it is already defined on line 1', [1]],
      ['undefined', 1, 'TLA', 'TLA is used 2 times but never defined (first use on line 1)', [1]],
    ]);
    assert.deepEqual(found[0].range, {
      start: source.lastIndexOf('(BMI)') + 1,
      end: source.lastIndexOf('(BMI)') + 4,
    });
    assert.deepEqual(found[1].related[0].range, {
      start: source.lastIndexOf('TLA'),
      end: source.lastIndexOf('TLA') + 3,
    });
  });

  it('finds a repeated long form across a line break and in the plural, but not inside code', async () => {
    const source = [
      'A neural network (NN) learns.',
      'Neural',
      'networks and `neural network` and a neural networker. An NN, an NN.',
    ].join('\n');
    const found = diagnose(await modelOf(source, 'markdown'));
    assert.deepEqual(
      found.map((d) => [d.code, d.range, d.plural]),
      [['repeated-long-form', { start: source.indexOf('Neural'), end: source.indexOf(' and') }, true]],
    );
  });

  it('leaves out the codes that are switched off', async () => {
    const source = fixture('draft.md');
    const found = diagnose(await modelOf(source, 'markdown'), (code) => code === 'undefined');
    assert.deepEqual(
      found.map((d) => d.code),
      ['undefined'],
    );
  });

  it('comes in steps of one rule on one abbreviation, which together give what diagnose gives', async () => {
    // The extension runs the steps a few milliseconds at a time, so a long paper's checks never hold up typing.
    const model = await modelOf(fixture('draft.md'), 'markdown');
    const steps = [...diagnosisSteps(model)];
    const abbreviations = model.abbreviations.length;
    assert.ok(abbreviations >= 5);
    // Five rules on every abbreviation, the repeated long form on each defined one.
    assert.ok(steps.length > 5 * abbreviations && steps.length <= 6 * abbreviations, String(steps.length));
    assert.ok(steps.every((step) => step.length <= 2));
    assert.deepEqual(sortDiagnostics(steps.flat()), diagnose(model));
  });
});
