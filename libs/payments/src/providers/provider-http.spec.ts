import { z } from 'zod';
import { ProviderRejectedError, ProviderUnavailableError } from '../gateway/payment-gateway';
import { providerMessageOf, sendProviderRequest } from './provider-http';

const SECRET = 'test-secret-key-0123456789abcdef';

function answering(status: number, body: string): typeof fetch {
  return async () => new Response(body, { status, headers: { 'content-type': 'application/json' } });
}

function request(responseSchema: z.ZodType = z.object({ paymentId: z.string() })) {
  return {
    method: 'POST' as const,
    url: 'https://test.api.dibspayment.eu/v1/payments?secret=no',
    headers: { authorization: SECRET },
    body: { order: {} },
    timeoutMs: 1000,
    responseSchema,
  };
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the call to fail');
}

describe('sendProviderRequest', () => {
  it('sends JSON with our headers and returns the parsed body', async () => {
    const seen: { url?: string; init?: RequestInit } = {};
    const fetchImpl: typeof fetch = async (url, init) => {
      seen.url = url instanceof Request ? url.url : url.toString();
      seen.init = init;
      return new Response('{"paymentId":"p1","extra":true}', { status: 201 });
    };
    await expect(sendProviderRequest('nexi', request(), fetchImpl)).resolves.toEqual({ paymentId: 'p1' });
    expect(seen.init?.method).toBe('POST');
    expect(seen.init?.body).toBe('{"order":{}}');
    expect(seen.init?.headers).toMatchObject({ authorization: SECRET, 'content-type': 'application/json' });
  });

  it('turns a 4xx into ProviderRejectedError with the status and the provider’s message', async () => {
    const error = await failure(
      sendProviderRequest('nexi', request(), answering(400, '{"errors":{"checkout.termsUrl":["is required"]}}')),
    );
    expect(error).toBeInstanceOf(ProviderRejectedError);
    expect((error as ProviderRejectedError).status).toBe(400);
    expect((error as ProviderRejectedError).provider).toBe('nexi');
    expect(error.message).toBe('Nexi refused POST /v1/payments (400): checkout.termsUrl: is required');

    const problem = await failure(
      sendProviderRequest(
        'mobilepay',
        request(),
        answering(409, '{"title":"Conflict","detail":"Idempotency-Key used with another body","status":409}'),
      ),
    );
    expect(problem.message).toContain('(409): Conflict – Idempotency-Key used with another body');

    const unauthorised = await failure(sendProviderRequest('nexi', request(), answering(401, '')));
    expect(unauthorised).toBeInstanceOf(ProviderRejectedError);
    expect(unauthorised.message).toContain('(401): not authorised');
  });

  it('turns a 5xx, a network failure, a timeout and an unreadable body into ProviderUnavailableError', async () => {
    const serverError = await failure(sendProviderRequest('nexi', request(), answering(503, 'down')));
    expect(serverError).toBeInstanceOf(ProviderUnavailableError);
    expect(serverError.message).toBe('Nexi POST /v1/payments failed with 503');

    const refused: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const network = await failure(sendProviderRequest('nexi', request(), refused));
    expect(network).toBeInstanceOf(ProviderUnavailableError);
    expect(network.message).toContain('could not be reached');

    const hanging: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
      });
    const timeout = await failure(sendProviderRequest('nexi', { ...request(), timeoutMs: 20 }, hanging));
    expect(timeout).toBeInstanceOf(ProviderUnavailableError);
    expect(timeout.message).toContain('no answer within 20 ms');

    for (const body of ['<html>ok</html>', '', '{"paymentId":42}']) {
      const unreadable = await failure(sendProviderRequest('nexi', request(), answering(201, body)));
      expect(unreadable).toBeInstanceOf(ProviderUnavailableError);
      expect(unreadable.message).toContain('a body we cannot read');
    }
  });

  it('never puts the key or the query in a message', async () => {
    const errors = await Promise.all([
      failure(sendProviderRequest('nexi', request(), answering(400, '{"message":"bad"}'))),
      failure(sendProviderRequest('nexi', request(), answering(500, ''))),
      failure(sendProviderRequest('nexi', request(), answering(200, 'nope'))),
    ]);
    for (const error of errors) {
      expect(error.message).not.toContain(SECRET);
      expect(error.message).not.toContain('secret=no');
    }
  });
});

describe('providerMessageOf', () => {
  it('reads Nexi’s and MobilePay’s error bodies, and cuts long ones', () => {
    expect(providerMessageOf('{"message":"Payment not found","code":"1001","source":"Internal"}')).toBe(
      '1001 – Payment not found',
    );
    expect(
      providerMessageOf(
        '{"title":"Bad Request","status":400,"extraDetails":[{"name":"reference","reason":"too short"}]}',
      ),
    ).toBe('Bad Request – reference: too short');
    expect(providerMessageOf('{"error":"unauthorized_client","error_description":"wrong client_secret"}')).toBe(
      'unauthorized_client – wrong client_secret',
    );
    expect(providerMessageOf('')).toBeUndefined();
    expect(providerMessageOf('plain words')).toBe('plain words');
    expect(providerMessageOf('x'.repeat(1000))?.length).toBe(301);
  });
});
