import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TagDocument } from '../../src/core/render';
import type { RunningServer } from '../../src/server/server';
import { get, post, start, tempDir } from './helpers';

type TagAnswer = Omit<TagDocument, 'file'> & { ms: number };

const TEXT = 'The body mass index (BMI) of the patients rose. BMI was higher in the control group.';

describe('server API (rules model, real HTTP)', () => {
  let server: RunningServer;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  describe('POST /v1/tag', () => {
    it("answers with the CLI's JSON shape, the model that answered and the time", async () => {
      const answer = await post<TagAnswer>(`${server.url}v1/tag`, { text: TEXT });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('x-plod-model'), 'rules');
      assert.deepEqual(Object.keys(answer.body).sort(), ['glossary', 'model', 'ms', 'spans']);
      assert.equal(answer.body.model, 'rules');
      assert.equal(typeof answer.body.ms, 'number');
      assert.deepEqual(
        answer.body.spans.map((s) => [s.label, s.text]),
        [
          ['LF', 'body mass index'],
          ['AC', 'BMI'],
          ['AC', 'BMI'],
        ],
      );
      for (const span of answer.body.spans) assert.equal(TEXT.slice(span.start, span.end), span.text);
      assert.deepEqual(answer.body.glossary, [
        { short: 'BMI', long: 'body mass index', count: 2, definition: { start: 4, end: 19 } },
      ]);
    });

    it('reads Markdown and LaTeX, with offsets into the source', async () => {
      const latex = 'We measured the \\emph{body mass index} (BMI) of 20 patients.\n% BMI in a comment\n';
      const answer = await post<TagAnswer>(`${server.url}v1/tag`, {
        text: latex,
        lang: 'latex',
        model: 'rules',
      });
      assert.equal(answer.status, 200);
      assert.ok(answer.body.spans.length >= 2, JSON.stringify(answer.body));
      for (const span of answer.body.spans) assert.equal(latex.slice(span.start, span.end), span.text);
      assert.ok(!answer.body.spans.some((s) => s.start > latex.indexOf('%')), 'a comment was tagged');

      const markdown = '# Methods\n\nThe body mass index (BMI) rose.\n\n```\nBMI = kg / m^2\n```\n';
      const md = await post<TagAnswer>(`${server.url}v1/tag`, { text: markdown, lang: 'markdown' });
      assert.equal(md.status, 200);
      assert.ok(
        md.body.spans.every((s) => s.start < markdown.indexOf('```')),
        JSON.stringify(md.body.spans),
      );
    });
  });

  it('POST /predict answers in the original service shape, one tag per word', async () => {
    const text = 'The body mass index (BMI) rose.';
    const answer = await post(`${server.url}predict`, { text });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.success, true);
    assert.equal(answer.body.original, text);
    assert.deepEqual(answer.body.tokens, ['The', 'body', 'mass', 'index', '(', 'BMI', ')', 'rose', '.']);
    assert.deepEqual(answer.body.ner_tags, ['O', 'B-LF', 'I-LF', 'I-LF', 'O', 'B-AC', 'O', 'O', 'O']);
    assert.equal(typeof answer.body.prediction_time, 'number');
    assert.equal(answer.body.model, 'rules');
  });

  describe('Hugging Face token classification', () => {
    const inputs = 'Reactive oxygen species (ROS) damage cells; ROS levels rose.';

    it('POST /hf groups entities by default (aggregation "simple"), offsets into inputs', async () => {
      const answer = await post<
        { entity_group: string; score: number; word: string; start: number; end: number }[]
      >(`${server.url}hf`, { inputs });
      assert.equal(answer.status, 200);
      assert.ok(Array.isArray(answer.body));
      assert.deepEqual(
        answer.body.map((e) => [e.entity_group, e.word]),
        [
          ['LF', 'Reactive oxygen species'],
          ['AC', 'ROS'],
          ['AC', 'ROS'],
        ],
      );
      for (const e of answer.body) {
        assert.deepEqual(Object.keys(e).sort(), ['end', 'entity_group', 'score', 'start', 'word']);
        assert.equal(inputs.slice(e.start, e.end), e.word);
      }
    });

    it('POST /models/:model with aggregation "none" gives one item per tagged word, as HF does', async () => {
      const answer = await post<
        { entity: string; index: number; word: string; start: number; end: number }[]
      >(`${server.url}models/rules`, {
        inputs,
        parameters: { aggregation_strategy: 'none' },
        options: { wait_for_model: true },
      });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers.get('x-plod-model'), 'rules');
      assert.deepEqual(
        answer.body.map((e) => [e.entity, e.word, e.index]),
        [
          ['B-LF', 'Reactive', 1],
          ['I-LF', 'oxygen', 2],
          ['I-LF', 'species', 3],
          ['B-AC', 'ROS', 5],
          ['B-AC', 'ROS', 10],
        ],
      );
      for (const e of answer.body) {
        assert.deepEqual(Object.keys(e).sort(), ['end', 'entity', 'index', 'score', 'start', 'word']);
        assert.equal(inputs.slice(e.start, e.end), e.word);
      }
    });

    it('gives the same spans for "first", "average" and "max" (word-level model)', async () => {
      const simple = await post(`${server.url}hf`, { inputs });
      for (const strategy of ['first', 'average', 'max']) {
        const answer = await post(`${server.url}models/rules`, {
          inputs,
          parameters: { aggregation_strategy: strategy },
        });
        assert.deepEqual(answer.body, simple.body, strategy);
      }
    });

    it('refuses an unknown model in the URL with 400 naming the models', async () => {
      const answer = await post(`${server.url}models/bert-large`, { inputs });
      assert.equal(answer.status, 400);
      assert.match(String(answer.body.error), /unknown model "bert-large"; this server has rules/);
    });
  });

  it('GET /health names the models and the uptime', async () => {
    const answer = await get(`${server.url}health`);
    assert.equal(answer.status, 200);
    const health = JSON.parse(answer.body);
    assert.equal(health.status, 'ok');
    assert.deepEqual(health.models, ['rules']);
    assert.equal(typeof health.uptime_s, 'number');
    assert.equal(health.auth, false);
  });

  it('GET /metrics gives Prometheus text with the request, latency, batch, error and queue metrics', async () => {
    await post(`${server.url}v1/tag`, { text: TEXT });
    await post(`${server.url}v1/tag`, { nothing: true });
    const answer = await get(`${server.url}metrics`);
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/plain/);
    const text = answer.body;
    assert.match(text, /plod_requests_total\{route="\/v1\/tag",status="200",model="rules"\} \d+/);
    assert.match(text, /plod_request_duration_seconds_bucket\{le="[^"]+",route="\/v1\/tag",model="rules"\}/);
    assert.match(text, /plod_batch_requests_count\{model="rules"\} \d+/);
    assert.match(text, /plod_errors_total\{route="\/v1\/tag",kind="validation",model=""\} 1/);
    assert.match(text, /plod_queue_length\{model="rules"\} 0/);
    assert.match(text, /process_resident_memory_bytes \d+/);
  });

  it('serves the web page and its assets with a same-origin content security policy', async () => {
    const page = await get(server.url);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /connect-src 'self'/);
    assert.match(page.body, /<title>PLOD Tagger<\/title>/);
    assert.doesNotMatch(page.body, /https?:\/\//, 'the page links outside');
    for (const asset of ['app.js', 'app.css']) {
      const answer = await get(`${server.url}${asset}`);
      assert.equal(answer.status, 200, asset);
      assert.doesNotMatch(answer.body, /https?:\/\//, `${asset} links outside`);
    }
  });

  it('GET /v1/samples gives built-in examples when there is no PLOD-CW data', async () => {
    const answer = JSON.parse((await get(`${server.url}v1/samples`)).body);
    assert.equal(answer.source, 'built-in');
    assert.ok(answer.samples.length >= 3);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const answer = await get(`${server.url}v2/nothing`);
    assert.equal(answer.status, 404);
    assert.match(JSON.parse(answer.body).error, /no route GET \/v2\/nothing/);
  });
});

describe('server samples from PLOD-CW', () => {
  it('detokenizes sentences of the CoNLL file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'test.conll');
    const sentence = [
      ['The', 'B-O'],
      ['body', 'B-LF'],
      ['mass', 'I-LF'],
      ['index', 'I-LF'],
      ['(', 'B-O'],
      ['BMI', 'B-AC'],
      [')', 'B-O'],
      ['rose', 'B-O'],
      [',', 'B-O'],
      ['as', 'B-O'],
      ['expected', 'B-O'],
      ['.', 'B-O'],
    ];
    fs.writeFileSync(file, sentence.map(([t, tag]) => `${t} X ${tag}`).join('\n') + '\n');
    const server = await start({ samplesFile: file });
    try {
      const answer = JSON.parse((await get(`${server.url}v1/samples`)).body);
      assert.equal(answer.source, file);
      assert.deepEqual(answer.samples, ['The body mass index (BMI) rose, as expected.']);
    } finally {
      await server.close();
    }
  });
});
