import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteError, resolveEndpoint, tagRemotely, type RemoteFailure } from '../../src/core/remote';
import type { RunningServer } from '../../src/server/server';
import { start } from './helpers';

const TEXT = 'The body mass index (BMI) was high. The BMI fell later.';

/** A server on 127.0.0.1 that answers every request with `handler`. */
async function fakeServer(
  handler: http.RequestListener,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function failure(endpoint: string, timeoutMs = 5000, signal?: AbortSignal): Promise<RemoteError> {
  try {
    await tagRemotely({
      endpoint,
      api: 'plod',
      text: TEXT,
      lang: 'plaintext',
      timeoutMs,
      signal,
      token: 'secret-token',
    });
  } catch (error) {
    assert.ok(error instanceof RemoteError, String(error));
    assert.doesNotMatch(error.message, /secret-token/);
    return error;
  }
  assert.fail('the call succeeded');
}

describe('remote client', () => {
  describe('against the real plod-tagger server', () => {
    let server: RunningServer;
    before(async () => {
      server = await start({ models: ['rules'], apiKey: 'let-me-in' });
    });
    after(async () => server.close());

    it('gives the same spans through the plod, HF and original /predict shapes', async () => {
      const results = await Promise.all(
        (['plod', 'hf', 'predict'] as const).map((api) =>
          tagRemotely({
            endpoint: server.url,
            api,
            text: TEXT,
            lang: 'plaintext',
            timeoutMs: 5000,
            token: 'let-me-in',
          }),
        ),
      );
      const [plod, hf, predict] = results.map((r) => r.spans.map((s) => [s.label, s.start, s.end, s.text]));
      assert.deepEqual(plod, [
        ['LF', 4, 19, 'body mass index'],
        ['AC', 21, 24, 'BMI'],
        ['AC', 40, 43, 'BMI'],
      ]);
      assert.deepEqual(hf, plod);
      assert.deepEqual(predict, plod);
      assert.deepEqual(
        results.map((r) => r.model),
        ['rules', 'rules', 'rules'],
      );
      for (const r of results) {
        assert.deepEqual(
          r.glossary.map((g) => [g.short, g.long, g.count]),
          [['BMI', 'body mass index', 2]],
        );
      }
    });

    it('says the token was refused on 401', async () => {
      const error = await failure(server.url);
      assert.equal(error.kind, 'unauthorized');
      assert.equal(error.status, 401);
      assert.match(error.message, /refused the API token \(401\); run "PLOD: Set API Token/);
    });
  });

  const cases: [string, http.RequestListener, RemoteFailure, RegExp][] = [
    [
      'a rate limit',
      (_req, res) => res.writeHead(429, { 'retry-after': '7' }).end('{}'),
      'rateLimited',
      /rate-limiting requests; try again in 7 s/,
    ],
    [
      'a server error',
      (_req, res) =>
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"message":"queue full"}'),
      'server',
      /failed with 503: queue full/,
    ],
    [
      'an answer that is not JSON',
      (_req, res) => res.writeHead(200).end('<html>oops'),
      'garbled',
      /not JSON/,
    ],
    [
      'JSON of the wrong shape',
      (_req, res) => res.writeHead(200).end('{"entities":[]}'),
      'garbled',
      /no "spans" list/,
    ],
    [
      'a span outside the text',
      (_req, res) => res.writeHead(200).end('{"spans":[{"label":"AC","start":5,"end":500}]}'),
      'garbled',
      /span outside the text \(5-500\)/,
    ],
  ];
  for (const [what, handler, kind, message] of cases) {
    it(`explains ${what}`, async () => {
      const fake = await fakeServer(handler);
      try {
        const error = await failure(fake.url);
        assert.equal(error.kind, kind);
        assert.match(error.message, message);
      } finally {
        await fake.close();
      }
    });
  }

  it('explains a slow endpoint with the timeout', async () => {
    const fake = await fakeServer(() => undefined);
    try {
      const error = await failure(fake.url, 300);
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /did not answer within 0.3 s/);
    } finally {
      await fake.close();
    }
  });

  it('explains an endpoint that is down', async () => {
    const fake = await fakeServer(() => undefined);
    await fake.close();
    const error = await failure(fake.url);
    assert.equal(error.kind, 'down');
    assert.match(
      error.message,
      /cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\); is the server running\?/,
    );
  });

  it('stops when cancelled', async () => {
    const fake = await fakeServer(() => undefined);
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 100);
      const error = await failure(fake.url, 5000, controller.signal);
      assert.equal(error.kind, 'cancelled');
    } finally {
      await fake.close();
    }
  });

  it('reads the API shape from the endpoint URL', () => {
    const resolve = (endpoint: string) => {
      const { url, api } = resolveEndpoint(endpoint, 'auto');
      return [url.href, api];
    };
    assert.deepEqual(resolve('http://127.0.0.1:8080'), ['http://127.0.0.1:8080/v1/tag', 'plod']);
    assert.deepEqual(resolve('https://example.org/api/'), ['https://example.org/api/v1/tag', 'plod']);
    assert.deepEqual(resolve('https://h.example/models/plod-base'), [
      'https://h.example/models/plod-base',
      'hf',
    ]);
    assert.deepEqual(resolve('http://127.0.0.1:8080/predict'), ['http://127.0.0.1:8080/predict', 'predict']);
    assert.deepEqual(resolveEndpoint('http://127.0.0.1:8080', 'hf').url.href, 'http://127.0.0.1:8080/hf');
    assert.throws(() => resolveEndpoint('file:///etc/passwd', 'auto'), /must be http or https/);
    assert.throws(() => resolveEndpoint('not a url', 'auto'), /is not a URL/);
  });
});
