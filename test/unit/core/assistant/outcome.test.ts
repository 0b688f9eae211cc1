import { strict as assert } from 'node:assert';
import { analyse } from '../../../../src/core/analyze';
import {
  applyAssistDelta,
  assistOutcome,
  diffAssist,
  sameAssistOptions,
} from '../../../../src/core/assistant/outcome';
import { editPlace } from '../../../../src/core/delta';
import { RulesTagger } from '../../../../src/core/taggers/rules';
import { sent } from '../../../support/listDelta';

/** Over IPC the findings travel as JSON. */
const wire = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
const OPTIONS = { disabledRules: [], wellKnown: [] };

async function findings(text: string) {
  const analysis = await analyse(text, new RulesTagger(), { lang: 'plaintext' });
  return assistOutcome(analysis, text, 'plaintext', OPTIONS);
}

const paper = Array.from(
  { length: 30 },
  (_, i) =>
    `Part ${i}. Each ECG${i} was read. The support vector machine (SVM${i}) and the SVM${i} again; ` +
    `a magnetic resonance imaging (MRI${i}) scan, then the magnetic resonance imaging protocol.`,
).join('\n\n');

describe('the assistant’s findings as a change after an edit', () => {
  for (const [name, edit, base] of [
    [
      'a definition added in the middle',
      (t: string) => t.replace('Part 15. ', 'Part 15. The heart rate (HR) rose. '),
    ],
    ['a paragraph removed', (t: string) => t.replace(/Part 7\. [^\n]*\n\n/, '')],
    ['a line added at the start', (t: string) => `A first line.\n\n${t}`],
    ['an abbreviation defined after its uses', (t: string) => `${t}\n\nThe electrocardiogram (ECG3).`],
    [
      'a definition added in the middle, with places after it that earlier findings point to',
      (t: string) => t.replace('Part 15. ', 'Part 15. The heart rate (HR) rose. '),
      `${paper}\n\n${Array.from({ length: 30 }, (_, i) => `The early cardiac graph (ECG${i}).`).join(' ')}`,
    ],
  ] as const) {
    it(`rebuilds the findings of the edited text from the old ones: ${name}`, async () => {
      const original = base ?? paper;
      const before = await findings(original);
      const text = edit(original);
      const after = await findings(text);
      const delta = wire(diffAssist(before, after, editPlace(original, text)));
      assert.deepEqual(applyAssistDelta(wire(before), delta), wire(after));
      // Messages name lines ("defined on line 12"): an edit that moves lines changes every one after it.
      if (text.split('\n').length === original.split('\n').length || text.startsWith(original))
        assert.ok(
          sent(delta.diagnostics) < after.diagnostics.length / 4,
          `${sent(delta.diagnostics)} of ${after.diagnostics.length} diagnostics sent`,
        );
    });
  }

  it('tells findings made with other settings from those made with the same ones, in any order', () => {
    const a = { disabledRules: ['single-use', 'undefined'] as const, wellKnown: ['ECG', 'HR'] };
    const b = { disabledRules: ['undefined', 'single-use'] as const, wellKnown: ['HR', 'ECG', 'HR'] };
    assert.ok(
      sameAssistOptions(
        { ...a, disabledRules: [...a.disabledRules] },
        { ...b, disabledRules: [...b.disabledRules] },
      ),
    );
    assert.ok(!sameAssistOptions(OPTIONS, { disabledRules: [], wellKnown: ['HR'] }));
    assert.ok(!sameAssistOptions(OPTIONS, { disabledRules: ['redefined'], wellKnown: [] }));
  });
});
