import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

/** One response of a request that does not follow redirects. */
export interface BrowserResponse {
  readonly url: string;
  readonly status: number;
  readonly location?: string;
  readonly body: string;
}

/**
 * A browser without JavaScript, as far as an OIDC login needs one: keeps cookies (ignoring
 * paths, which are unique per interaction anyway), follows redirects one by one and stops at
 * the relying party's redirect URI, which nothing serves in these tests.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly stopAt: string) {}

  async get(url: string): Promise<BrowserResponse> {
    return this.follow(await this.request(url, { method: 'GET' }));
  }

  async postForm(url: string, form: Record<string, string>): Promise<BrowserResponse> {
    const body = new URLSearchParams(form).toString();
    return this.follow(
      await this.request(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );
  }

  private async follow(first: BrowserResponse): Promise<BrowserResponse> {
    let response = first;
    for (let hops = 0; response.location && !response.location.startsWith(this.stopAt); hops++) {
      if (hops > 10) throw new Error(`too many redirects, last ${response.location}`);
      response = await this.request(response.location, { method: 'GET' });
    }
    return response;
  }

  private async request(url: string, init: RequestInit): Promise<BrowserResponse> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const header of res.headers.getSetCookie()) this.store(header);
    const location = res.headers.get('location');
    return {
      url,
      status: res.status,
      location: location === null ? undefined : new URL(location, url).toString(),
      body: await res.text(),
    };
  }

  private store(header: string): void {
    const [pair, ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expires = attributes.map((a) => a.trim()).find((a) => a.toLowerCase().startsWith('expires='));
    const expired = expires !== undefined && Date.parse(expires.slice('expires='.length)) <= Date.now();
    if (value === '' || expired) this.cookies.delete(name);
    else this.cookies.set(name, value);
  }
}

/** The form actions and citizen buttons of the stand-in's login page. */
export function parseLoginPage(html: string): { loginAction: string; abortAction: string; citizens: string[] } {
  const actions = [...html.matchAll(/<form method="post" action="([^"]+)"/g)].map((m) => m[1]);
  const loginAction = actions.find((a) => a.endsWith('/login'));
  const abortAction = actions.find((a) => a.endsWith('/abort'));
  if (!loginAction || !abortAction) throw new Error(`not the login page:\n${html}`);
  const citizens = [...html.matchAll(/name="citizen" value="([^"]+)"/g)].map((m) => m[1]);
  return { loginAction, abortAction, citizens };
}

export interface VerifiedIdToken {
  readonly payload: Record<string, unknown>;
  readonly protectedHeader: Record<string, unknown>;
}

// jose 6 is ESM-only and jest's VM cannot load it on Node 20, so the signature is checked
// by jose in a child Node process, the way a relying party would: keys from the JWKS URI.
const VERIFY_SCRIPT = `
import { createRemoteJWKSet, jwtVerify } from 'jose';
const [token, jwksUri, issuer, audience] = process.argv.slice(1);
const keys = createRemoteJWKSet(new URL(jwksUri));
const { payload, protectedHeader } = await jwtVerify(token, keys, { issuer, audience, algorithms: ['RS256'] });
process.stdout.write(JSON.stringify({ payload, protectedHeader }));
`;

export function verifyIdTokenWithJose(
  idToken: string,
  expected: { jwksUri: string; issuer: string; audience: string },
): Promise<VerifiedIdToken> {
  const args = [
    '--input-type=module',
    '-e',
    VERIFY_SCRIPT,
    idToken,
    expected.jwksUri,
    expected.issuer,
    expected.audience,
  ];
  return new Promise((done, fail) => {
    // The repository root, so that 'jose' resolves from its node_modules.
    execFile(process.execPath, args, { cwd: resolve(__dirname, '..', '..') }, (error, stdout, stderr) => {
      if (error) fail(new Error(`jose refused the ID token: ${stderr.trim()}`));
      else done(JSON.parse(stdout) as VerifiedIdToken);
    });
  });
}
