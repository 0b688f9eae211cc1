import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { RotatingFile } from '../../src/server/rotatingFile';
import { get, post, sleep, start, tempDir } from './helpers';

const flushed = () => sleep(300);

describe('prediction log', () => {
  it('writes each prediction to predictions.jsonl and serves the last ones on GET /logs as JSON lines', async () => {
    const dataDir = tempDir();
    const server = await start({ dataDir });
    try {
      for (const text of ['First (F) text.', 'Second (S) text.', 'Third (T) text.']) {
        assert.equal((await post(`${server.url}v1/tag`, { text })).status, 200);
      }
      const answer = await get(`${server.url}logs?limit=2`);
      assert.equal(answer.status, 200);
      assert.match(answer.headers.get('content-type') ?? '', /application\/x-ndjson/);
      const lines = answer.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      assert.deepEqual(
        lines.map((l) => l.text),
        ['Second (S) text.', 'Third (T) text.'],
      );
      assert.equal(lines[1].model, 'rules');
      assert.equal(lines[1].route, '/v1/tag');
      assert.equal(lines[1].chars, 'Third (T) text.'.length);
      await flushed();
      const file = fs.readFileSync(path.join(dataDir, 'predictions.jsonl'), 'utf8').trim().split('\n');
      assert.equal(file.length, 3);
    } finally {
      await server.close();
    }
  });

  it('with --no-log-text keeps the length and a keyed hash, not the text nor its plain SHA-256', async () => {
    const logFile = path.join(tempDir(), 'log', 'p.jsonl');
    const server = await start({ logFile, logText: false });
    const text = 'A private sentence about the body mass index (BMI).';
    try {
      await post(`${server.url}predict`, { text });
      await post(`${server.url}predict`, { text });
      await post(`${server.url}predict`, { text: 'Another (A) one.' });
      const [first, again, other] = (await get(`${server.url}logs`)).body
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      assert.equal(first.text, undefined);
      assert.equal(first.chars, text.length);
      // An unsalted SHA-256 of a short text is found again by hashing guesses (issue 12): it is gone.
      assert.equal(first.sha256, undefined);
      assert.match(first.text_hmac, /^[0-9a-f]{64}$/);
      assert.notEqual(first.text_hmac, createHash('sha256').update(text).digest('hex'));
      assert.equal(again.text_hmac, first.text_hmac, 'equal texts are told apart within a run');
      assert.notEqual(other.text_hmac, first.text_hmac);
    } finally {
      await server.close();
    }
    const written = fs.readFileSync(logFile, 'utf8');
    assert.ok(!written.includes('private'), written);
  });

  it('GET /logs?follow=1 streams new entries as chunked NDJSON until the server stops', async () => {
    const server = await start();
    const received: string[] = [];
    const request = http.get(`${server.url}logs?follow=1`);
    const ended = new Promise<number | undefined>((resolve, reject) => {
      request.on('response', (response) => {
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => received.push(chunk));
        response.on('end', () => resolve(response.statusCode));
      });
      request.on('error', reject);
    });
    await sleep(100);
    await post(`${server.url}v1/tag`, { text: 'Streamed (S) one.' });
    await post(`${server.url}hf`, { inputs: 'Streamed (S) two.' });
    await sleep(100);
    const lines = received
      .join('')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      lines.map((l) => [l.route, l.text]),
      [
        ['/v1/tag', 'Streamed (S) one.'],
        ['/hf', 'Streamed (S) two.'],
      ],
    );
    await server.close();
    assert.equal(await ended, 200);
  });

  it('rotates the file by size and keeps the newest ones', () => {
    const file = path.join(tempDir(), 'r.jsonl');
    const rotating = new RotatingFile(file, 100, 2);
    for (let i = 0; i < 10; i++) rotating.append(JSON.stringify({ i, pad: 'x'.repeat(30) }));
    rotating.close();
    const read = (f: string) =>
      fs
        .readFileSync(f, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).i);
    assert.deepEqual(read(file), [8, 9]);
    assert.deepEqual(read(`${file}.1`), [6, 7]);
    assert.deepEqual(read(`${file}.2`), [4, 5]);
    assert.equal(fs.existsSync(`${file}.3`), false);
  });
});

describe('POST /v1/feedback', () => {
  it('answers 201 and appends a record the training pipeline can read', async () => {
    const dataDir = tempDir();
    const server = await start({ dataDir });
    const text = 'The body mass index (BMI) rose.';
    try {
      const first = await post(`${server.url}v1/feedback`, {
        text,
        span: { start: 4, end: 19 },
        label: 'LF',
        model: 'rules',
        comment: 'right',
      });
      assert.equal(first.status, 201);
      assert.equal(first.body.span_text, 'body mass index');
      const second = await post(`${server.url}v1/feedback`, {
        text,
        span: { start: 26, end: 30 },
        label: 'O',
      });
      assert.equal(second.status, 201);
    } finally {
      await server.close();
    }
    const lines = fs
      .readFileSync(path.join(dataDir, 'feedback.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    const [lf, o] = lines;
    assert.ok(!Number.isNaN(Date.parse(lf.time)));
    assert.equal(lf.model, 'rules');
    assert.equal(lf.comment, 'right');
    assert.equal(lf.label, 'LF');
    assert.equal(lf.span_text, 'body mass index');
    assert.deepEqual(lf.tokens, ['The', 'body', 'mass', 'index', '(', 'BMI', ')', 'rose', '.']);
    assert.deepEqual(lf.ner_tags, [null, 'B-LF', 'I-LF', 'I-LF', null, null, null, null, null]);
    assert.equal(o.model, null);
    assert.deepEqual(o.ner_tags, [null, null, null, null, null, null, null, 'B-O', null]);
  });
});
