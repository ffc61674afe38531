import { createHash, createHmac } from 'node:crypto';
import { parseMobilePayWebhook, verifyMobilePayWebhook, type MobilePayWebhookRequest } from './mobilepay-webhook';

// The worked example in Vipps MobilePay's request-authentication guide (webhooks-api), so the
// verifier is checked against their numbers, not only against itself.
const DOCUMENTED = {
  secret: 'A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==',
  host: 'webhook.site',
  pathAndQuery: '/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63',
  date: 'Thu, 30 Mar 2023 08:38:32 GMT',
  body: '{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}',
  contentHash: 'lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=',
  authorization:
    'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=',
};

function documentedRequest(overrides: Partial<MobilePayWebhookRequest> = {}): MobilePayWebhookRequest {
  return {
    method: 'POST',
    pathAndQuery: DOCUMENTED.pathAndQuery,
    host: DOCUMENTED.host,
    headers: {
      'x-ms-date': DOCUMENTED.date,
      'x-ms-content-sha256': DOCUMENTED.contentHash,
      authorization: DOCUMENTED.authorization,
    },
    rawBody: Buffer.from(DOCUMENTED.body),
    secret: DOCUMENTED.secret,
    now: Date.parse(DOCUMENTED.date) + 30_000,
    ...overrides,
  };
}

/** Signs like the provider does, for cases the documented example does not cover. */
function signed(body: string, options: { secret?: string; date?: string; pathAndQuery?: string; host?: string } = {}) {
  const secret = options.secret ?? 'our-registration-secret';
  const date = options.date ?? 'Mon, 01 Dec 2025 12:00:00 GMT';
  const pathAndQuery = options.pathAndQuery ?? '/webhooks/mobilepay/gladsaxe';
  const host = options.host ?? 'gladsaxekortet.example.dk';
  const contentHash = createHash('sha256').update(body).digest('base64');
  const signature = createHmac('sha256', secret)
    .update(`POST\n${pathAndQuery}\n${date};${host};${contentHash}`)
    .digest('base64');
  return {
    'x-ms-date': date,
    'x-ms-content-sha256': contentHash,
    authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
  };
}

