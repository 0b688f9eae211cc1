import type { FastifyContextConfig, FastifyInstance } from 'fastify';
import { checkTextLength, type ServerContext } from '../context';
import type { FeedbackRequest } from '../feedback';
import { feedbackBody } from '../schemas';

/** `POST /v1/feedback`: store a correction of one span (see `FeedbackRecord` for the file's fields). */
export function feedbackRoute(
  app: FastifyInstance,
  context: ServerContext,
  config: FastifyContextConfig,
): void {
  app.post<{ Body: FeedbackRequest }>(
    '/v1/feedback',
    { schema: { body: feedbackBody }, config },
    async (request, reply) => {
      checkTextLength(context, request.body.text);
      const record = context.feedback.add(request.body);
      return reply.code(201).send({ stored: true, time: record.time, span_text: record.span_text });
    },
  );
}
