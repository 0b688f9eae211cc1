import * as path from 'node:path';
import { packageRoot } from './models';

/** Where the data sets live: `../shared/data` beside the project, or `PLOD_DATA_DIR`. */
export function dataDir(): string {
  return process.env.PLOD_DATA_DIR
    ? path.resolve(process.env.PLOD_DATA_DIR)
    : path.resolve(packageRoot(), '..', 'shared', 'data');
}

/** A PLOD-CW split in the data folder. */
export function defaultEvalFile(split = 'test'): string {
  return path.join(dataDir(), 'plod-cw', `${split}.conll`);
}
