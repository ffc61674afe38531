import { signedWebhookHeaders } from './webhook-signature';

describe('signedWebhookHeaders', () => {
  // The worked example of Vipps MobilePay's "Request authentication" page (webhooks-api).
  const secret = 'A0+AeKBRG2KRGvnNwJpQlb6IJFk48CKXCIcrLoHncVJKDILsQSxS6NWCccwWm6r6FhGKhiHTBsG2wo/xU6FY/A==';
  const url = 'https://webhook.site/e2cee29b-012e-4f1d-8ef4-e95fd74a7a63';
  const body = '{"some-unique-content":"ee6e441b-cc4a-46f8-895d-a5af79bcc233/hello-world"}';
  const at = new Date('Thu, 30 Mar 2023 08:38:32 GMT');

  it('reproduces the documented headers', () => {
    expect(signedWebhookHeaders(secret, url, body, at)).toEqual({
      'content-type': 'application/json; charset=utf-8',
      'x-ms-date': 'Thu, 30 Mar 2023 08:38:32 GMT',
      'x-ms-content-sha256': 'lNlsp1XA03N34HrQsVzPgJKtC+r7l/RBF4V3JQUWMj4=',
      authorization:
        'HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=agAiSyogQbDHpeucoNwYz+yAr5nJ+v+zasdkSbqzv+U=',
    });
  });

  it('signs the path with its query and the host with its port', () => {
    const plain = signedWebhookHeaders(secret, 'http://127.0.0.1:8080/hooks', body, at).authorization;
    expect(signedWebhookHeaders(secret, 'http://127.0.0.1:8080/hooks?x=1', body, at).authorization).not.toBe(plain);
    expect(signedWebhookHeaders(secret, 'http://127.0.0.1:8081/hooks', body, at).authorization).not.toBe(plain);
  });
});
