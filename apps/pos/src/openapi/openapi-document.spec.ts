import { parsePurchaseRequest } from '@kk/pos-authorization';
import { POS_OPENAPI_DOCUMENT } from './openapi-document';

interface Operation {
  readonly security?: readonly unknown[];
  readonly responses: Record<string, { readonly headers?: Record<string, unknown> }>;
}

function operations(): [string, Operation][] {
  return Object.entries(POS_OPENAPI_DOCUMENT.paths).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, op]): [string, Operation] => [
      `${method} ${path}`,
      op,
    ]),
  );
}

describe('the POS OpenAPI document', () => {
  const guarded = operations().filter(([, op]) => op.security === undefined || op.security.length > 0);

  it('documents 401 and 429 with Retry-After on every guarded operation', () => {
    expect(guarded.map(([name]) => name)).toEqual([
      'post /pos/v1/purchases',
      'post /pos/v1/purchases/{id}/reversal',
      'get /pos/v1/cards/{cardNumber}',
    ]);
    for (const [name, op] of guarded) {
      expect([name, Object.keys(op.responses)]).toEqual([name, expect.arrayContaining(['401', '429'])]);
      expect([name, op.responses['429'].headers]).toEqual([name, { 'Retry-After': expect.any(Object) }]);
    }
  });

  it("states the description's rules as the API applies them", () => {
    const schema = POS_OPENAPI_DOCUMENT.components.schemas.PurchaseRequest.properties.description;
    expect(schema.maxLength).toBe(200);
    const pattern = new RegExp(schema.pattern);
    // Every character below U+3000 outside the surrogate range: the pattern and the parser agree.
    for (let code = 0; code < 0x3000; code++) {
      const description = `Frokost${String.fromCharCode(code)}`;
      const accepted = parsePurchaseRequest('k', { cardNumber: '1', amount: 1, description }).ok;
      expect([code, pattern.test(description)]).toEqual([code, accepted]);
    }
    expect(schema.description).toMatch(/control characters/);
    expect(schema.description).toMatch(/surrogates/);
  });
});
