import type { FastifyError } from 'fastify';

/** An error the API answers with its own status code, message and headers. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    /** A short name for the error metric's `kind` label. */
    readonly kind: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class UnknownModelError extends HttpError {
  constructor(model: string, known: readonly string[]) {
    super(400, `unknown model "${model}"; this server has ${known.join(', ')}`, 'unknown_model');
  }
}

export class QueueFullError extends HttpError {
  /** `waitingFor` names what the requests wait for: a model by default. */
  constructor(model: string, limit: number, waitingFor = `model "${model}"`) {
    super(
      503,
      limit === 0
        ? `the server is busy: ${waitingFor} is taken and this server lets no request wait (--max-queue 0); retry shortly`
        : `the server is busy: ${limit} requests are already waiting for ${waitingFor}; retry shortly`,
      'queue_full',
      { 'retry-after': '1' },
    );
  }
}

export class TimeoutError extends HttpError {
  constructor(ms: number) {
    super(504, `the model did not answer within ${ms} ms; try a shorter text, or retry later`, 'timeout', {
      'retry-after': '1',
    });
  }
}

export class LoadingError extends HttpError {
  constructor() {
    super(503, 'the server is still loading its models; retry shortly', 'loading', { 'retry-after': '2' });
  }
}

/** The client closed the connection before its answer was ready: the work is dropped, nothing is sent. */
export class ClientGoneError extends HttpError {
  constructor() {
    super(499, 'the client closed the connection', 'client_gone');
  }
}

export class ShuttingDownError extends HttpError {
  constructor() {
    super(503, 'the server is shutting down', 'shutting_down', { 'retry-after': '5' });
  }
}

export interface ErrorReply {
  status: number;
  kind: string;
  message: string;
  headers: Record<string, string>;
}

/** The status, metric kind, message and headers of the reply to an error. */
export function describeError(error: FastifyError | HttpError, maxBody: number): ErrorReply {
  if (error instanceof HttpError) {
    return { status: error.statusCode, kind: error.kind, message: error.message, headers: error.headers };
  }
  if (error.validation) {
    return { status: 400, kind: 'validation', message: `invalid request: ${error.message}`, headers: {} };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        kind: 'body_too_large',
        message: `the request body is larger than ${maxBody} bytes, the limit of this server (--max-body)`,
        headers: {},
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        kind: 'media_type',
        message: 'send the body as JSON, with "Content-Type: application/json"',
        headers: {},
      };
  }
  const status = error.statusCode ?? 500;
  if (status < 500) {
    const message = error.message.startsWith('Body')
      ? error.message
      : `invalid request: ${error.message.replace(/^Unexpected/, 'the body is not valid JSON: unexpected')}`;
    return { status, kind: error.code ?? 'bad_request', message, headers: {} };
  }
  return { status: 500, kind: 'internal', message: 'internal error; see the server log', headers: {} };
}
