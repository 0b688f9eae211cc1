import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  feedbackRecord as coreFeedbackRecord,
  type FeedbackRecord,
  type FeedbackRequest,
} from '../core/feedback';
import { HttpError } from './errors';

export type { FeedbackLabel, FeedbackRecord, FeedbackRequest } from '../core/feedback';

/** The core's record, with a span outside the text answered as 400. */
export function feedbackRecord(request: FeedbackRequest, now = new Date()): FeedbackRecord {
  try {
    return coreFeedbackRecord(request, now);
  } catch (error) {
    if (error instanceof RangeError) throw new HttpError(400, error.message, 'validation');
    throw error;
  }
}

/** Appends feedback records to a JSONL file, one synchronous write each (a 201 means it is on disk). */
export class FeedbackStore {
  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }

  add(request: FeedbackRequest): FeedbackRecord {
    const record = feedbackRecord(request);
    fs.appendFileSync(this.file, JSON.stringify(record) + '\n');
    return record;
  }
}
