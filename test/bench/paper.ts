import * as fs from 'node:fs';
import * as path from 'node:path';

/** Glue PLOD tokens back into readable prose: no space before closing punctuation or after opening brackets. */
export function detokenize(tokens: readonly string[]): string {
  let out = '';
  for (const token of tokens) {
    const glueLeft = /^[.,;:!?)\]}%]$/.test(token) || out.endsWith('(') || out.endsWith('[') || out === '';
    out += (glueLeft ? '' : ' ') + token;
  }
  return out;
}

/**
 * A paper of about `words` words (separated by white space) made of PLOD-CW sentences, five to a paragraph. Past
 * the data's 50,000 words it goes round again, six to a paragraph and so on, so that no paragraph repeats (a
 * repeated one would come from the paragraph cache, which is not what a long paper costs).
 */
export function makePaper(dataDir: string, words = 10_000): string {
  const files = ['test.conll', 'validation.conll', 'train.conll'].map((f) =>
    path.join(dataDir, 'plod-cw', f),
  );
  const paragraphs: string[] = [];
  let sentence: string[] = [];
  let paragraph: string[] = [];
  let count = 0;
  for (let pass = 0; pass < 100; pass++) {
    for (const file of files) {
      for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/)) {
        const token = line.split(/\s+/)[0];
        if (token) {
          sentence.push(token);
          continue;
        }
        if (sentence.length === 0) continue;
        const text = detokenize(sentence);
        paragraph.push(text);
        count += text.split(/\s+/).length;
        sentence = [];
        if (paragraph.length === 5 + pass) {
          paragraphs.push(paragraph.join(' '));
          paragraph = [];
        }
        if (count >= words) return [...paragraphs, paragraph.join(' ')].filter(Boolean).join('\n\n') + '\n';
      }
    }
  }
  return paragraphs.join('\n\n') + '\n';
}
