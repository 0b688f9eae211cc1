import { decodeSpans } from '../../core/spans';
import { fromJsonGlossary, type JsonGlossaryEntry } from '../../core/render';
import { pair } from '../../core/pairing';
import { splitsSurrogatePair } from '../../core/ranges';
import { labelToTag } from '../../core/taggers/labels';
import type { FeedbackRequest } from '../../feedback/record';
import type { GlossaryEntry, Lang, Span, Word, WordTag } from '../../core/types';

/** Which request shape an endpoint speaks; `auto` reads it from the URL. */
/** The remote APIs the client speaks; package.json's `plodTagger.remote.api` enum must list exactly these. */
export const REMOTE_APIS = ['auto', 'plod', 'hf', 'predict'] as const;
export type RemoteApi = (typeof REMOTE_APIS)[number];

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

/** An answer longer than this is cut off while it is read: a hostile endpoint cannot fill the memory. */
export const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/** Spans never overlap, so a text has at most one a character; and never more than this. */
export const MAX_SPANS = 200_000;
const DEFAULT_TIMEOUT_MS = 30_000;

/** The URL to call and the shape to speak, from the configured endpoint. */
export function resolveEndpoint(
  endpoint: string,
  api: RemoteApi,
): { url: URL; api: Exclude<RemoteApi, 'auto'> } {
  let base: URL;
  try {
    base = new URL(endpoint);
  } catch {
    const hint = /^[\w.-]+:\d+(\/|$)/.test(endpoint) ? `; write http://${endpoint}` : '';
    throw new RemoteError(
      'rejected',
      `"${endpoint.slice(0, 200)}" is not a URL${hint}; set plodTagger.remote.endpoint to http(s)://host:port`,
    );
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new RemoteError('rejected', `the endpoint must be http or https, not ${base.protocol}`);
  }
  if (base.username || base.password) {
    // The origin leaves the credentials out, so the message never shows a password.
    throw new RemoteError(
      'rejected',
      `the endpoint ${base.origin} has a user name or password in its URL; remove them, and give a token with "PLOD: Set API Token for Remote Endpoint"`,
    );
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
export async function tagRemotely(given: RemoteRequest): Promise<RemoteResult> {
  const request = { ...given, timeoutMs: timeoutOf(given.timeoutMs) };
  const { url, api } = resolveEndpoint(request.endpoint, request.api);
  const body =
    api === 'plod'
      ? { text: request.text, lang: request.lang }
      : api === 'hf'
        ? { inputs: request.text, parameters: { aggregation_strategy: 'simple' } }
        : { text: request.text };
  const started = performance.now();
  const { response, signals } = await post(url, body, request);
  const payload = await readJson(response, url, request, signals);
  const ms = Math.round(performance.now() - started);
  const read = api === 'plod' ? readPlod : api === 'hf' ? readHf : readPredict;
  const { spans, model, glossary } = read(payload, request.text);
  if (spans.length > Math.min(MAX_SPANS, request.text.length)) {
    throw new RemoteError(
      'garbled',
      `${url.origin} answered ${spans.length} spans for ${request.text.length} characters`,
    );
  }
  checkSpans(spans, request.text, url);
  for (const span of spans) span.text = request.text.slice(span.start, span.end);
  if (glossary) checkGlossary(glossary, request.text, url);
  return {
    url: url.href,
    api,
    status: response.status,
    ms,
    model: model ?? response.headers.get('x-plod-model') ?? 'unknown',
    spans,
    glossary: glossary ?? pair(request.text, spans).glossary,
  };
}

interface CallSignals {
  user?: AbortSignal;
  timeout: AbortSignal;
}

async function post(
  url: URL,
  body: unknown,
  request: Pick<RemoteRequest, 'token' | 'timeoutMs' | 'signal'>,
): Promise<{ response: Response; signals: CallSignals }> {
  const signals: CallSignals = { user: request.signal, timeout: AbortSignal.timeout(request.timeoutMs) };
  const signal = request.signal ? AbortSignal.any([request.signal, signals.timeout]) : signals.timeout;
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
      // The user agreed to send text to this endpoint, and to no other: a redirect is refused, not followed.
      redirect: 'manual',
    });
  } catch (error) {
    stopped(url, request, signals);
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new RemoteError(
      'down',
      `cannot reach ${url.origin}${cause ? ` (${cause})` : ''}; is the server running?`,
    );
  }
  if (response.ok) return { response, signals };
  const status = response.status;
  if ((status >= 300 && status < 400) || response.type === 'opaqueredirect') {
    void response.body?.cancel().catch(() => undefined);
    const target = redirectTarget(response, url);
    throw new RemoteError(
      'rejected',
      `${url.origin} answered with a redirect (${status})${target ? ` to ${target}` : ''}; PLOD Tagger sends text only to the endpoint you agreed to, so set plodTagger.remote.endpoint to the final address`,
      status,
    );
  }
  const detail = await errorDetail(response);
  if (status === 401 || status === 403) {
    throw new RemoteError(
      'unauthorized',
      `${url.origin} refused the API token (${status}); run "PLOD: Set API Token for Remote Endpoint"`,
      status,
    );
  }
  if (status === 429) {
    throw new RemoteError(
      'rateLimited',
      `${url.origin} is rate-limiting requests; try again ${retryAfter(response.headers.get('retry-after'))}`,
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
  const { response } = await post(url, request.body, { ...request, timeoutMs: timeoutOf(request.timeoutMs) });
  void response.body?.cancel().catch(() => undefined);
  return { url: url.href, status: response.status };
}

async function errorDetail(response: Response): Promise<string> {
  try {
    const text = (await readCapped(response, 2000)) ?? '';
    const json = JSON.parse(text) as { message?: unknown; error?: unknown };
    const message =
      typeof json.message === 'string' ? json.message : typeof json.error === 'string' ? json.error : '';
    return message.slice(0, 200);
  } catch {
    return '';
  }
}

async function readJson(
  response: Response,
  url: URL,
  request: Pick<RemoteRequest, 'timeoutMs' | 'signal'>,
  signals: CallSignals,
): Promise<unknown> {
  let text: string | undefined;
  try {
    text = await readCapped(response, MAX_ANSWER_BYTES);
  } catch (error) {
    // A timeout or a cancel while the body streams in surfaces as a bare DOMException otherwise.
    stopped(url, request, signals);
    throw new RemoteError('down', `${url.origin} broke off its answer (${(error as Error).message})`);
  }
  if (text === undefined) {
    throw new RemoteError(
      'garbled',
      `${url.origin} answered more than ${MAX_ANSWER_BYTES / 1024 / 1024} MB; that is no tagging answer`,
      response.status,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RemoteError('garbled', `${url.origin} answered something that is not JSON`, response.status);
  }
}

/** The body as text, or undefined once it passes `limit` bytes (the rest is not read). */
async function readCapped(response: Response, limit: number): Promise<string | undefined> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** Throw the cancel or the timeout, if one of them stopped the call. */
function stopped(url: URL, request: Pick<RemoteRequest, 'timeoutMs'>, signals: CallSignals): void {
  if (signals.user?.aborted) throw new RemoteError('cancelled', 'the remote prediction was cancelled');
  if (signals.timeout.aborted) {
    throw new RemoteError('timeout', `${url.origin} did not answer within ${request.timeoutMs / 1000} s`);
  }
}

/** A usable timeout: the setting may hold anything (a string, NaN); fall back to 30 s. */
function timeoutOf(ms: unknown): number {
  const n = typeof ms === 'number' ? ms : Number(ms);
  return Number.isFinite(n) && n > 0 ? Math.min(Math.round(n), 2_147_483_647) : DEFAULT_TIMEOUT_MS;
}

/** `Retry-After` as seconds or as an HTTP date, in words: "in 7 s", "in 3 min", "later". */
export function retryAfter(header: string | null, now = Date.now()): string {
  if (!header) return 'later';
  const trimmed = header.trim();
  const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : (Date.parse(trimmed) - now) / 1000;
  if (!Number.isFinite(seconds)) return 'later';
  if (seconds <= 0) return 'now';
  if (seconds < 120) return `in ${Math.ceil(seconds)} s`;
  if (seconds < 7200) return `in ${Math.ceil(seconds / 60)} min`;
  if (seconds < 172_800) return `in ${Math.ceil(seconds / 3600)} h`;
  return `in ${Math.ceil(seconds / 86_400)} days`;
}

/** Where a redirect points, as an origin (a path might carry anything). */
function redirectTarget(response: Response, url: URL): string | undefined {
  const location = response.headers.get('location');
  if (!location) return undefined;
  try {
    return new URL(location, url).origin;
  } catch {
    return undefined;
  }
}

/** Spans inside the text, not cutting a character in two, and not overlapping one another. */
function checkSpans(spans: readonly Span[], text: string, url: URL): void {
  for (const span of spans) {
    if (span.start < 0 || span.end > text.length || span.start >= span.end) {
      throw new RemoteError(
        'garbled',
        `${url.origin} answered a span outside the text (${span.start}-${span.end})`,
      );
    }
    if (splitsSurrogatePair(text, span.start) || splitsSurrogatePair(text, span.end)) {
      throw new RemoteError(
        'garbled',
        `${url.origin} answered a span that cuts a character in two (${span.start}-${span.end})`,
      );
    }
  }
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].start < sorted[i - 1].end) {
      throw new RemoteError(
        'garbled',
        `${url.origin} answered overlapping spans (${sorted[i - 1].start}-${sorted[i - 1].end} and ${sorted[i].start}-${sorted[i].end})`,
      );
    }
  }
}

