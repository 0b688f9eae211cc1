import { strict as assert } from 'node:assert';
import { mergeGlossaries } from '../../../../src/core/glossary/merge';
import { documentNodes, workspaceNodes, type TaggedFile } from '../../../../src/extension/glossary/tree';
import type { FileGlossary } from '../../../../src/core/types';

const A: FileGlossary = {
  file: 'a.md',
  entries: [
    { short: 'CNN', long: 'convolutional neural network', count: 2, definition: { start: 10, end: 38 } },
    { short: 'OR', long: null, count: 1, definition: null },
  ],
};
const B: FileGlossary = {
  file: 'b.tex',
  entries: [{ short: 'CNN', long: 'cable news network', count: 1, definition: { start: 0, end: 18 } }],
};
const FILES: TaggedFile[] = [
  {
    uri: 'file:///w/a.md',
    file: 'a.md',
    locations: {
      CNN: { range: { start: 10, end: 38 }, line: 3, isDefinition: true },
      OR: { range: { start: 50, end: 52 }, line: 4, isDefinition: false },
    },
  },
  {
    uri: 'file:///w/b.tex',
    file: 'b.tex',
    locations: { CNN: { range: { start: 0, end: 18 }, line: 1, isDefinition: true } },
  },
];
const reveal = (uri: string, start: number, end: number) => ({
  command: 'plodTagger.glossary.reveal',
  title: 'Show',
  arguments: [{ uri, start, end }] as [{ uri: string; start: number; end: number }],
});

describe('glossary view rows', () => {
  it('document: one row per abbreviation, revealing the definition or the first mention', () => {
    assert.deepEqual(documentNodes('file:///w/a.md', 'a.md', A.entries, FILES[0].locations), [
      {
        id: 'document:CNN',
        label: 'CNN',
        description: 'convolutional neural network · 2 mentions',
        tooltip: 'CNN: convolutional neural network\n2 mentions; defined on line 3 of a.md',
        command: reveal('file:///w/a.md', 10, 38),
        children: [],
      },
      {
        id: 'document:OR',
        label: 'OR',
        description: '(no long form) · 1 mention',
        tooltip: 'OR: no long form found\n1 mention; not defined; first mentioned on line 4 of a.md',
        command: reveal('file:///w/a.md', 50, 52),
        children: [],
      },
    ]);
  });

  it('workspace: abbreviations A–Z with their files, and conflicting long forms flagged', () => {
    assert.deepEqual(workspaceNodes(mergeGlossaries([A, B]), FILES), [
      {
        id: 'workspace:CNN',
        label: 'CNN',
        description: 'convolutional neural network · 3 mentions in 2 files · 2 long forms',
        tooltip:
          'CNN: convolutional neural network\nLong forms: convolutional neural network; cable news network\n' +
          '3 mentions in 2 files\ndefined on line 3 of a.md',
        command: reveal('file:///w/a.md', 10, 38),
        children: [
          {
            id: 'workspace:CNN:a.md',
            label: 'a.md',
            description: '2 mentions · defined on line 3',
            tooltip: 'CNN in a.md: convolutional neural network\n2 mentions; defined on line 3',
            command: reveal('file:///w/a.md', 10, 38),
            children: [],
          },
          {
            id: 'workspace:CNN:b.tex',
            label: 'b.tex',
            description: '1 mention · defined on line 1 · as "cable news network"',
            tooltip: 'CNN in b.tex: cable news network\n1 mention; defined on line 1',
            command: reveal('file:///w/b.tex', 0, 18),
            children: [],
          },
        ],
      },
      {
        id: 'workspace:OR',
        label: 'OR',
        description: '(no long form) · 1 mention in 1 file',
        tooltip:
          'OR: no long form found\n1 mention in 1 file\nnot defined; first mentioned on line 4 of a.md',
        command: reveal('file:///w/a.md', 50, 52),
        children: [
          {
            id: 'workspace:OR:a.md',
            label: 'a.md',
            description: '1 mention · first on line 4',
            tooltip: 'OR in a.md: no long form found\n1 mention; not defined; first mentioned on line 4',
            command: reveal('file:///w/a.md', 50, 52),
            children: [],
          },
        ],
      },
    ]);
  });
});
