import { decodeSpans } from './spans';
import { buildGlossary, findDefinitions, propagateMentions } from './pairing';
import { labelToTag } from './taggers/labels';
import type { FeedbackRequest } from './feedback';
import type { GlossaryEntry, Lang, Span, Word, WordTag } from './types';

/** Which request shape an endpoint speaks; `auto` reads it from the URL. */
export type RemoteApi = 'auto' | 'plod' | 'hf' | 'predict';
export const REMOTE_APIS: readonly RemoteApi[] = ['auto', 'plod', 'hf', 'predict'];

export type RemoteFailure =
  'down' | 'timeout' | 'unauthorized' | 'rateLimited' | 'server' | 'garbled' | 'rejected' | 'cancelled';

/** A remote call that did not give spans; `message` is one sentence a user can act on. */
export class RemoteError extends Error {
  override name = 'RemoteError';
  constructor(
    readonly kind: RemoteFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export interface RemoteRequest {
  endpoint: string;
  api: RemoteApi;
  text: string;
  lang: Lang;
  token?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface RemoteResult {
  url: string;
  api: Exclude<RemoteApi, 'auto'>;
  status: number;
  ms: number;
  model: string;
  spans: Span[];
  glossary: GlossaryEntry[];
}

const ROUTES: Record<Exclude<RemoteApi, 'auto'>, string> = { plod: 'v1/tag', hf: 'hf', predict: 'predict' };

/** The URL to call and the shape to speak, from the configured endpoint. */
export function resolveEndpoint(
  endpoint: string,
  api: RemoteApi,
): { url: URL; api: Exclude<RemoteApi, 'auto'> } {
  let base: URL;
  try {
    base = new URL(endpoint);
  } catch {
    throw new RemoteError(
      'rejected',
      `"${endpoint}" is not a URL; set plodTagger.remote.endpoint to http(s)://host:port`,
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new RemoteError('rejected', `the endpoint must be http or https, not ${base.protocol}`);
  }
  const path = base.pathname.replace(/\/+$/, '');
  const named = (Object.keys(ROUTES) as Exclude<RemoteApi, 'auto'>[]).find((k) =>
    path.endsWith(`/${ROUTES[k]}`),
  );
  const inferred = named ?? (/\/models\/[^/]+$/.test(path) ? 'hf' : undefined);
  const chosen = api === 'auto' ? (inferred ?? 'plod') : api;
  if (chosen === inferred) return { url: base, api: chosen };
  const url = new URL(base.href);
  url.pathname = `${path}/${ROUTES[chosen]}`;
  return { url, api: chosen };
}

/** Send text to an endpoint and read back spans in the text's own offsets. */
export async function tagRemotely(request: RemoteRequest): Promise<RemoteResult> {
  const { url, api } = resolveEndpoint(request.endpoint, request.api);
  const body =
    api === 'plod'
      ? { text: request.text, lang: request.lang }
      : api === 'hf'
        ? { inputs: request.text, parameters: { aggregation_strategy: 'simple' } }
        : { text: request.text };
  const started = performance.now();
  const response = await post(url, body, request);
  const ms = Math.round(performance.now() - started);
  const payload = await readJson(response, url);
  const read = api === 'plod' ? readPlod : api === 'hf' ? readHf : readPredict;
  const { spans, model, glossary } = read(payload, request.text);
  for (const span of spans) {
    if (span.start < 0 || span.end > request.text.length || span.start >= span.end) {
      throw new RemoteError(
        'garbled',
        `${url.origin} answered a span outside the text (${span.start}-${span.end})`,
      );
    }
    span.text = request.text.slice(span.start, span.end);
  }
  return {
    url: url.href,
    api,
    status: response.status,
    ms,
    model: model ?? response.headers.get('x-plod-model') ?? 'unknown',
    spans,
    glossary: glossary ?? glossaryOf(request.text, spans),
  };
}

async function post(
  url: URL,
  body: unknown,
  request: Pick<RemoteRequest, 'token' | 'timeoutMs' | 'signal'>,
): Promise<Response> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
      },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (request.signal?.aborted) throw new RemoteError('cancelled', 'the remote prediction was cancelled');
    if (timeout.aborted) {
      throw new RemoteError('timeout', `${url.origin} did not answer within ${request.timeoutMs / 1000} s`);
    }
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new RemoteError(
      'down',
      `cannot reach ${url.origin}${cause ? ` (${cause})` : ''}; is the server running?`,
    );
  }
  if (response.ok) return response;
  const detail = await errorDetail(response);
  const status = response.status;
  if (status === 401 || status === 403) {
    throw new RemoteError(
      'unauthorized',
      `${url.origin} refused the API token (${status}); run "PLOD: Set API Token for Remote Endpoint"`,
      status,
    );
  }
  if (status === 429) {
    const wait = response.headers.get('retry-after');
    throw new RemoteError(
      'rateLimited',
      `${url.origin} is rate-limiting requests; try again${wait ? ` in ${wait} s` : ' later'}`,
      status,
    );
  }
  if (status >= 500) {
    throw new RemoteError(
      'server',
      `${url.origin} failed with ${status}${detail ? `: ${detail}` : ''}`,
      status,
    );
  }
  throw new RemoteError(
    'rejected',
    `${url.origin} rejected the request with ${status}${detail ? `: ${detail}` : ''}`,
    status,
  );
}

export interface FeedbackSend {
  endpoint: string;
  api: RemoteApi;
  body: FeedbackRequest;
  token?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Post a correction to a plod-tagger server's `/v1/feedback` (beside its `/v1/tag`); other APIs have none. */
export async function sendFeedback(request: FeedbackSend): Promise<{ url: string; status: number }> {
  const { url, api } = resolveEndpoint(request.endpoint, request.api);
  if (api !== 'plod') {
    throw new RemoteError(
      'rejected',
      `${url.origin} speaks the ${api} API, which takes no corrections; only a plod-tagger server does`,
    );
  }
  url.pathname = url.pathname.replace(/\/v1\/tag$/, '/v1/feedback');
  const response = await post(url, request.body, request);
  return { url: url.href, status: response.status };
}

async function errorDetail(response: Response): Promise<string> {
  try {
    const text = (await response.text()).slice(0, 2000);
    const json = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message =
      typeof json.message === 'string' ? json.message : typeof json.error === 'string' ? json.error : '';
    return message.slice(0, 200);
  } catch {
    return '';
  }
}

async function readJson(response: Response, url: URL): Promise<unknown> {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new RemoteError('garbled', `${url.origin} answered something that is not JSON`, response.status);
  }
}

type Read = (payload: unknown, text: string) => { spans: Span[]; model?: string; glossary?: GlossaryEntry[] };

const readPlod: Read = (payload) => {
  const body = payload as { spans?: unknown; model?: unknown; glossary?: unknown };
  if (!body || !Array.isArray(body.spans)) throw garbled('no "spans" list');
  const spans = body.spans.map((raw) => {
    const s = raw as Partial<Span>;
    if ((s.label !== 'AC' && s.label !== 'LF') || !isOffset(s.start) || !isOffset(s.end))
      throw garbled('a malformed span');
    return {
      label: s.label,
      start: s.start,
      end: s.end,
      text: '',
      score: typeof s.score === 'number' ? s.score : 1,
    };
  });
  const glossary =
    Array.isArray(body.glossary) && body.glossary.every(isGlossaryEntry) ? body.glossary : undefined;
  return { spans, model: typeof body.model === 'string' ? body.model : undefined, glossary };
};

const readHf: Read = (payload) => {
  if (!Array.isArray(payload)) throw garbled('not a list of entities');
  const spans = payload.map((raw) => {
    const e = raw as {
      entity_group?: unknown;
      entity?: unknown;
      start?: unknown;
      end?: unknown;
      score?: unknown;
    };
    const group =
      typeof e.entity_group === 'string' ? e.entity_group : typeof e.entity === 'string' ? e.entity : '';
    const label = group.replace(/^[BI]-/, '');
    if ((label !== 'AC' && label !== 'LF') || !isOffset(e.start) || !isOffset(e.end))
      throw garbled('a malformed entity');
    return {
      label,
      start: e.start,
      end: e.end,
      text: '',
      score: typeof e.score === 'number' ? e.score : 1,
    } as Span;
  });
  return { spans };
};

/** The original service's shape has tokens and tags but no offsets; find each token in the text in order. */
const readPredict: Read = (payload, text) => {
  const body = payload as { tokens?: unknown; ner_tags?: unknown; model?: unknown };
  const tokens = body?.tokens;
  const nerTags = body?.ner_tags;
  if (!Array.isArray(tokens) || !Array.isArray(nerTags) || tokens.length !== nerTags.length) {
    throw garbled('no matching "tokens" and "ner_tags" lists');
  }
  const words: Word[] = [];
  const tags: WordTag[] = [];
  let cursor = 0;
  tokens.forEach((token: unknown, i) => {
    if (typeof token !== 'string') throw garbled('a token that is not a string');
    const at = text.indexOf(token, cursor);
    if (at < 0) throw garbled(`the token "${token.slice(0, 40)}" is not in the text`);
    words.push({ text: token, start: at, end: at + token.length });
    try {
      tags.push({ tag: labelToTag(String(nerTags[i])), score: 1 });
    } catch (error) {
      throw garbled((error as Error).message);
    }
    cursor = at + token.length;
  });
  return {
    spans: decodeSpans(words, tags, text),
    model: typeof body.model === 'string' ? body.model : undefined,
  };
};

function glossaryOf(text: string, spans: readonly Span[]): GlossaryEntry[] {
  const definitions = findDefinitions(text, spans);
  return buildGlossary(text, propagateMentions(text, spans, definitions), definitions);
}

function garbled(what: string): RemoteError {
  return new RemoteError('garbled', `the endpoint answered in an unexpected shape: ${what}`);
}

function isOffset(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

function isGlossaryEntry(e: unknown): e is GlossaryEntry {
  const g = e as GlossaryEntry;
  return (
    !!g &&
    typeof g.short === 'string' &&
    (g.long === null || typeof g.long === 'string') &&
    typeof g.count === 'number'
  );
}
