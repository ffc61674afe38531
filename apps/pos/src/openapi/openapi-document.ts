import { DECLINE_REASONS, MAX_PURCHASE_AMOUNT } from '@kk/pos-authorization';

const problem = { $ref: '#/components/schemas/Problem' };
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problem } },
});

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
          '400': problemResponse('Bad body or missing/invalid Idempotency-Key'),
          '401': problemResponse('Missing or bad till key'),
          '422': problemResponse('The Idempotency-Key was used before with a different body'),
          '429': problemResponse("The till's rate limit is exceeded; see Retry-After"),
        },
      },
    },
    '/pos/v1/purchases/{id}/reversal': {
      post: {
        operationId: 'reversePurchase',
        summary: "Undo this till's own approved purchase; repeating it is a no-op with the same answer",
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        responses: {
          '200': {
            description: 'Reversed (now or before)',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Reversal' } } },
          },
          '401': problemResponse('Missing or bad till key'),
          '404': problemResponse('Unknown id, or a purchase made by another till'),
          '409': problemResponse('The purchase was declined, so there is nothing to reverse'),
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
          description: { type: 'string', maxLength: 200 },
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
