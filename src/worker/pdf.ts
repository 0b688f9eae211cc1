/**
 * The extension's PDF reader, in a worker thread so that pdf.js never blocks the extension host: it gets a
 * PDF's bytes and answers with its text, or with the PdfError's kind and message.
 */
import { parentPort } from 'node:worker_threads';
import { extractPdfText, PdfError } from '../core/pdf/extract';
import { serveRequests } from './threads';

export interface PdfRequest {
  name: string;
  data: Uint8Array;
}

if (parentPort)
  serveRequests(
    parentPort,
    async (request: PdfRequest) => (await extractPdfText(request.data, request.name)).text,
    (error) => (error instanceof PdfError ? error.kind : 'invalid'),
  );
