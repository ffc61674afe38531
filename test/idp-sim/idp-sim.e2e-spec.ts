import { createHash, randomBytes } from 'node:crypto';
import { freePort } from '@kk/database';
import { spawnIdpSim, type SpawnedIdpSim } from '../../apps/idp-sim/src/spawn-idp-sim';
import { TEST_CITIZEN_SUBS } from '../../apps/idp-sim/src/test-citizens';
import { parseLoginPage, TestBrowser, verifyIdTokenWithJose } from './oidc-test-browser';

const CLIENT_ID = 'gladsaxekortet';
const CLIENT_SECRET = `test-secret-${randomBytes(8).toString('hex')}`;

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  [member: string]: unknown;
}

jest.setTimeout(60_000);

describe('MitID broker stand-in (compiled, in a child process)', () => {
  let sim: SpawnedIdpSim;
  let redirectUri: string;
  let discovery: Discovery;

  beforeAll(async () => {
    // Nothing listens on the relying party's port: the browser stops at its redirect.
    redirectUri = `http://127.0.0.1:${await freePort()}/auth/oidc/callback`;
    sim = await spawnIdpSim({ port: await freePort(), clientSecret: CLIENT_SECRET, redirectUris: [redirectUri] });
    const res = await fetch(`${sim.issuer}/.well-known/openid-configuration`);
    discovery = (await res.json()) as Discovery;
  });

  afterAll(async () => {
    await sim?.stop();
  });

  function authorizationUrl(params: Record<string, string>): string {
    const url = new URL(discovery.authorization_endpoint);
    const all = { response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri, scope: 'openid', ...params };
    for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** Starts a login, picks a citizen on the login page, returns the redirect back to the client. */
  async function logIn(browser: TestBrowser, sub: string, params: Record<string, string>): Promise<URL> {
    const page = await browser.get(authorizationUrl(params));
    expect(page.status).toBe(200);
    const { loginAction } = parseLoginPage(page.body);
    const back = await browser.postForm(new URL(loginAction, page.url).toString(), { citizen: sub });
    expect(back.status).toBe(303);
    return new URL(back.location!);
  }

  async function exchange(code: string, method: 'basic' | 'post', secret = CLIENT_SECRET, extra = {}) {
    const form: Record<string, string> = {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      ...extra,
    };
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
    if (method === 'basic') {
      headers.authorization = `Basic ${Buffer.from(`${CLIENT_ID}:${secret}`).toString('base64')}`;
    } else {
      Object.assign(form, { client_id: CLIENT_ID, client_secret: secret });
    }
    const res = await fetch(discovery.token_endpoint, { method: 'POST', headers, body: new URLSearchParams(form) });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  function verify(idToken: unknown) {
    expect(typeof idToken).toBe('string');
    return verifyIdTokenWithJose(idToken as string, {
      jwksUri: discovery.jwks_uri,
      issuer: sim.issuer,
      audience: CLIENT_ID,
    });
  }

  it('publishes a discovery document for the code flow with RS256 ID tokens', () => {
    expect(discovery.issuer).toBe(sim.issuer);
    for (const endpoint of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
      expect(discovery[endpoint].startsWith(`${sim.issuer}/`)).toBe(true);
    }
    expect(discovery.response_types_supported).toEqual(['code']);
    expect(discovery.id_token_signing_alg_values_supported).toContain('RS256');
    expect(discovery.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
    );
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'ssn']));
  });

  it('shows a Danish login page listing the test citizens, with a cancel button', async () => {
    const page = await new TestBrowser(redirectUri).get(authorizationUrl({ state: 's', nonce: 'n' }));
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="da">');
    expect(page.body).toContain('Log på med MitID (testmiljø)');
    for (const name of ['Mette Sørensen', 'Lars Pedersen', 'Hanne Christensen', 'Ny borger']) {
      expect(page.body).toContain(name);
    }
    expect(page.body).toContain('>Afbryd</button>');
    expect(parseLoginPage(page.body).citizens).toEqual(expect.arrayContaining(Object.values(TEST_CITIZEN_SUBS)));
  });

  it('runs the authorization-code flow and signs an ID token jose accepts (client_secret_basic)', async () => {
    const state = randomBytes(12).toString('base64url');
    const nonce = randomBytes(12).toString('base64url');
    const back = await logIn(new TestBrowser(redirectUri), TEST_CITIZEN_SUBS.metteSorensen, {
      scope: 'openid profile mitid',
      acr_values: 'urn:grn:authn:dk:mitid:substantial',
      state,
      nonce,
    });
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    expect(back.searchParams.get('state')).toBe(state);
    const code = back.searchParams.get('code');
    expect(code).toBeTruthy();

    const token = await exchange(code!, 'basic');
    expect(token.status).toBe(200);
    expect(token.json.token_type).toBe('Bearer');
    const { payload, protectedHeader } = await verify(token.json.id_token);
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload).toMatchObject({
      iss: sim.issuer,
      aud: CLIENT_ID,
      nonce,
      sub: TEST_CITIZEN_SUBS.metteSorensen,
      name: 'Mette Sørensen',
      acr: 'urn:grn:authn:dk:mitid:substantial',
    });
    expect(payload['mitid.uuid']).toMatch(/^[0-9a-f-]{36}$/);
    // A private service provider gets no CPR from the broker.
    expect(Object.keys(payload).filter((claim) => /^(dk\.cpr|cprNumberIdentifier|nin|ssn|cpr)$/i.test(claim))).toEqual(
      [],
    );
    expect(Object.values(payload).filter((value) => typeof value === 'string' && /^\d{6}-?\d{4}$/.test(value))).toEqual(
      [],
    );

    // The same claims behind /userinfo, for clients that read the profile there.
    const userinfo = await fetch(discovery.userinfo_endpoint as string, {
      headers: { authorization: `Bearer ${token.json.access_token as string}` },
    });
    expect(await userinfo.json()).toMatchObject({ sub: TEST_CITIZEN_SUBS.metteSorensen, name: 'Mette Sørensen' });

    // A token signed by anyone else is refused by the same verification.
    const [header, body] = (token.json.id_token as string).split('.');
    const forged = `${header}.${body}.${randomBytes(256).toString('base64url')}`;
    await expect(verify(forged)).rejects.toThrow(/signature verification failed/);

    // The code is single-use.
    expect((await exchange(code!, 'basic')).status).toBe(400);
  });

  it('asks for MitID on every login, and accepts client_secret_post and PKCE', async () => {
    const browser = new TestBrowser(redirectUri);
    await logIn(browser, TEST_CITIZEN_SUBS.metteSorensen, { state: 'first' });
    // passport-openidconnect 0.1.2 prefixes "openid" to its configured scopes.
    const verifier = randomBytes(32).toString('base64url');
    const back = await logIn(browser, TEST_CITIZEN_SUBS.larsPedersen, {
      scope: 'openid openid profile',
      state: 'second',
      nonce: 'n2',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    expect(back.searchParams.get('state')).toBe('second');

    const code = back.searchParams.get('code')!;
    expect(
      (await exchange(code, 'post', CLIENT_SECRET, { code_verifier: randomBytes(32).toString('base64url') })).json
        .error,
    ).toBe('invalid_grant');
    const withVerifier = await exchange(code, 'post', CLIENT_SECRET, { code_verifier: verifier });
    expect(withVerifier.status).toBe(200);
    const { payload } = await verify(withVerifier.json.id_token);
    expect(payload).toMatchObject({ sub: TEST_CITIZEN_SUBS.larsPedersen, name: 'Lars Pedersen', nonce: 'n2' });
  });

  it('asks no consent, even when a client sends prompt=consent', async () => {
    const back = await logIn(new TestBrowser(redirectUri), TEST_CITIZEN_SUBS.nyBorger, {
      scope: 'openid profile',
      prompt: 'consent',
      state: 'consent-state',
    });
    expect(back.searchParams.get('state')).toBe('consent-state');
    const token = await exchange(back.searchParams.get('code')!, 'basic');
    const { payload } = await verify(token.json.id_token);
    expect(payload).toMatchObject({ sub: TEST_CITIZEN_SUBS.nyBorger, name: 'Sofie Nielsen' });
  });

  it('refuses a wrong client secret', async () => {
    const back = await logIn(new TestBrowser(redirectUri), TEST_CITIZEN_SUBS.hanneChristensen, { state: 's' });
    const code = back.searchParams.get('code')!;
    for (const method of ['basic', 'post'] as const) {
      const refused = await exchange(code, method, 'wrong-secret');
      expect(refused.status).toBe(401);
      expect(refused.json.error).toBe('invalid_client');
    }
    expect((await exchange(code, 'basic')).status).toBe(200);
  });

  it('returns error=access_denied with the state when the citizen cancels', async () => {
    const browser = new TestBrowser(redirectUri);
    const page = await browser.get(authorizationUrl({ state: 'cancel-state', nonce: 'n' }));
    const { abortAction } = parseLoginPage(page.body);
    const back = await browser.postForm(new URL(abortAction, page.url).toString(), {});
    const url = new URL(back.location!);
    expect(`${url.origin}${url.pathname}`).toBe(redirectUri);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe('cancel-state');
    expect(url.searchParams.has('code')).toBe(false);
  });

  it('never redirects to an unregistered redirect URI', async () => {
    const page = await new TestBrowser(redirectUri).get(
      authorizationUrl({ state: 's', redirect_uri: 'http://evil.localhost/callback' }),
    );
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
  });

  it('refuses a login form without the interaction cookie', async () => {
    const page = await new TestBrowser(redirectUri).get(authorizationUrl({ state: 's' }));
    const { loginAction } = parseLoginPage(page.body);
    const stranger = await new TestBrowser(redirectUri).postForm(new URL(loginAction, page.url).toString(), {
      citizen: TEST_CITIZEN_SUBS.metteSorensen,
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body).toContain('Login kunne ikke fortsætte');
  });
});
