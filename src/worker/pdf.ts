/**
 * The extension's PDF reader, in a worker thread so that pdf.js never blocks the extension host: it gets a
 * PDF's bytes and answers with its text, or with the PdfError's kind and message.
 */
import { parentPort } from 'node:worker_threads';
import { extractPdfText, PdfError } from '../core/pdf/extract';

export interface PdfRequest {
  id: number;
  name: string;
  data: Uint8Array;
}

export type PdfReply =
  { id: number; text: string; pages: number } | { id: number; error: { kind: string; message: string } };

parentPort?.on('message', (request: PdfRequest) => {
  extractPdfText(request.data, request.name).then(
    ({ text, pages }) => parentPort?.postMessage({ id: request.id, text, pages } satisfies PdfReply),
    (error: unknown) =>
      parentPort?.postMessage({
        id: request.id,
        error: {
          kind: error instanceof PdfError ? error.kind : 'invalid',
          message: error instanceof Error ? error.message : String(error),
        },
      } satisfies PdfReply),
  );
});
