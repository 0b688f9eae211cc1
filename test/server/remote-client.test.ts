import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  MAX_ANSWER_BYTES,
  RemoteError,
  resolveEndpoint,
  retryAfter,
  tagRemotely,
  type RemoteFailure,
} from '../../src/extension/remote/client';
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

    it('folds the plural forms that the server lists apart back into their abbreviation', async () => {
      const text = '\\acro{OS}{Operating System}\n\\acroplural{OS}[OSes]{Operating Systems}\nTwo \\acp{OS}.';
      const result = await tagRemotely({
        endpoint: server.url,
        api: 'plod',
        text,
        lang: 'latex',
        timeoutMs: 5000,
        token: 'let-me-in',
      });
      assert.deepEqual(
        result.glossary.map((g) => [g.short, g.long, g.plural?.short, g.plural?.long]),
        [['OS', 'Operating System', 'OSes', 'Operating Systems']],
      );
      assert.equal(result.glossary[0].plural?.definition.start, text.indexOf('\\acroplural'));
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

  describe('a hostile or broken endpoint (issue 12)', () => {
    const json =
      (body: unknown, status = 200): http.RequestListener =>
      (_req, res) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const span = (start: number, end: number, label = 'AC') => ({ label, start, end, score: 1 });
    const hostile: [string, http.RequestListener, RemoteFailure, RegExp][] = [
      [
        'overlapping spans',
        json({ spans: [span(4, 19, 'LF'), span(10, 24)] }),
        'garbled',
        /overlapping spans \(4-19 and 10-24\)/,
      ],
      [
        'more spans than characters',
        json({ spans: Array.from({ length: 100 }, (_, i) => span(i % 50, (i % 50) + 1)) }),
        'garbled',
        /answered 100 spans for 55 characters/,
      ],
      [
        'a glossary whose definition is not a range (NaN ranges before)',
        json({
          spans: [],
          glossary: [{ short: 'BMI', long: 'body mass index', count: 1, definition: 'oops' }],
        }),
        'garbled',
        /a malformed glossary/,
      ],
      [
        'a glossary definition outside the text',
        json({
          spans: [],
          glossary: [{ short: 'BMI', long: null, count: 1, definition: { start: 5, end: 900 } }],
        }),
        'garbled',
        /definition is not in the text/,
      ],
      [
        'a plural whose definition lies outside the text',
        json({
          spans: [],
          glossary: [
            { short: 'OS', long: 'operating system', count: 1, definition: null },
            { short: 'OSes', long: null, count: 0, definition: { start: 5, end: 900 }, pluralOf: 'OS' },
          ],
        }),
        'garbled',
        /definition is not in the text/,
      ],
      [
        'a glossary of the wrong types',
        json({ spans: [], glossary: [{ short: 7, long: null, count: '1', definition: null }] }),
        'garbled',
        /a malformed glossary/,
      ],
      [
        'a Retry-After given as an HTTP date',
        (_req, res) =>
          res.writeHead(429, { 'retry-after': new Date(Date.now() + 90_000).toUTCString() }).end('{}'),
        'rateLimited',
        /try again in (8\d|9\d) s$/,
      ],
      [
        'a Retry-After that means nothing',
        (_req, res) => res.writeHead(429, { 'retry-after': 'Wed, 99 Foo' }).end('{}'),
        'rateLimited',
        /try again later$/,
      ],
    ];
    for (const [what, handler, kind, message] of hostile) {
      it(`refuses ${what}`, async () => {
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

    it('refuses a span that cuts a surrogate pair in two', async () => {
      const fake = await fakeServer(json({ spans: [span(0, 2)] }));
      try {
        await assert.rejects(
          tagRemotely({
            endpoint: fake.url,
            api: 'plod',
            text: 'a😀b c',
            lang: 'plaintext',
            timeoutMs: 5000,
          }),
          /cuts a character in two \(0-2\)/,
        );
      } finally {
        await fake.close();
      }
    });

    for (const status of [301, 302, 303, 307, 308]) {
      it(`never follows a ${status} redirect: the text goes nowhere else, and the answer is refused`, async () => {
        let elsewhere = 0;
        const other = await fakeServer((_req, res) => {
          elsewhere++;
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"spans":[]}');
        });
        const fake = await fakeServer((_req, res) =>
          res.writeHead(status, { location: `${other.url}/v1/tag` }).end(),
        );
        try {
          const error = await failure(fake.url);
          assert.equal(error.kind, 'rejected');
          assert.equal(error.status, status);
          assert.match(
            error.message,
            new RegExp(`redirect \\(${status}\\) to ${other.url}; .*only to the endpoint you agreed to`),
          );
          assert.equal(elsewhere, 0, 'the document was re-sent to the redirect target');
        } finally {
          await fake.close();
          await other.close();
        }
      });
    }

    it('cuts off an answer larger than the cap while reading it', async function () {
      this.timeout(30_000);
      const fake = await fakeServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1024 * 1024, 32);
        let sent = 0;
        const more = () => {
          while (sent < MAX_ANSWER_BYTES / chunk.length + 8) {
            sent++;
            if (!res.write(chunk)) return void res.once('drain', more);
          }
          res.end();
        };
        res.write('{"spans":[');
        more();
      });
      try {
        const error = await failure(fake.url);
        assert.equal(error.kind, 'garbled');
        assert.match(error.message, /answered more than 32 MB/);
      } finally {
        await fake.close();
      }
    });

    it('reports a timeout or a cancel while the body is read as such, not as a DOMException', async () => {
      const fake = await fakeServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"spans":[');
      });
      try {
        const timedOut = await failure(fake.url, 300);
        assert.equal(timedOut.kind, 'timeout');
        assert.match(timedOut.message, /did not answer within 0.3 s/);
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 200);
        const cancelled = await failure(fake.url, 5000, controller.signal);
        assert.equal(cancelled.kind, 'cancelled');
      } finally {
        await fake.close();
      }
    });

    it('a timeout setting that is no number falls back to 30 s instead of throwing', async () => {
      const fake = await fakeServer(json({ spans: [] }));
      try {
        for (const timeoutMs of [Number.NaN, 'soon' as unknown as number, -5]) {
          const result = await tagRemotely({
            endpoint: fake.url,
            api: 'plod',
            text: TEXT,
            lang: 'plaintext',
            timeoutMs,
          });
          assert.equal(result.status, 200);
        }
      } finally {
        await fake.close();
      }
    });

    it('says that credentials belong in the token, not the URL, and never echoes them', async () => {
      const error = await failure('http://user:hunter2@127.0.0.1:9/');
      assert.equal(error.kind, 'rejected');
      assert.match(error.message, /has a user name or password in its URL; .*Set API Token/);
      assert.doesNotMatch(error.message, /hunter2|is the server running/);
    });

    it('tells a host:port endpoint to add http://', () => {
      assert.throws(
        () => resolveEndpoint('127.0.0.1:8080', 'auto'),
        /is not a URL; write http:\/\/127\.0\.0\.1:8080/,
      );
    });

    it('retryAfter reads seconds and dates', () => {
      const now = Date.parse('2037-10-21T07:28:00Z');
      assert.equal(retryAfter('7', now), 'in 7 s');
      assert.equal(retryAfter('Wed, 21 Oct 2037 07:38:00 GMT', now), 'in 10 min');
      assert.equal(retryAfter('Wed, 21 Oct 2037 07:00:00 GMT', now), 'now');
      assert.equal(retryAfter(null, now), 'later');
    });
  });

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
