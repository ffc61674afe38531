import { createLogger } from './logger';
import { REDACTED, redactUrl } from './redaction';

describe('redactUrl', () => {
  it.each([
    ['/pos/v1/cards/1000200030004001', '/pos/v1/cards/[Redacted]'],
    ['/pos/v1/cards/not-a-number', '/pos/v1/cards/[Redacted]'],
    ['/pos/v1/cards/1000200030004001/extra', '/pos/v1/cards/[Redacted]/extra'],
    ['/pos/v1/cards/', '/pos/v1/cards/'],
    ['/pos/v1/purchases', '/pos/v1/purchases'],
  ])('replaces the segment after a secret prefix: %s', (url, expected) => {
    expect(redactUrl(url, ['/pos/v1/cards/'])).toBe(expected);
  });

  it('replaces OIDC code and state, emailed tokens and CPR-like query values, and keeps the rest', () => {
    expect(redactUrl('/auth/oidc/callback?code=abc&state=def&iss=https%3A%2F%2Fidp')).toBe(
      '/auth/oidc/callback?code=[Redacted]&state=[Redacted]&iss=https%3A%2F%2Fidp',
    );
    expect(redactUrl('/nulstil?token=s3cr3t')).toBe('/nulstil?token=[Redacted]');
    expect(redactUrl('/x?Code=a&%73tate=b')).toBe('/x?Code=[Redacted]&%73tate=[Redacted]');
    expect(redactUrl('/x?q=150580-1234&n=2')).toBe('/x?q=[Redacted]&n=2');
  });

  it('replaces CPR and card numbers anywhere in the path, but not the digits of a UUID', () => {
    expect(redactUrl('/a/1505801234/b/150580-1234/c/1000200030004001')).toBe('/a/[Redacted]/b/[Redacted]/c/[Redacted]');
    const uuid = '/purchases/12345678-1234-4234-8234-123456789012/reversal';
    expect(redactUrl(uuid)).toBe(uuid);
  });
});

describe('the shared pino configuration', () => {
  function logged(object: Record<string, unknown>): Record<string, unknown> {
    const lines: string[] = [];
    createLogger({ app: 'test', level: 'info', destination: { write: (line: string) => void lines.push(line) } }).info(
      object,
      'x',
    );
    return JSON.parse(lines[0]) as Record<string, unknown>;
  }

  it('redacts secret fields at the top level, in the usual containers and in a job payload', () => {
    const line = logged({
      cpr: '1505801234',
      password: 'p',
      body: { password: 'p', cpr: '1505801234', email: 'kept@example.dk' },
      form: { newPassword: 'p', code: '123456' },
      data: { tenantId: 't', payload: { token: 'tok', cardNumber: '1000200030004001' } },
      err: { apiKey: 'k' },
    });
    expect(line).toMatchObject({
      cpr: REDACTED,
      password: REDACTED,
      body: { password: REDACTED, cpr: REDACTED, email: 'kept@example.dk' },
      form: { newPassword: REDACTED, code: REDACTED },
      data: { tenantId: 't', payload: { token: REDACTED, cardNumber: REDACTED } },
    });
    expect(JSON.stringify(line)).not.toMatch(/1505801234|1000200030004001|"tok"|"k"/);
  });

  it('redacts credentials in request and response headers', () => {
    const line = logged({
      req: { headers: { authorization: 'Bearer kk_x', cookie: 'kk.sid=s', 'x-api-key': 'k', host: 'h' } },
      res: { headers: { 'set-cookie': ['kk.sid=s'] } },
    });
    expect(line).toMatchObject({
      req: { headers: { authorization: REDACTED, cookie: REDACTED, 'x-api-key': REDACTED, host: 'h' } },
      res: { headers: { 'set-cookie': REDACTED } },
    });
  });

  it('writes JSON lines with the app and an ISO time', () => {
    expect(logged({})).toMatchObject({ level: 30, app: 'test', msg: 'x', time: expect.stringMatching(/^\d{4}-/) });
  });
});
