/**
 * The text of a PDF paper, with pdf.js (pdfjs-dist): each page's text items put in reading order
 * (`layout.ts`), paragraphs apart by a blank line. A PDF with no text layer (a scan) or one that needs a
 * password gives a `PdfError` that says so.
 */
import './domStubs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
import { paragraphsOf, readingOrder, type TextItem } from './layout';

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfWorker;

export type PdfErrorKind = 'encrypted' | 'no-text' | 'invalid';

export class PdfError extends Error {
  override name = 'PdfError';
  constructor(
    readonly kind: PdfErrorKind,
    message: string,
  ) {
    super(message);
  }
}

export interface PdfText {
  text: string;
  pages: number;
}

/** Fewer letters than this per page, on average, is a scan (page numbers and stray marks aside). */
const MIN_LETTERS_PER_PAGE = 20;

export async function extractPdfText(data: Uint8Array, name: string): Promise<PdfText> {
  let document: Awaited<ReturnType<typeof pdfjs.getDocument>['promise']>;
  try {
    document = await pdfjs.getDocument({
      data: new Uint8Array(data),
      verbosity: 0,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
    }).promise;
  } catch (error) {
    throw openError(error, name);
  }
  try {
    const pages = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const { width, height } = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items: TextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [a, b, , d, x, y] = item.transform as number[];
        const size = Math.hypot(a, b) || Math.abs(d);
        items.push({ text: item.str, x, y, width: item.width, size });
      }
      pages.push(readingOrder(items, { width, height }));
      page.cleanup();
    }
    const text = paragraphsOf(pages).join('\n\n');
    const letters = text.match(/\p{L}/gu)?.length ?? 0;
    if (letters < MIN_LETTERS_PER_PAGE * document.numPages)
      throw new PdfError(
        'no-text',
        `${name} has no text layer: it looks like a scan. Run OCR on it first (for example with ocrmypdf), then open it again.`,
      );
    return { text: `${text}\n`, pages: document.numPages };
  } finally {
    await document.destroy();
  }
}

function openError(error: unknown, name: string): Error {
  const kind = (error as { name?: string })?.name;
  if (kind === 'PasswordException')
    return new PdfError(
      'encrypted',
      `${name} is encrypted with a password, so its text cannot be read. Remove the password (for example with qpdf --decrypt) and open it again.`,
    );
  if (kind === 'InvalidPDFException' || kind === 'FormatError')
    return new PdfError('invalid', `${name} is not a valid PDF file (${(error as Error).message})`);
  return new PdfError(
    'invalid',
    `${name} could not be read as a PDF: ${(error as Error)?.message ?? String(error)}`,
  );
}
