import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractPdfText, PdfError } from '../../../../src/core/pdf/extract';

const FIXTURES = path.join(__dirname, '..', '..', '..', 'fixtures', 'pdf');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

describe('PDF text (pdf.js on PDFs made with pdflatex)', () => {
  it('reads the two-column paper in reading order, hyphenation undone, footnote marks dropped', async () => {
    const { text, pages } = await extractPdfText(read('two-column.pdf'), 'two-column.pdf');
    assert.equal(pages, 1);
    assert.equal(text, fs.readFileSync(path.join(FIXTURES, 'two-column.txt'), 'utf8'));
    const paragraphs = text.trim().split('\n\n');
    assert.equal(paragraphs[0], 'Efficient Abbreviation Finding in Scientific Office Workflows');
    assert.ok(
      paragraphs.indexOf('2 Method') < paragraphs.indexOf('3 Results'),
      'the left column comes first',
    );
    for (const phrase of [
      'A support vector machine (SVM)',
      'insufficiently accurate',
      'interdisciplinary',
      'researchers write. The CNN',
    ])
      assert.ok(text.includes(phrase), phrase);
    assert.doesNotMatch(text, /\w- \w|\uFB01|\uFB03/);
    assert.ok(
      paragraphs.includes(
        'The natural language processing (NLP) community calls this task abbreviation detection.',
      ),
    );
  });

  it('says a scan has no text layer, an encrypted PDF needs its password, and other files are no PDF', async () => {
    await assert.rejects(extractPdfText(read('scanned.pdf'), 'scanned.pdf'), (e: PdfError) => {
      assert.equal(e.kind, 'no-text');
      assert.match(e.message, /^scanned\.pdf has no text layer: it looks like a scan\. Run OCR/);
      return true;
    });
    await assert.rejects(extractPdfText(read('encrypted.pdf'), 'encrypted.pdf'), (e: PdfError) => {
      assert.equal(e.kind, 'encrypted');
      assert.match(e.message, /^encrypted\.pdf is encrypted with a password/);
      return true;
    });
    await assert.rejects(extractPdfText(Buffer.from('%PDF-1.5\nnot really'), 'broken.pdf'), (e: PdfError) => {
      assert.equal(e.kind, 'invalid');
      assert.match(e.message, /^broken\.pdf (?:is not a valid PDF file|could not be read as a PDF)/);
      return true;
    });
  });
});
