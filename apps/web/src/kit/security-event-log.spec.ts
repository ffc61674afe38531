import { hashEmail, SecurityEventLog } from './security-event-log';

describe('SecurityEventLog', () => {
  function capture(): { log: SecurityEventLog; lines: () => Record<string, unknown>[]; raw: string[] } {
    const raw: string[] = [];
    const log = new SecurityEventLog({ write: (line: string) => void raw.push(line) });
    return { log, raw, lines: () => raw.map((line) => JSON.parse(line) as Record<string, unknown>) };
  }

  it('writes one JSON line per event on the security channel, the email only as a hash', () => {
    const { log, lines, raw } = capture();
    log.record('login.failed', { tenant: 'sctibs', ip: '127.0.0.1', email: 'Forælder@Example.dk ' });
    log.record('login.succeeded', { tenant: 'sctibs', login: 'l-1' });
    expect(raw).toHaveLength(2);
    expect(raw.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 40,
        channel: 'security',
        event: 'login.failed',
        tenant: 'sctibs',
        ip: '127.0.0.1',
        emailHash: hashEmail('forælder@example.dk'),
      }),
      expect.objectContaining({ level: 30, channel: 'security', event: 'login.succeeded', login: 'l-1' }),
    ]);
    expect(raw.join('')).not.toContain('xample.dk');
  });

  it("redacts secret fields a caller passes by mistake, with the apps' shared configuration", () => {
    const { log, raw, lines } = capture();
    log.record('mitid.refused', { tenant: 'gladsaxe', cpr: '1505801234', code: '123456', password: 'p', token: 't' });
    expect(lines()[0]).toMatchObject({ cpr: '[Redacted]', code: '[Redacted]', password: '[Redacted]', app: 'web' });
    expect(raw.join('')).not.toMatch(/1505801234|123456|"p"|"t"/);
  });

  it('is written whatever LOG_LEVEL says: it is the audit trail', () => {
    const before = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'silent';
    try {
      const { log, raw } = capture();
      log.record('session.expired', { tenant: 'sctibs' });
      expect(raw).toHaveLength(1);
    } finally {
      if (before === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = before;
    }
  });
});