/** The endpoint's glossary: strings, counts and definition offsets that fit the text. */
function checkGlossary(glossary: readonly GlossaryEntry[], text: string, url: URL): void {
  if (glossary.length > Math.min(MAX_SPANS, text.length)) {
    throw new RemoteError('garbled', `${url.origin} answered ${glossary.length} glossary entries`);
  }
  const definitions = glossary.flatMap((entry) => [entry.definition, entry.plural?.definition ?? null]);
  for (const d of definitions) {
    const fits =
      d === null ||
      (typeof d === 'object' &&
        isOffset(d.start) &&
        isOffset(d.end) &&
        d.start < d.end &&
        d.end <= text.length &&
        !splitsSurrogatePair(text, d.start) &&
        !splitsSurrogatePair(text, d.end));
    if (!fits) {
      throw new RemoteError(
        'garbled',
        `${url.origin} answered a glossary entry whose definition is not in the text`,
      );
    }
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
  if (
    body.glossary !== undefined &&
    !(Array.isArray(body.glossary) && body.glossary.every(isGlossaryEntry))
  ) {
    throw garbled('a malformed glossary');
  }
  const glossary = body.glossary && fromJsonGlossary(body.glossary as JsonGlossaryEntry[]);
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

function garbled(what: string): RemoteError {
  return new RemoteError('garbled', `the endpoint answered in an unexpected shape: ${what}`);
}

function isOffset(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

function isGlossaryEntry(e: unknown): e is JsonGlossaryEntry {
  const g = e as JsonGlossaryEntry;
  return (
    !!g &&
    typeof g === 'object' &&
    typeof g.short === 'string' &&
    g.short.length > 0 &&
    g.short.length <= 1000 &&
    (g.long === null || (typeof g.long === 'string' && g.long.length <= 10_000)) &&
    isOffset(g.count) &&
    (g.definition === null || (typeof g.definition === 'object' && g.definition !== undefined)) &&
    (g.pluralOf === undefined || typeof g.pluralOf === 'string')
  );
}
