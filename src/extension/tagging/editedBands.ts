import type * as vscode from 'vscode';
import { bandsOfLines, EDITED } from '../../core/bands';

/** Marks the bands an edit touched in `signatures` (what each band was last sent as), so they are sent again. */
export function markEdited(signatures: (string | undefined)[], event: vscode.TextDocumentChangeEvent): void {
  const lineCount = event.document.lineCount;
  for (const change of event.contentChanges) {
    const first = change.range.start.line;
    const last = first + (change.text.match(/\n/g)?.length ?? 0) + (change.range.end.line - first);
    for (const band of bandsOfLines(first, last, lineCount)) signatures[band] = EDITED;
  }
}
