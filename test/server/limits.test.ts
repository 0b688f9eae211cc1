import { strict as assert } from 'node:assert';
import type { RunningServer } from '../../src/server/server';
import { get, post, SlowTagger, start } from './helpers';

describe('server validation and limits', () => {
  describe('400 on a bad body (rules model)', () => {
    let server: RunningServer;
    before(async () => {
      server = await start();
    });
    after(() => server.close());

    const cases: [string, string, unknown, RegExp][] = [
      ['no text', 'v1/tag', { lang: 'latex' }, /body must have required property 'text'/],
      ['text not a string', 'v1/tag', { text: 42 }, /body\/text must be string/],
      ['empty text', 'v1/tag', { text: '' }, /body\/text must NOT have fewer than 1 characters/],
      ['unknown field', 'v1/tag', { text: 'x', colour: 'red' }, /must NOT have additional properties/],
      [
        'unknown lang',
        'v1/tag',
        { text: 'x', lang: 'html' },
        /body\/lang must be equal to one of the allowed values/,
      ],
      ['unknown model', 'v1/tag', { text: 'x', model: 'gpt' }, /unknown model "gpt"; this server has rules/],
      ['not JSON', 'v1/tag', '{"text": ', /not valid JSON/],
      ['an array', 'predict', [1, 2], /body must be object/],
      ['no inputs', 'hf', { text: 'x' }, /body must have required property 'inputs'/],
      [
        'unknown aggregation',
        'hf',
        { inputs: 'x', parameters: { aggregation_strategy: 'mean' } },
        /aggregation_strategy must be equal to one of the allowed values/,
      ],
      ['feedback label', 'v1/feedback', { text: 'x y', span: { start: 0, end: 1 }, label: 'X' }, /label/],
      [
        'feedback span',
        'v1/feedback',
        { text: 'x y', span: { start: 2, end: 9 }, label: 'AC' },
        /not inside/,
      ],
    ];
    for (const [name, route, body, message] of cases) {
      it(`${name} (${route})`, async () => {
        const answer = await post(`${server.url}${route}`, body);
        assert.equal(answer.status, 400, JSON.stringify(answer.body));
        assert.match(String(answer.body.error), message);
      });
    }

    it('415 when the body is not sent as JSON', async () => {
      const response = await fetch(`${server.url}v1/tag`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'text=hello',
      });
      assert.equal(response.status, 415);
      assert.match(((await response.json()) as { error: string }).error, /application\/json/);
    });
  });

  describe('413', () => {
    let server: RunningServer;
    before(async () => {
      server = await start({ maxBodyBytes: 2048, maxTextChars: 100 });
    });
    after(() => server.close());

    it('refuses a body over --max-body', async () => {
      const answer = await post(`${server.url}v1/tag`, { text: 'word '.repeat(1000) });
      assert.equal(answer.status, 413);
      assert.match(String(answer.body.error), /larger than 2048 bytes.*--max-body/);
    });

    it('refuses a text over --max-text, on every tagging route', async () => {
      const text = 'A'.repeat(101);
      for (const [route, body] of [
        ['v1/tag', { text }],
        ['predict', { text }],
        ['hf', { inputs: text }],
        ['v1/feedback', { text, span: { start: 0, end: 1 }, label: 'O' }],
      ] as const) {
        const answer = await post(`${server.url}${route}`, body);
        assert.equal(answer.status, 413, route);
        assert.match(
          String(answer.body.error),
          /the text is 101 characters long; this server takes at most 100/,
        );
      }
      assert.equal((await post(`${server.url}v1/tag`, { text: 'A'.repeat(100) })).status, 200);
    });
  });

  describe('401 with an API key', () => {
    let server: RunningServer;
    before(async () => {
      server = await start({ apiKey: 'k3y-for-tests' });
    });
    after(() => server.close());

    it('refuses a request without the key, and says how to send it', async () => {
      const answer = await post(`${server.url}v1/tag`, { text: 'The body mass index (BMI).' });
      assert.equal(answer.status, 401);
      assert.equal(answer.headers.get('www-authenticate'), 'Bearer realm="plod-tagger"');
      assert.match(String(answer.body.error), /Authorization: Bearer/);
    });

    it('refuses a wrong key', async () => {
      for (const authorization of [
        'Bearer k3y-for-test',
        'Bearer k3y-for-tests-and-more',
        'Basic k3y-for-tests',
      ]) {
        const answer = await post(`${server.url}v1/tag`, { text: 'x' }, { authorization });
        assert.equal(answer.status, 401, authorization);
        assert.match(answer.headers.get('www-authenticate') ?? '', /^Bearer/);
      }
    });

    it('answers with the right key, on every protected route', async () => {
      const authorization = 'Bearer k3y-for-tests';
      assert.equal((await post(`${server.url}v1/tag`, { text: 'x' }, { authorization })).status, 200);
      assert.equal((await post(`${server.url}hf`, { inputs: 'x' }, { authorization })).status, 200);
      assert.equal((await get(`${server.url}metrics`, { authorization })).status, 200);
      assert.equal((await get(`${server.url}metrics`)).status, 401);
      assert.equal((await get(`${server.url}logs`)).status, 401);
    });

    it('leaves the page, /health and /v1/samples open; /health says a key is needed', async () => {
      assert.equal((await get(server.url)).status, 200);
      assert.equal((await get(`${server.url}v1/samples`)).status, 200);
      const health = await get(`${server.url}health`);
      assert.equal(health.status, 200);
      assert.equal(JSON.parse(health.body).auth, true);
    });
  });

  it('429 with Retry-After past --rate', async () => {
    const server = await start({ ratePerMinute: 3 });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 5; i++) {
        last = await post(`${server.url}v1/tag`, { text: 'x' });
        statuses.push(last.status);
      }
      assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
      assert.ok(Number(last?.headers.get('retry-after')) > 0);
      assert.match(String(last?.body.error), /at most 3 a minute/);
      assert.equal((await get(`${server.url}health`)).status, 200, '/health is not rate limited');
    } finally {
      await server.close();
    }
  });

  it('503 with Retry-After when the queue is full (slow test tagger, --max-queue 1)', async () => {
    const slow = new SlowTagger('slow', 400);
    const server = await start({ models: [], taggers: [slow], maxQueue: 1 });
    try {
      const answers = await Promise.all(
        [0, 1, 2].map(async (i) => {
          await new Promise((resolve) => setTimeout(resolve, i * 50));
          return post(`${server.url}v1/tag`, { text: `Request number ${i}.` });
        }),
      );
      assert.deepEqual(
        answers.map((a) => a.status),
        [200, 200, 503],
      );
      const busy = answers[2];
      assert.equal(busy.headers.get('retry-after'), '1');
      assert.match(String(busy.body.error), /busy: 1 requests are already waiting for model "slow"/);
      const metrics = (await get(`${server.url}metrics`)).body;
      assert.match(metrics, /plod_errors_total\{route="\/v1\/tag",kind="queue_full",model="slow"\} 1/);
    } finally {
      await server.close();
    }
  });

  it('504 when the model does not answer within --timeout', async () => {
    const server = await start({ models: [], taggers: [new SlowTagger('slow', 600)], timeoutMs: 100 });
    try {
      const answer = await post(`${server.url}v1/tag`, { text: 'Too slow.' });
      assert.equal(answer.status, 504);
      assert.match(String(answer.body.error), /did not answer within 100 ms/);
      assert.equal(answer.headers.get('x-plod-model'), 'slow');
    } finally {
      await server.close();
    }
  });
});
