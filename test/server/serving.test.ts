import { strict as assert } from 'node:assert';
import { RulesTagger } from '../../src/core/taggers/rules';
import { BatchQueue } from '../../src/server/batcher';
import { get, post, SentenceRulesTagger, SlowTagger, sleep, start } from './helpers';

interface TagAnswer {
  model: string;
  spans: { label: string; text: string }[];
}

const TEXTS = Array.from(
  { length: 8 },
  (_, i) => `Patient ${i} had a high body mass index (BMI). The BMI of patient ${i} fell.`,
);

describe('serving several models', () => {
  it('answers with the model a request names, else with the first --model', async () => {
    const server = await start({ models: ['rules'], taggers: [new SlowTagger('slow', 1)] });
    try {
      const named = await post<TagAnswer>(`${server.url}v1/tag`, { text: 'x', model: 'slow' });
      assert.equal(named.body.model, 'slow');
      assert.equal(named.headers.get('x-plod-model'), 'slow');
      const unnamed = await post<TagAnswer>(`${server.url}v1/tag`, { text: 'x' });
      assert.equal(unnamed.body.model, 'rules');
      const health = JSON.parse((await get(`${server.url}health`)).body);
      assert.deepEqual(health.models.sort(), ['rules', 'slow']);
    } finally {
      await server.close();
    }
  });

  describe('A/B split', () => {
    for (const [share, expected] of [
      [1, 'slow'],
      [0, 'rules'],
    ] as const) {
      it(`--ab-share ${share} sends every request that names no model to ${expected}`, async () => {
        const server = await start({
          models: ['rules'],
          taggers: [new SlowTagger('slow', 1)],
          abModel: 'slow',
          abShare: share,
        });
        try {
          for (const [route, body] of [
            ['v1/tag', { text: 'The body mass index (BMI).' }],
            ['predict', { text: 'The body mass index (BMI).' }],
            ['hf', { inputs: 'The body mass index (BMI).' }],
          ] as const) {
            for (let i = 0; i < 5; i++) {
              const answer = await post(`${server.url}${route}`, body);
              assert.equal(answer.status, 200);
              assert.equal(answer.headers.get('x-plod-model'), expected, route);
              if (route !== 'hf') assert.equal(answer.body.model, expected, route);
            }
          }
          const named = await post(`${server.url}v1/tag`, { text: 'x', model: share ? 'rules' : 'slow' });
          assert.equal(named.body.model, share ? 'rules' : 'slow', 'a named model is always honoured');
          const metrics = (await get(`${server.url}metrics`)).body;
          assert.match(
            metrics,
            new RegExp(`plod_requests_total\\{route="/v1/tag",status="200",model="${expected}"\\} 5`),
          );
          assert.equal(JSON.parse((await get(`${server.url}health`)).body).ab.share, share);
        } finally {
          await server.close();
        }
      });
    }

    it('loads the B model even when --model does not list it', async () => {
      const server = await start({ models: ['rules'], abModel: 'rules', abShare: 0.5 });
      try {
        assert.deepEqual(JSON.parse((await get(`${server.url}health`)).body).models, ['rules']);
      } finally {
        await server.close();
      }
    });
  });

  describe('micro-batching', () => {
    it('merges concurrent requests for a per-sentence model into one call, and splits the answers', async () => {
      const tagger = new SentenceRulesTagger();
      const server = await start({ models: [], taggers: [tagger], batchWindowMs: 30 });
      try {
        const answers = await Promise.all(
          TEXTS.map((text) => post<TagAnswer>(`${server.url}v1/tag`, { text })),
        );
        assert.ok(tagger.calls.length < TEXTS.length, `calls: ${JSON.stringify(tagger.calls)}`);
        assert.equal(
          tagger.calls.reduce((a, b) => a + b, 0),
          TEXTS.length * 2,
        );
        for (const answer of answers) {
          assert.equal(answer.status, 200);
          assert.deepEqual(
            answer.body.spans.map((s) => s.text),
            ['body mass index', 'BMI', 'BMI'],
          );
        }
        const metrics = (await get(`${server.url}metrics`)).body;
        const merged = /plod_batch_requests_sum\{model="sentence-rules"\} (\d+)/.exec(metrics);
        assert.equal(Number(merged?.[1]), TEXTS.length);
      } finally {
        await server.close();
      }
    });

    it('with batching off, runs one call per request', async () => {
      const tagger = new SentenceRulesTagger();
      const server = await start({ models: [], taggers: [tagger], batching: false });
      try {
        await Promise.all(TEXTS.map((text) => post(`${server.url}v1/tag`, { text })));
        assert.deepEqual(
          tagger.calls,
          TEXTS.map(() => 2),
        );
      } finally {
        await server.close();
      }
    });

    it('merges requests for the shipped ONNX model (shape only: the model may be retrained)', async function () {
      this.timeout(120_000);
      const server = await start({ models: ['plod-base', 'rules'], batchWindowMs: 20 });
      try {
        const answers = await Promise.all(
          TEXTS.map((text) => post<TagAnswer>(`${server.url}v1/tag`, { text })),
        );
        for (const answer of answers) {
          assert.equal(answer.status, 200);
          assert.equal(answer.body.model, 'plod-base');
          assert.ok(Array.isArray(answer.body.spans));
        }
        const metrics = (await get(`${server.url}metrics`)).body;
        const sum = Number(/plod_batch_requests_sum\{model="plod-base"\} (\d+)/.exec(metrics)?.[1]);
        const calls = Number(/plod_batch_requests_count\{model="plod-base"\} (\d+)/.exec(metrics)?.[1]);
        assert.equal(sum, TEXTS.length);
        assert.ok(calls < TEXTS.length, `${calls} calls for ${TEXTS.length} requests`);
      } finally {
        await server.close();
      }
    });

    it('never merges the rules model, whose call is one document (no text leaks between requests)', async () => {
      const server = await start({ batchWindowMs: 30 });
      try {
        const [defines, mentions] = await Promise.all([
          post<TagAnswer>(`${server.url}v1/tag`, {
            text: 'The Global Enteric Multicenter Study (GEMS) ran.',
          }),
          post<TagAnswer>(`${server.url}v1/tag`, { text: 'It was called gems by some.' }),
        ]);
        assert.deepEqual(
          defines.body.spans.map((s) => s.text),
          ['Global Enteric Multicenter Study', 'GEMS'],
        );
        assert.deepEqual(mentions.body.spans, []);
        const metrics = (await get(`${server.url}metrics`)).body;
        assert.match(metrics, /plod_batch_requests_bucket\{le="1",model="rules"\} 2/);
      } finally {
        await server.close();
      }
    });
  });

  it('BatchQueue keeps each request to its own slice, caps a batch, and drops a request whose signal aborts', async () => {
    const tagger = new SentenceRulesTagger('q');
    const queue = new BatchQueue(tagger, {
      batching: true,
      mergeable: true,
      windowMs: 20,
      maxBatchSentences: 3,
      maxQueue: 10,
    });
    const controller = new AbortController();
    const jobs = [
      queue.tag([['A'], ['B']]),
      queue.tag([['C']]),
      queue.tag([['D', 'E']], controller.signal),
      queue.tag([['F'], ['G']]),
    ];
    controller.abort(new Error('gone'));
    const results = await Promise.allSettled(jobs);
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value.map((s) => s.length) : 'rejected')),
      [[1, 1], [1], 'rejected', [1, 1]],
    );
    assert.deepEqual(tagger.calls, [3, 2]);
    await queue.idle();
    assert.equal(queue.busy, false);
    assert.deepEqual(await new BatchQueue(new RulesTagger(), { ...optionsOff }).tag([]), []);
  });
});

const optionsOff = { batching: false, mergeable: false, windowMs: 0, maxBatchSentences: 1, maxQueue: 1 };

describe('graceful close (in-process)', () => {
  it('lets a request in flight finish, refuses new ones, then disposes the models', async () => {
    const slow = new SlowTagger('slow', 400);
    const server = await start({ models: [], taggers: [slow] });
    const inFlight = post(`${server.url}v1/tag`, { text: 'Still answered.' });
    await sleep(100);
    const closed = server.close();
    await sleep(50);
    const refused = await fetch(`${server.url}health`).then(
      (response) => response.status,
      () => 'refused',
    );
    assert.ok(refused === 'refused' || refused === 503, String(refused));
    const answer = await inFlight;
    assert.equal(answer.status, 200);
    await closed;
    assert.equal(slow.disposed, true);
    await assert.rejects(fetch(`${server.url}health`));
  });
});
