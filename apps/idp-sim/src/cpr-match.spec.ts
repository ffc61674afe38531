import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CprMatchAttempts } from './cpr-match-attempts';
import { CPR_MATCH_PATH, cprMatchHandler, loginTimeClaims } from './cpr-match';
import type { OidcAccessToken, OidcKoaContext } from './oidc-provider-types';
import { findTestCitizen, TEST_CITIZEN_SUBS } from './test-citizens';

// oidc-provider cannot be loaded by jest, so these tests put the handler behind a plain HTTP
// server with stand-ins for its two models and a clock they move: what e2e tests cannot wait for.
// The tries are counted across the tests, so each uses broker sessions of its own.

const LOGIN_TIME = 1_700_000_000;
const WINDOW_PASSED = { errorMessage: 'Cpr Match is only allowed within 15 minutes of the MitID session.' };

function accessToken(overrides: Partial<OidcAccessToken> = {}): OidcAccessToken {
  return {
    accountId: TEST_CITIZEN_SUBS.metteSorensen,
    clientId: 'gladsaxekortet',
    sessionUid: 'session-1',
    gty: 'authorization_code',
    extra: { auth_time: LOGIN_TIME },
    isExpired: false,
    ...overrides,
  };
}

describe('cprMatchHandler', () => {
  const tokens = new Map<string, OidcAccessToken>();
  const clients = new Set(['gladsaxekortet']);
  let now = LOGIN_TIME;
  let server: Server;
  let url: string;

  beforeAll(async () => {
    const handle = cprMatchHandler({
      accessTokens: { find: async (value) => tokens.get(value) },
      clients: { find: async (clientId) => (clients.has(clientId) ? { clientId } : undefined) },
      now: () => now,
    });
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${CPR_MATCH_PATH}`;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  beforeEach(() => {
    tokens.clear();
    now = LOGIN_TIME;
  });

  async function match(token: string): Promise<{ status: number; body: string }> {
    const cpr = findTestCitizen(TEST_CITIZEN_SUBS.metteSorensen)?.cpr ?? '';
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cpr }),
    });
    return { status: res.status, body: await res.text() };
  }

  it('allows a match for 15 minutes from the MitID login, however late the token came', async () => {
    tokens.set('token', accessToken());
    now = LOGIN_TIME + 15 * 60;
    expect(await match('token')).toEqual({ status: 200, body: '{"cprNumberMatch":true}' });
    now += 1;
    const late = await match('token');
    expect(late.status).toBe(400);
    expect(JSON.parse(late.body)).toEqual(WINDOW_PASSED);
  });

  it('counts the tries of each broker session, not of each token', async () => {
    tokens.set('first', accessToken({ sessionUid: 'counted' }));
    tokens.set('same-login', accessToken({ sessionUid: 'counted' }));
    tokens.set('other-login', accessToken({ sessionUid: 'counted-apart' }));
    for (const token of ['first', 'same-login', 'first']) expect((await match(token)).status).toBe(200);
    expect((await match('same-login')).status).toBe(400);
    expect((await match('other-login')).status).toBe(200);
  });

  it('answers 401 for a token not from a code exchange, without a login, expired or of an unknown client', async () => {
    tokens.set('ok', accessToken({ sessionUid: 'session-3' }));
    tokens.set('client-credentials', accessToken({ gty: 'client_credentials' }));
    tokens.set('no-login-time', accessToken({ extra: {} }));
    tokens.set('no-session', accessToken({ sessionUid: undefined }));
    tokens.set('expired', accessToken({ isExpired: true }));
    tokens.set('unknown-client', accessToken({ clientId: 'removed-client' }));
    expect((await match('ok')).status).toBe(200);
    for (const token of ['client-credentials', 'no-login-time', 'no-session', 'expired', 'unknown-client']) {
      expect({ token, ...(await match(token)) }).toEqual({ token, status: 401, body: '' });
    }
  });

  it('answers 413 to a body over 4 KB sent without a length, and reads the next call on the same server', async () => {
    tokens.set('token', accessToken({ sessionUid: 'streamed' }));
    const cpr = findTestCitizen(TEST_CITIZEN_SUBS.metteSorensen)?.cpr ?? '';
    const chunk = new TextEncoder().encode(`{"cpr":"${cpr}","padding":"${'x'.repeat(1024)}`);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 8; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer token', 'content-type': 'application/json' },
      body,
      duplex: 'half',
    });
    expect(res.headers.get('content-length')).toBe('0');
    expect(res.status).toBe(413);
    expect((await match('token')).status).toBe(200);
  });
});

describe('loginTimeClaims', () => {
  function context(authTime?: number): OidcKoaContext {
    return { oidc: { entities: { AuthorizationCode: { authTime } } } } as unknown as OidcKoaContext;
  }

  it('gives an access token the time of the login its authorization code came from', () => {
    expect(loginTimeClaims(context(LOGIN_TIME), { kind: 'AccessToken' })).toEqual({ auth_time: LOGIN_TIME });
  });

  it('gives nothing to other tokens or without a code', () => {
    expect(loginTimeClaims(context(LOGIN_TIME), { kind: 'ClientCredentials' })).toBeUndefined();
    expect(loginTimeClaims(context(undefined), { kind: 'AccessToken' })).toBeUndefined();
    expect(loginTimeClaims(undefined, { kind: 'AccessToken' })).toBeUndefined();
  });
});

describe('CprMatchAttempts', () => {
  it('counts every call of a login', () => {
    const attempts = new CprMatchAttempts();
    expect([1, 2, 3, 4].map(() => attempts.count('a', 100, 0))).toEqual([1, 2, 3, 4]);
    expect(attempts.count('b', 100, 0)).toBe(1);
  });

  it('stays bounded, forgetting logins whose window is over before any other', () => {
    const attempts = new CprMatchAttempts(3);
    attempts.count('live-1', 100, 0);
    attempts.count('over', 10, 0);
    attempts.count('live-2', 100, 0);
    attempts.count('live-3', 100, 50);
    expect(attempts.size).toBe(3);
    expect(attempts.count('live-1', 100, 50)).toBe(2);
    expect(attempts.count('live-2', 100, 50)).toBe(2);
    expect(attempts.size).toBe(3);
  });

  it('when full of live logins, lets the oldest go', () => {
    const attempts = new CprMatchAttempts(2);
    attempts.count('oldest', 100, 0);
    attempts.count('newer', 100, 0);
    attempts.count('newest', 100, 0);
    expect(attempts.size).toBe(2);
    expect(attempts.count('newer', 100, 0)).toBe(2);
    expect(attempts.count('oldest', 100, 0)).toBe(1);
  });
});
