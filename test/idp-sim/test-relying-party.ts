import { randomBytes } from 'node:crypto';
import { freePort } from '@kk/database';
import { spawnIdpSim, type SpawnedIdpSim } from '../../apps/idp-sim/src/spawn-idp-sim';
import { parseLoginPage, TestBrowser, verifyIdTokenWithJose } from './oidc-test-browser';

export const TEST_CLIENT_ID = 'gladsaxekortet';

/**
 * Where NEB serves its MitID CPR Match API, relative to the broker's issuer. Spelled out, not
 * imported from the stand-in, so that these tests hold it to NEB's path.
 */
export const CPR_MATCH_PATH = '/api/v1/mitid/matchCpr';

export interface Discovery {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly userinfo_endpoint: string;
  readonly jwks_uri: string;
  readonly [member: string]: unknown;
}

/** What a relying party holds after one MitID login and its code exchange. */
export interface MitIdLogin {
  readonly accessToken: string;
  readonly expiresIn: unknown;
  /** The ID token's payload, after jose checked its signature, issuer and audience. */
  readonly idToken: Record<string, unknown>;
  readonly idTokenJwt: string;
}

export interface PlainResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

/**
 * The gladsaxekortet client of a freshly spawned stand-in, as far as the tests need one: it
 * logs a test citizen in through the login page, exchanges the code and calls the broker's
 * APIs with the access token.
 */
export class TestRelyingParty {
  private constructor(
    private readonly sim: SpawnedIdpSim,
    readonly discovery: Discovery,
    readonly redirectUri: string,
    private readonly clientSecret: string,
  ) {}

  static async start(): Promise<TestRelyingParty> {
    // Nothing listens on the relying party's port: the browser stops at its redirect.
    const redirectUri = `http://127.0.0.1:${await freePort()}/auth/oidc/callback`;
    const clientSecret = `test-secret-${randomBytes(8).toString('hex')}`;
    const sim = await spawnIdpSim({ port: await freePort(), clientSecret, redirectUris: [redirectUri] });
    const res = await fetch(`${sim.issuer}/.well-known/openid-configuration`);
    return new TestRelyingParty(sim, (await res.json()) as Discovery, redirectUri, clientSecret);
  }

  get issuer(): string {
    return this.sim.issuer;
  }

  stop(): Promise<void> {
    return this.sim.stop();
  }

  authorizationUrl(params: Record<string, string>): string {
    const url = new URL(this.discovery.authorization_endpoint);
    const all = { response_type: 'code', client_id: TEST_CLIENT_ID, redirect_uri: this.redirectUri, ...params };
    for (const [name, value] of Object.entries(all)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** One whole MitID login of the citizen with this sub, in a browser of its own. */
  async logIn(sub: string, scope: string): Promise<MitIdLogin> {
    const browser = new TestBrowser(this.redirectUri);
    const page = await browser.get(this.authorizationUrl({ scope, state: randomBytes(8).toString('hex') }));
    const back = await browser.postForm(new URL(parseLoginPage(page.body).loginAction, page.url).toString(), {
      citizen: sub,
    });
    const code = back.location ? new URL(back.location).searchParams.get('code') : null;
    if (!code) throw new Error(`the login of ${sub} ended without a code: ${back.status} ${back.location ?? ''}`);
    const tokens = await this.exchange(code);
    if (typeof tokens.access_token !== 'string' || typeof tokens.id_token !== 'string') {
      throw new Error(`the code exchange gave no tokens: ${JSON.stringify(tokens)}`);
    }
    const { payload } = await verifyIdTokenWithJose(tokens.id_token, {
      jwksUri: this.discovery.jwks_uri,
      issuer: this.sim.issuer,
      audience: TEST_CLIENT_ID,
    });
    return {
      accessToken: tokens.access_token,
      expiresIn: tokens.expires_in,
      idToken: payload,
      idTokenJwt: tokens.id_token,
    };
  }

  async userinfo(accessToken: string): Promise<Record<string, unknown>> {
    const res = await fetch(this.discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${accessToken}` } });
    return (await res.json()) as Record<string, unknown>;
  }

  /** NEB's MitID CPR Match API; `authorization` is the whole header, omitted when undefined. */
  async matchCpr(authorization: string | undefined, body: string, method = 'POST'): Promise<PlainResponse> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (authorization !== undefined) headers.authorization = authorization;
    const res = await fetch(`${this.sim.issuer}${CPR_MATCH_PATH}`, {
      method,
      headers,
      ...(method === 'GET' ? {} : { body }),
    });
    return { status: res.status, headers: res.headers, body: await res.text() };
  }

  private async exchange(code: string): Promise<Record<string, unknown>> {
    const basic = Buffer.from(`${TEST_CLIENT_ID}:${this.clientSecret}`).toString('base64');
    const res = await fetch(this.discovery.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: this.redirectUri }),
    });
    return (await res.json()) as Record<string, unknown>;
  }
}

/** The JSON body of a CPR match call asking about this CPR. */
export function cprBody(cpr: string): string {
  return JSON.stringify({ cpr });
}
