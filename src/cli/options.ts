import * as fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LANGS, type Lang } from '../core/types';
import type { LoadOptions } from '../core/loadTagger';
import { InputError } from './input';

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new InputError((error as Error).message.replace(/\. To specify .*$/s, ''), 2);
  }
}

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  flag: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InputError(`${flag} must be one of ${allowed.join(', ')}; got "${value}"`, 2);
  }
  return value as T;
}

export function langOption(value: string | undefined): Lang | undefined {
  return oneOf(value, LANGS, '--lang');
}

export function numberOption(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new InputError(`${flag} must be a number; got "${value}"`, 2);
  return n;
}

/** The flags every command that runs a model takes. */
export const MODEL_FLAGS = {
  model: { type: 'string', short: 'm' },
  dtype: { type: 'string' },
  'label-map': { type: 'string' },
} as const;

/** `--label-map` is JSON (`{"LABEL_0":"O","LABEL_1":"B-AC"}`) or the path of a JSON file. */
export function labelMapOption(value: string | undefined): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  let text = value;
  if (!value.trim().startsWith('{')) {
    try {
      text = fs.readFileSync(value, 'utf8');
    } catch {
      throw new InputError(`--label-map must be JSON or a JSON file; cannot read ${value}`, 2);
    }
  }
  let map: unknown;
  try {
    map = JSON.parse(text);
  } catch {
    throw new InputError('--label-map is not valid JSON', 2);
  }
  if (!map || typeof map !== 'object' || Object.values(map).some((v) => typeof v !== 'string')) {
    throw new InputError('--label-map must map label names to tags, e.g. {"LABEL_1":"B-AC"}', 2);
  }
  return map as Record<string, string>;
}

export function loadOptions(values: { dtype?: string; 'label-map'?: string }): LoadOptions {
  const dtype = oneOf(values.dtype, ['fp32', 'q8'] as const, '--dtype');
  const labelMap = labelMapOption(values['label-map']);
  return { ...(dtype ? { dtype } : {}), ...(labelMap ? { labelMap } : {}) };
}
