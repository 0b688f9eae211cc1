import { parseArgs, type ParseArgsConfig } from 'node:util';
import { LANGS, type Lang } from '../core/types';
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
