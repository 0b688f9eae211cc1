import * as vscode from 'vscode';
import { formatSize, MAX_PDF_BYTES } from '../../core/textFile';
import type { Log } from '../log';
import * as path from 'node:path';
import type { PdfRequest } from '../../worker/pdf';
import { ThreadClient, ThreadError } from '../../worker/threads';

export const PDF_SCHEME = 'plod-pdf';

/**
 * "PLOD: Open PDF as Text": a PDF's text as a read-only document (`plod-pdf:` URIs, named after the PDF with
 * `.txt` added, so it is plain text to VS Code), which is tagged, hovered and shown in the glossary like any
 * other. The text is kept for each PDF opened; after a reload it is read again from the PDF.
 */
export class PdfDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  /** pdf.js in a worker thread, started on the first PDF and stopped when idle: its 3 MB never load at activation. */
  private readonly reader: ThreadClient<PdfRequest, string>;
  /** What the last PDF that could not be read showed the user. */
  lastProblem: string | undefined;

  constructor(
    distFolder: string,
    private readonly log: Log,
  ) {
    this.reader = new ThreadClient(path.join(distFolder, 'pdf-worker.js'), 'the PDF reader', true);
  }

  register(): vscode.Disposable[] {
    return [
      vscode.workspace.registerTextDocumentContentProvider(PDF_SCHEME, this),
      vscode.commands.registerCommand('plodTagger.openPdf', (uri?: vscode.Uri) => this.open(uri)),
      this,
    ];
  }

  /** The text document of a PDF, opened in an editor; undefined when the user cancelled or it has no text. */
  async open(pdf?: vscode.Uri): Promise<vscode.TextDocument | undefined> {
    const chosen = pdf ?? (await this.choose());
    if (!chosen) return undefined;
    const uri = textUri(chosen);
    try {
      this.texts.set(uri.toString(), await this.extract(chosen));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof ThreadError && error.kind === 'cancelled') return undefined;
      this.lastProblem = message;
      this.log.error(`PDF ${chosen.toString(true)}: ${message}`);
      void vscode.window.showErrorMessage(`PLOD Tagger: ${message}`);
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    return document;
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const known = this.texts.get(uri.toString());
    if (known !== undefined) return known;
    const text = await this.extract(pdfUri(uri));
    this.texts.set(uri.toString(), text);
    return text;
  }

  private async choose(): Promise<vscode.Uri | undefined> {
    const [picked] =
      (await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { 'PDF papers': ['pdf'] },
        openLabel: 'Open as Text',
      })) ?? [];
    return picked;
  }

  private async extract(pdf: vscode.Uri): Promise<string> {
    const name = pdf.path.split('/').pop() ?? pdf.path;
    const stat = await vscode.workspace.fs.stat(pdf);
    if (stat.size > MAX_PDF_BYTES)
      throw new ThreadError(
        'too-large',
        `${name} is ${formatSize(stat.size)}; the limit is ${formatSize(MAX_PDF_BYTES)}`,
      );
    const started = performance.now();
    const text = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Reading ${name}`, cancellable: true },
      async (_progress, token) => {
        const cancel = token.onCancellationRequested(() => this.reader.cancel());
        try {
          return await this.reader.request({ data: await vscode.workspace.fs.readFile(pdf), name });
        } finally {
          cancel.dispose();
        }
      },
    );
    this.log.info(
      `PDF ${name}: ${text.length} characters of text in ${(performance.now() - started).toFixed(0)} ms`,
    );
    return text;
  }

  dispose(): void {
    this.reader.dispose();
    this.texts.clear();
  }
}

/** `plod-pdf:/papers/a.pdf.txt?<the PDF's URI>`: plain text by its name, the PDF in its query. */
export function textUri(pdf: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: PDF_SCHEME, path: `${pdf.path}.txt`, query: pdf.toString() });
}

function pdfUri(text: vscode.Uri): vscode.Uri {
  return vscode.Uri.parse(text.query, true);
}
