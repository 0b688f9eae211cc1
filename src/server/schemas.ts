import { LANGS } from '../core/types';

/** JSON schemas of the request bodies and query strings; Fastify validates every request against them. */

const text = { type: 'string', minLength: 1 } as const;
const model = { type: 'string', minLength: 1, maxLength: 4096 } as const;

export const tagBody = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: { text, lang: { type: 'string', enum: LANGS }, model },
} as const;

export const predictBody = {
  type: 'object',
  required: ['text'],
  additionalProperties: false,
  properties: { text, model },
} as const;

export const AGGREGATIONS = ['none', 'simple', 'first', 'average', 'max'] as const;

/** The HF Inference API's token-classification request; `options` (`wait_for_model`…) is accepted and ignored. */
export const hfBody = {
  type: 'object',
  required: ['inputs'],
  additionalProperties: false,
  properties: {
    inputs: text,
    parameters: {
      type: 'object',
      additionalProperties: true,
      properties: {
        aggregation_strategy: { type: 'string', enum: AGGREGATIONS },
        ignore_labels: { type: 'array', items: { type: 'string' } },
      },
    },
    options: { type: 'object' },
  },
} as const;

export const feedbackBody = {
  type: 'object',
  required: ['text', 'span', 'label'],
  additionalProperties: false,
  properties: {
    text,
    span: {
      type: 'object',
      required: ['start', 'end'],
      additionalProperties: false,
      properties: { start: { type: 'integer', minimum: 0 }, end: { type: 'integer', minimum: 1 } },
    },
    label: { type: 'string', enum: ['AC', 'LF', 'O'] },
    model,
    comment: { type: 'string', maxLength: 10_000 },
  },
} as const;

export const logsQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    limit: { type: 'string', pattern: '^(?:[0-9]{1,3}|1000)$' },
    follow: { type: 'string', enum: ['0', '1', 'true', 'false'] },
  },
} as const;
