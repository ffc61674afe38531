import { DECLINE_REASONS, MAX_DESCRIPTION_LENGTH, MAX_PURCHASE_AMOUNT } from '@kk/pos-authorization';

const problem = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problem } },
});
/** Every guarded route: the till's own rate limit, and the failed-authentication limit of the caller's address. */
const tooManyRequests = {
  ...problemResponse(
    'Too many requests from this till (type …/rate-limited), or too many failed authentications from this client address (type …/too-many-failed-authentications; a till whose key was recently accepted is not affected). Wait as long as Retry-After says.',
  ),
  headers: { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } },
};
/** No C0 controls (U+0000–U+001F), DEL (U+007F) or C1 controls (U+0080–U+009F). */
const DESCRIPTION_PATTERN = '^[^\\u0000-\\u001F\\u007F-\\u009F]*$';

/** The POS API v1 contract (CONTRACTS.md), served at /pos/v1/openapi.json. */
export const POS_OPENAPI_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Kantinekort POS API',
    version: '1.0.0',
    description:
      "Tills ask whether a canteen card may pay. Every request carries the till's API key as a Bearer token; the key names the till and so the tenant. Amounts are integers in øre.",
  },
  servers: [{ url: '/' }],
  security: [{ tillKey: [] }],
  paths: {
    '/pos/v1/purchases': {
      post: {
        operationId: 'createPurchase',
        summary: "Authorize a purchase and debit the card's account when approved",
        parameters: [
          {
            name: 'Idempotency-Key',
            in: 'header',
            required: true,
            description:
              'Unique per till. A retry with the same key and body returns the first answer and moves no money.',
            schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,64}$' },
          },
        ],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/PurchaseRequest' } } },
        },
        responses: {
          '201': {
            description: 'Decided (approved or declined) for the first time',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Purchase' } } },
          },
          '200': {
            description: 'A retry: the first answer again, no money moved',
            headers: { 'Idempotent-Replayed': { schema: { type: 'string', enum: ['true'] } } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Purchase' } } },
          },
          '400': problemResponse(
            'Bad body (including control characters in description) or missing/invalid Idempotency-Key; see errors',
          ),
          '401': problemResponse('Missing or bad till key'),
          '422': problemResponse('The Idempotency-Key was used before with a different body'),
          '429': tooManyRequests,
        },
      },
    },
    '/pos/v1/purchases/{id}/reversal': {
      post: {
        operationId: 'reversePurchase',
        summary: "Undo this till's own approved purchase; repeating it is a no-op with the same answer",
        description: 'No body is needed; an empty body with `Content-Type: application/json` is accepted.',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          '200': {
            description: 'Reversed (now or before)',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Reversal' } } },
          },
          '400': problemResponse('A body was sent and is not valid JSON'),
          '401': problemResponse('Missing or bad till key'),
          '404': problemResponse('Unknown id, or a purchase made by another till'),
          '409': problemResponse('The purchase was declined, so there is nothing to reverse'),
          '429': tooManyRequests,
        },
      },
    },
    '/pos/v1/cards/{cardNumber}': {
      get: {
        operationId: 'getCard',
        summary: 'Look up a card of this tenant',
        parameters: [{ name: 'cardNumber', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'The card',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Card' } } },
          },
          '401': problemResponse('Missing or bad till key'),
          '404': problemResponse('No such card in this tenant'),
          '429': tooManyRequests,
        },
      },
    },
    '/pos/v1/openapi.json': {
      get: {
        operationId: 'getOpenApi',
        security: [],
        summary: 'This document',
        responses: { '200': { description: 'OpenAPI 3.1' } },
      },
    },
  },
  components: {
    securitySchemes: {
      tillKey: { type: 'http', scheme: 'bearer', description: "The till's API key, shown once at creation" },
    },
    schemas: {
      PurchaseRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['cardNumber', 'amount'],
        properties: {
          cardNumber: { type: 'string', pattern: '^[A-Za-z0-9]{1,64}$', description: 'Letters are upper-cased' },
          amount: { type: 'integer', minimum: 1, maximum: MAX_PURCHASE_AMOUNT, description: 'Øre' },
          description: {
            type: 'string',
            maxLength: MAX_DESCRIPTION_LENGTH,
            pattern: DESCRIPTION_PATTERN,
            description:
              'Printed on receipts and statements: no control characters (U+0000–U+001F, U+007F, U+0080–U+009F) and no unpaired surrogates',
          },
        },
      },
      Purchase: {
        type: 'object',
        required: ['id', 'status', 'declineReason', 'amount', 'balance', 'message'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          status: { type: 'string', enum: ['approved', 'declined'] },
          declineReason: {
            type: ['string', 'null'],
            enum: [...DECLINE_REASONS, null],
            description: 'Exactly one reason when declined, checked in the listed order',
          },
          amount: { type: 'integer' },
          balance: { type: ['integer', 'null'], description: 'Øre after the request; null when the card is unknown' },
          message: { type: 'string', description: "Short Danish text for the till's display" },
        },
      },
      Reversal: {
        type: 'object',
        required: ['id', 'status', 'balance'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          status: { type: 'string', enum: ['reversed'] },
          balance: { type: 'integer' },
        },
      },
      Card: {
        type: 'object',
        required: ['cardNumber', 'status', 'balance', 'holderName'],
        properties: {
          cardNumber: { type: 'string' },
          status: { type: 'string', enum: ['active', 'blocked', 'replaced'] },
          balance: { type: 'integer' },
          holderName: { type: 'string' },
        },
      },
      Problem: {
        type: 'object',
        required: ['type', 'title', 'status', 'detail'],
        properties: {
          type: { type: 'string', format: 'uri' },
          title: { type: 'string' },
          status: { type: 'integer' },
          detail: { type: 'string' },
          errors: {
            type: 'array',
            items: {
              type: 'object',
              required: ['field', 'message'],
              properties: { field: { type: 'string' }, message: { type: 'string' } },
            },
          },
        },
      },
    },
  },
} as const;
