import { strict as assert } from 'node:assert';
import type { AnalysedSpan, Analysis } from '../../../src/core/analyze';
import { analyse } from '../../../src/core/analyze';
import {
  applyAnalysisDelta,
  applyList,
  applyTextDelta,
  diffAnalysis,
  diffList,
  diffText,
  editPlace,
  movePlain,
  sameMovedPlain,
} from '../../../src/core/delta';
import { RulesTagger } from '../../../src/core/taggers/rules';
import type { GlossaryEntry } from '../../../src/core/types';
import { sent } from '../../support/listDelta';

/** Over IPC the deltas travel as JSON. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function randomText(random: () => number, length: number): string {
  const alphabet = ['a', 'B', ' ', '\n', '\r\n', 'é', '😀', '(', 'MRI'];
  return Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
}

/** A small seeded generator, so that a failure can be replayed. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

const span = (start: number, end: number, label: 'AC' | 'LF' = 'AC', text = 'X'): AnalysedSpan => ({
  start,
  end,
  label,
  text,
  score: 1,
  source: 'model',
});

const analysis = (spans: AnalysedSpan[]): Analysis => ({
  model: 'rules',
  lang: 'plaintext',
  spans,
  glossary: [],
  words: 10,
  sentences: 1,
  paragraphs: 1,
  taggedParagraphs: 1,
});

const OPTIONS = { lang: 'plaintext' } as const;

describe('deltas between versions of a text and its analysis', () => {
  it('rebuild every edit of a text exactly, emoji and CRLF included, after a trip through JSON', () => {
    const random = seeded(7);
    for (let i = 0; i < 2000; i++) {
      const before = randomText(random, Math.floor(random() * 30));
      const at = Math.floor(random() * (before.length + 1));
      const cut = Math.floor(random() * 4);
      const after =
        before.slice(0, at) + randomText(random, Math.floor(random() * 4)) + before.slice(at + cut);
      const delta = wire(diffText(before, after));
      assert.equal(applyTextDelta(before, delta), after, JSON.stringify({ before, after, delta }));
      assert.ok(delta.insert.length <= after.length);
    }
  });

  it('send only what an edit in the middle of a long text inserts', () => {
    const before = 'First paragraph.\n\n'.repeat(1000);
    const after = before.slice(0, 9000) + 'The MRI scan. ' + before.slice(9000);
    assert.deepEqual(diffText(before, after), {
      keepStart: 9000,
      keepEnd: before.length - 9000,
      insert: 'The MRI scan. ',
    });
  });

  it('refuse a text delta that does not fit the text it is applied to', () => {
    assert.throws(() => applyTextDelta('short', { keepStart: 4, keepEnd: 4, insert: '' }), /does not fit/);
  });

  it('keep the spans before an edit, move those after it, and send the rest', () => {
    const before = analysis([span(0, 3), span(10, 13), span(20, 23), span(30, 33, 'LF')]);
    // Five characters inserted at 15: the span at 20 is retagged as a long form; the one at 30 only moves.
    const after = analysis([span(0, 3), span(10, 13), span(25, 28, 'LF'), span(35, 38, 'LF')]);
    const delta = wire(diffAnalysis(before, after, { from: 15, shift: 5 }));
    assert.deepEqual(delta.spans, { length: 4, hunks: [{ at: 2, remove: 1, items: [span(25, 28, 'LF')] }] });
    assert.deepEqual(applyAnalysisDelta(before, delta), after);
  });

  it('rebuild the analysis whatever the shift, and notice a changed field other than the offsets', () => {
    const before = analysis([span(0, 3), span(10, 13), span(20, 23)]);
    const after = analysis([span(0, 3), { ...span(10, 13), short: 'ABC' }, span(20, 23)]);
    for (const shift of [0, 3, -2])
      assert.deepEqual(
        applyAnalysisDelta(before, wire(diffAnalysis(before, after, { from: 14, shift }))),
        after,
      );
    assert.deepEqual(diffAnalysis(before, after, { from: 14, shift: 0 }).spans.hunks, [
      { at: 1, remove: 1, items: [{ ...span(10, 13), short: 'ABC' }] },
    ]);
  });

  it('send only the glossary entries an edit changed, and move the definitions after it', () => {
    const entry = (short: string, count: number, at: number | null): GlossaryEntry => ({
      short,
      long: at === null ? null : `${short} long form`,
      count,
      definition: at === null ? null : { start: at, end: at + 12 },
    });
    const before = {
      ...analysis([]),
      glossary: [entry('AB', 2, 0), entry('CD', 1, 40), entry('EF', 3, 80), entry('GH', 1, null)],
    };
    // Ten characters inserted at 50: CD (defined before it) is mentioned once more; EF's definition moves.
    const after = {
      ...analysis([]),
      glossary: [entry('AB', 2, 0), entry('CD', 2, 40), entry('EF', 3, 90), entry('GH', 1, null)],
    };
    const delta = wire(diffAnalysis(before, after, { from: 50, shift: 10 }));
    assert.deepEqual(delta.glossary, {
      length: 4,
      hunks: [{ at: 1, remove: 1, items: [entry('CD', 2, 40)] }],
    });
    assert.deepEqual(applyAnalysisDelta(before, delta), after);
  });

  it('send only the new entry when an entry before it in the glossary is defined after the edit', () => {
    const entry = (short: string, at: number | null): GlossaryEntry => ({
      short,
      long: at === null ? null : `${short} long form`,
      count: 1,
      definition: at === null ? null : { start: at, end: at + 12 },
    });
    // AB is mentioned first but defined at 80, after the edit at 50, which defines XY.
    const before = { ...analysis([]), glossary: [entry('AB', 80), entry('CD', 20), entry('EF', 100)] };
    const after = {
      ...analysis([]),
      glossary: [entry('AB', 90), entry('CD', 20), entry('XY', 52), entry('EF', 110)],
    };
    const delta = wire(diffAnalysis(before, after, { from: 50, shift: 10 }));
    assert.deepEqual(delta.glossary, { length: 3, hunks: [{ at: 2, remove: 0, items: [entry('XY', 52)] }] });
    assert.deepEqual(applyAnalysisDelta(before, delta), after);
  });

  it('send a few glossary entries, not every one after the first moved, when a paper gains a definition', async () => {
    const paper = Array.from(
      { length: 40 },
      (_, i) => `Part ${i} uses ECG${i}. The support vector machine (SVM${i}) and the SVM${i} again.`,
    );
    // Each ECG is defined at the end, after every edit in the middle.
    paper.push(paper.map((_, i) => `The early cardiac graph (ECG${i}).`).join(' '));
    const text = paper.join('\n\n');
    const edited = text.replace('Part 20 ', 'Part 20 and the heart rate (HR) ');
    const tagger = new RulesTagger();
    const [before, after] = [await analyse(text, tagger, OPTIONS), await analyse(edited, tagger, OPTIONS)];
    const delta = wire(diffAnalysis(before, after, editPlace(text, edited)));
    assert.ok(sent(delta.glossary) <= 2, `${sent(delta.glossary)} glossary entries sent`);
    assert.deepEqual(applyAnalysisDelta(wire(before), delta), wire(after));
  });

  it('refuse an analysis delta that does not fit the analysis it is applied to', () => {
    const delta = diffAnalysis(analysis([span(0, 1), span(2, 3)]), analysis([span(0, 1), span(2, 3)]), {
      from: 3,
      shift: 0,
    });
    assert.throws(() => applyAnalysisDelta(analysis([]), delta), /does not fit/);
  });

  it('send the spans of an edit and of a far place it changed, and nothing between them', () => {
    const before = analysis(Array.from({ length: 200 }, (_, i) => span(i * 10, i * 10 + 3)));
    // Four characters inserted at 1005 (inside span 100's paragraph), which also relabels span 190.
    const after = analysis(
      before.spans.map((s, i) => {
        const moved = i > 100 ? { ...s, start: s.start + 4, end: s.end + 4 } : s;
        if (i === 100) return { ...moved, end: moved.end + 4, text: 'XYZW' };
        return i === 190 ? { ...moved, label: 'LF' as const } : moved;
      }),
    );
    const delta = wire(diffAnalysis(before, after, { from: 1005, shift: 4 }));
    assert.deepEqual(
      delta.spans.hunks.map(({ at, remove, items }) => [at, remove, items.length]),
      [
        [100, 1, 1],
        [190, 1, 1],
      ],
    );
    assert.deepEqual(applyAnalysisDelta(before, delta), after);
  });

  it('rebuild any list from its list delta, sending no more than the edits made', () => {
    const random = seeded(7);
    for (let round = 0; round < 400; round++) {
      const before = Array.from({ length: Math.floor(random() * 60) }, () => Math.floor(random() * 8));
      const after = [...before];
      const edits = Math.floor(random() * (round % 10 === 0 ? 120 : 6));
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(random() * (after.length + 1));
        if (random() < 0.5 && at < after.length) after.splice(at, 1);
        else after.splice(at, 0, 10 + Math.floor(random() * 8));
      }
      const delta = wire(diffList(before, after, (a, b) => a === b));
      assert.deepEqual(
        applyList(before, delta, (x) => x),
        after,
        JSON.stringify({ before, after, delta }),
      );
      const changed = delta.hunks.reduce((sum, hunk) => sum + hunk.remove + hunk.items.length, 0);
      if (edits <= 30) assert.ok(changed <= edits, `${changed} items changed for ${edits} edits`);
      assert.ok(delta.hunks.every((hunk, i) => i === 0 || hunk.at > delta.hunks[i - 1].at));
    }
  });

  it('move every item a list delta keeps, and none it replaces', () => {
    const delta = diffList([1, 2, 3, 4], [1, 20, 4], (a, b) => a === b);
    assert.deepEqual(
      applyList([1, 2, 3, 4], delta, (x) => x + 100),
      [101, 20, 104],
    );
  });

  it('refuse a list delta made for another list, or with hunks out of order', () => {
    const delta = diffList([1, 2, 3], [1, 3], (a, b) => a === b);
    assert.throws(() => applyList([1, 2], delta, (x) => x), /does not fit/);
    const crossed = {
      length: 3,
      hunks: [
        { at: 2, remove: 1, items: [] },
        { at: 1, remove: 0, items: [9] },
      ],
    };
    assert.throws(() => applyList([1, 2, 3], crossed, (x) => x), /does not fit/);
  });

  it('move every range in plain data, nested or not, and leave what the edit does not reach as it was', () => {
    const finding = {
      code: 'undefined',
      range: { start: 10, end: 13 },
      related: [
        { message: 'defined here', range: { start: 40, end: 52 } },
        { message: 'and here', range: { start: 5, end: 8 } },
      ],
    };
    const edit = { from: 20, shift: 3 };
    const moved = movePlain(finding, edit);
    assert.deepEqual(moved.related[0].range, { start: 43, end: 55 });
    assert.equal(moved.range, finding.range);
    assert.equal(moved.related[1], finding.related[1]);
    assert.deepEqual(finding.related[0].range, { start: 40, end: 52 }, 'the original is not changed');
    assert.equal(movePlain(finding, { from: 60, shift: 3 }), finding);
  });

  it('compare plain data as if moved exactly when moving it and comparing would say they are equal', () => {
    const random = seeded(11);
    const value = (depth: number): unknown => {
      const pick = random();
      if (depth > 2 || pick < 0.3) return [1, 'a', null, true, 25][Math.floor(random() * 5)];
      if (pick < 0.45) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
      const fields: Record<string, unknown> = {};
      if (random() < 0.6)
        Object.assign(fields, { start: Math.floor(random() * 40), end: Math.floor(random() * 40) });
      for (const key of ['x', 'y'].slice(0, Math.floor(random() * 3))) fields[key] = value(depth + 1);
      return fields;
    };
    const mutate = (v: unknown): unknown => {
      if (random() < 0.15) return value(2);
      if (Array.isArray(v)) return random() < 0.1 ? v.slice(1) : v.map(mutate);
      if (typeof v !== 'object' || v === null) return v;
      const copy = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mutate(x)]));
      if (random() < 0.05) copy.extra = 1;
      return copy;
    };
    let equal = 0;
    for (let round = 0; round < 3000; round++) {
      const edit = { from: Math.floor(random() * 40), shift: Math.floor(random() * 7) - 3 };
      const a = value(0);
      const b = random() < 0.4 ? movePlain(a, edit) : mutate(movePlain(a, edit));
      const expected = JSON.stringify(movePlain(a, edit)) === JSON.stringify(b);
      assert.equal(sameMovedPlain(a, b, edit), expected, JSON.stringify({ a, b, edit }));
      if (expected) equal++;
    }
    assert.ok(equal > 500 && equal < 2500, `${equal} of 3000 equal: both answers are tried`);
  });
});
