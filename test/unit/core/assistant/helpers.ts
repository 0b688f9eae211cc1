import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyse } from '../../../../src/core/analyze';
import { buildModel, type AssistModel } from '../../../../src/core/assistant/model';
import { RulesTagger } from '../../../../src/core/taggers/rules';
import type { Lang, Range } from '../../../../src/core/types';

/** The assistant's model of `source`, tagged by the rules tagger. */
export async function modelOf(source: string, lang: Lang = 'plaintext'): Promise<AssistModel> {
  const analysis = await analyse(source, new RulesTagger(), { lang });
  return buildModel(analysis, source, lang);
}

export function fixture(name: string): string {
  return fs.readFileSync(path.join(__dirname, '..', '..', '..', 'fixtures', 'assistant', name), 'utf8');
}

/** The source text of a range. */
export function textOf(source: string, range: Range): string {
  return source.slice(range.start, range.end);
}
