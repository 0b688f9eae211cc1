import {
  feedbackRecord as coreFeedbackRecord,
  type FeedbackRecord,
  type FeedbackRequest,
} from '../feedback/record';
import { HttpError } from './errors';
import { RotatingFile, type FileHealth, type RotatingFileOptions } from './rotatingFile';

export type { FeedbackLabel, FeedbackRecord, FeedbackRequest } from '../feedback/record';

/** The core's record, with a span outside the text answered as 400. */
export function feedbackRecord(request: FeedbackRequest, now = new Date()): FeedbackRecord {
  try {
    return coreFeedbackRecord(request, now);
  } catch (error) {
    if (error instanceof RangeError) throw new HttpError(400, error.message, 'validation');
    throw error;
  }
}

/**
 * Appends feedback records to a JSONL file, one synchronous write each (a 201 means it is on disk), rotated
 * by size like the prediction log, so an open route cannot fill the disk. A failed write is a 503.
 */
export class FeedbackStore {
  private readonly out: RotatingFile;

  constructor(
    readonly file: string,
    maxBytes: number,
    keep: number,
    options: Omit<RotatingFileOptions, 'flushMs'> = {},
  ) {
    this.out = new RotatingFile(file, maxBytes, keep, { ...options, flushMs: 0 });
  }

  add(request: FeedbackRequest): FeedbackRecord {
    const record = feedbackRecord(request);
    try {
      this.out.append(JSON.stringify(record));
    } catch (error) {
      throw new HttpError(
        503,
        `the server cannot store feedback now (${(error as NodeJS.ErrnoException).code ?? 'write failed'}); retry later`,
        'feedback_write',
        { 'retry-after': '60' },
      );
    }
    return record;
  }

  health(): FileHealth {
    return this.out.health();
  }

  close(): void {
    this.out.close();
  }
}