describe('verifyMobilePayWebhook', () => {
  it('accepts the documented example', () => {
    expect(verifyMobilePayWebhook(documentedRequest())).toBe(true);
  });

  it('accepts the body as a string and header names in any case', () => {
    expect(
      verifyMobilePayWebhook(
        documentedRequest({
          rawBody: DOCUMENTED.body,
          headers: {
            'X-MS-Date': DOCUMENTED.date,
            'X-Ms-Content-Sha256': DOCUMENTED.contentHash,
            Authorization: DOCUMENTED.authorization,
          },
        }),
      ),
    ).toBe(true);
  });

  it('refuses a wrong secret', () => {
    expect(verifyMobilePayWebhook(documentedRequest({ secret: `${DOCUMENTED.secret.slice(0, -3)}B==` }))).toBe(false);
    expect(verifyMobilePayWebhook(documentedRequest({ secret: '' }))).toBe(false);
  });

  it('refuses a body that is not the one hashed and signed', () => {
    const tampered = DOCUMENTED.body.replace('hello-world', 'hello-money');
    expect(verifyMobilePayWebhook(documentedRequest({ rawBody: tampered }))).toBe(false);
    // Same JSON, other bytes: the hash is over the bytes as received.
    expect(verifyMobilePayWebhook(documentedRequest({ rawBody: DOCUMENTED.body.replace(':', ': ') }))).toBe(false);
  });

  it('refuses a content hash that is not the hash of the body, even one signed correctly', () => {
    // Headers honestly signed for one body, sent with another.
    const headersForOtherBody = signed('{"reference":"b"}');
    expect(
      verifyMobilePayWebhook({
        method: 'POST',
        pathAndQuery: '/webhooks/mobilepay/gladsaxe',
        host: 'gladsaxekortet.example.dk',
        headers: headersForOtherBody,
        rawBody: '{"reference":"a"}',
        secret: 'our-registration-secret',
        now: Date.parse(headersForOtherBody['x-ms-date']),
      }),
    ).toBe(false);
    const otherHash = createHash('sha256').update('{"reference":"b"}').digest('base64');
    expect(
      verifyMobilePayWebhook(
        documentedRequest({ headers: { ...documentedRequest().headers, 'x-ms-content-sha256': otherHash } }),
      ),
    ).toBe(false);
  });

  it('accepts a request signed the same way for our own endpoint', () => {
    const body = '{"reference":"a"}';
    const headers = signed(body);
    const request = {
      method: 'post',
      pathAndQuery: '/webhooks/mobilepay/gladsaxe',
      host: 'gladsaxekortet.example.dk',
      headers,
      rawBody: body,
      secret: 'our-registration-secret',
      now: Date.parse(headers['x-ms-date']),
    };
    expect(verifyMobilePayWebhook(request)).toBe(true);
    expect(verifyMobilePayWebhook({ ...request, secret: 'another-registration-secret' })).toBe(false);
  });

  it('refuses another path, host or method than the one signed', () => {
    expect(verifyMobilePayWebhook(documentedRequest({ pathAndQuery: `${DOCUMENTED.pathAndQuery}?x=1` }))).toBe(false);
    expect(verifyMobilePayWebhook(documentedRequest({ host: 'webhook.site:8443' }))).toBe(false);
    expect(verifyMobilePayWebhook(documentedRequest({ method: 'PUT' }))).toBe(false);
  });

  it('refuses missing, repeated or garbled headers', () => {
    const { headers } = documentedRequest();
    for (const name of ['x-ms-date', 'x-ms-content-sha256', 'authorization'] as const) {
      const { [name]: _left, ...others } = headers;
      expect(verifyMobilePayWebhook(documentedRequest({ headers: others }))).toBe(false);
      expect(verifyMobilePayWebhook(documentedRequest({ headers: { ...headers, [name]: '' } }))).toBe(false);
      expect(
        verifyMobilePayWebhook(documentedRequest({ headers: { ...headers, [name]: [String(headers[name])] } })),
      ).toBe(false);
    }
    const garbled = [
      'agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=',
      'HMAC-SHA256 Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=',
      DOCUMENTED.authorization.replace('SignedHeaders=x-ms-date;host', 'SignedHeaders=host;x-ms-date'),
      DOCUMENTED.authorization.toLowerCase(),
      `${DOCUMENTED.authorization} `,
    ];
    for (const authorization of garbled) {
      expect(verifyMobilePayWebhook(documentedRequest({ headers: { ...headers, authorization } }))).toBe(false);
    }
    expect(verifyMobilePayWebhook(documentedRequest({ headers: { ...headers, 'x-ms-date': 'yesterday' } }))).toBe(
      false,
    );
  });

  it('refuses values of another length without throwing', () => {
    const { headers } = documentedRequest();
    expect(
      verifyMobilePayWebhook(
        documentedRequest({ headers: { ...headers, authorization: `${DOCUMENTED.authorization}AA` } }),
      ),
    ).toBe(false);
    expect(verifyMobilePayWebhook(documentedRequest({ headers: { ...headers, 'x-ms-content-sha256': 'short' } }))).toBe(
      false,
    );
  });

  it('refuses a date more than five minutes from now, either way', () => {
    const sentAt = Date.parse(DOCUMENTED.date);
    expect(verifyMobilePayWebhook(documentedRequest({ now: sentAt + 4 * 60_000 }))).toBe(true);
    expect(verifyMobilePayWebhook(documentedRequest({ now: new Date(sentAt - 4 * 60_000) }))).toBe(true);
    expect(verifyMobilePayWebhook(documentedRequest({ now: sentAt + 6 * 60_000 }))).toBe(false);
    expect(verifyMobilePayWebhook(documentedRequest({ now: sentAt - 6 * 60_000 }))).toBe(false);
    // Without `now`, the real clock: the 2023 example is long stale.
    expect(verifyMobilePayWebhook(documentedRequest({ now: undefined }))).toBe(false);
  });
});

describe('parseMobilePayWebhook', () => {
  const event = {
    msn: '123456',
    reference: 'dep-0000000001',
    pspReference: '7686f7788898767977',
    name: 'AUTHORIZED',
    amount: { currency: 'DKK', value: 15000 },
    timestamp: '2025-12-01T12:00:00.000Z',
    idempotencyKey: null,
    success: true,
  };

  it('reads the documented payload, from JSON text or parsed', () => {
    const expected = {
      merchantSerialNumber: '123456',
      reference: 'dep-0000000001',
      pspReference: '7686f7788898767977',
      name: 'AUTHORIZED',
      amount: { currency: 'DKK', value: 15000 },
      timestamp: '2025-12-01T12:00:00.000Z',
      idempotencyKey: null,
      success: true,
    };
    expect(parseMobilePayWebhook(event)).toEqual({ ok: true, event: expected });
    expect(parseMobilePayWebhook(Buffer.from(JSON.stringify({ ...event, idempotencyKey: 'capture-x' })))).toEqual({
      ok: true,
      event: { ...expected, idempotencyKey: 'capture-x' },
    });
  });

  it('names what is wrong with a body that does not fit', () => {
    expect(parseMobilePayWebhook('{not json')).toEqual({ ok: false, error: 'the body is not JSON' });
    const { reference: _reference, ...withoutReference } = event;
    const missing = parseMobilePayWebhook(withoutReference);
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.error).toContain('reference');
    const wrongAmount = parseMobilePayWebhook({ ...event, amount: { currency: 'DKK', value: '150' } });
    expect(!wrongAmount.ok && wrongAmount.error).toContain('amount.value');
    expect(parseMobilePayWebhook(null).ok).toBe(false);
  });
});
