import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConll } from '../../src/core/eval/conll';
import { feedbackToConll, parseFeedback } from '../../src/feedback/record';
import { RemoteError, sendFeedback } from '../../src/extension/remote/client';
import { start, tempDir } from './helpers';

describe('sendFeedback (the client of POST /v1/feedback)', () => {
  const body = {
    text: 'The body mass index (BMI) rose.',
    span: { start: 21, end: 24 },
    label: 'AC' as const,
  };

  it('posts beside /v1/tag with the token, and the stored file exports as CoNLL', async () => {
    const dataDir = tempDir();
    const server = await start({ dataDir, apiKey: 'let-me-in' });
    try {
      const sent = await sendFeedback({
        endpoint: `${server.url}v1/tag`,
        api: 'auto',
        token: 'let-me-in',
        timeoutMs: 5000,
        body,
      });
      assert.deepEqual(sent, { url: `${server.url}v1/feedback`, status: 201 });
      await assert.rejects(
        sendFeedback({ endpoint: server.url, api: 'plod', token: 'wrong', timeoutMs: 5000, body }),
        (error: unknown) => error instanceof RemoteError && error.status === 401,
      );
    } finally {
      await server.close();
    }
    const records = parseFeedback(fs.readFileSync(path.join(dataDir, 'feedback.jsonl'), 'utf8'));
    assert.deepEqual(parseConll(feedbackToConll(records)), [
      {
        tokens: ['The', 'body', 'mass', 'index', '(', 'BMI', ')', 'rose', '.'],
        tags: ['O', 'O', 'O', 'O', 'O', 'B-AC', 'O', 'O', 'O'],
      },
    ]);
  });

  it('refuses an endpoint whose API takes no corrections, before sending anything', async () => {
    await assert.rejects(
      sendFeedback({ endpoint: 'http://127.0.0.1:9/hf', api: 'auto', timeoutMs: 1000, body }),
      /speaks the hf API, which takes no corrections/,
    );
  });
});
