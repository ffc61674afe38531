import { performance } from 'node:perf_hooks';
import { PortalBrowser, type Reply } from './portal-browser';

/**
 * The two real ways into the portal, driven over plain HTTP: "Log på med E-Mail" (the login
 * page for its CSRF token and session, then the form) and MitID through the broker stand-in
 * (apps/idp-sim, an OIDC provider: the portal's redirect, the stand-in's citizen page, its
 * redirect back to the callback, and on a first sign-in the portal's CPR step).
 */

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

/** A browser on the login page with its token, ready to post the form. */
export interface LoginForm {
  readonly browser: PortalBrowser;
  readonly token: string;
  readonly who: Credentials;
}

export async function openLoginForm(browser: PortalBrowser, who: Credentials): Promise<LoginForm> {
  const page = await browser.get('/login');
  if (page.status !== 200) throw new Error(`GET /login answered ${page.status}`);
  return { browser, token: PortalBrowser.csrfToken(page.body), who };
}

/** The timed part: POST /login. A right password answers 303 to /konti. */
export function postLoginForm(form: LoginForm): Promise<Reply> {
  return form.browser.postForm('/login', {
    _csrf: form.token,
    email: form.who.email,
    password: form.who.password,
    next: '/konti',
  });
}

export function signedIn(reply: Reply): boolean {
  return reply.status === 303 && reply.location === '/konti';
}

/**
 * MitID: from the portal's button to /konti, timed as a whole (the broker's pages included).
 * `cpr` answers the portal's CPR step, which only a citizen's first sign-in meets.
 */
export async function mitIdSignIn(browser: PortalBrowser, sub: string, cpr?: string): Promise<number> {
  const start = performance.now();
  const toBroker = await browser.get('/auth/oidc');
  if (!toBroker.location || toBroker.status >= 400) throw new Error(`/auth/oidc answered ${toBroker.status}`);
  const publicOrigin = `https://${browser.host}`;
  const broker = new BrokerBrowser(publicOrigin);
  const page = await broker.get(toBroker.location);
  const action = loginAction(page.body);
  const back = await broker.postForm(new URL(action, page.url).toString(), { citizen: sub });
  if (!back.location?.startsWith(publicOrigin))
    throw new Error(`the broker did not send the citizen back (${back.status})`);
  const callback = new URL(back.location);
  let answer = await browser.get(`${callback.pathname}${callback.search}`);
  if (answer.location === '/auth/oidc/cpr') {
    if (!cpr) throw new Error(`${sub} was asked for a CPR number on a later sign-in`);
    const question = await browser.get('/auth/oidc/cpr');
    answer = await browser.postForm('/auth/oidc/cpr', { _csrf: PortalBrowser.csrfToken(question.body), cpr });
  }
  if (answer.status !== 303 || answer.location !== '/konti')
    throw new Error(`MitID sign-in of ${sub} ended with ${answer.status} ${answer.location ?? ''}`);
  return performance.now() - start;
}

/** The stand-in's citizen page: the form that picks a citizen. */
function loginAction(html: string): string {
  const action = [...html.matchAll(/<form method="post" action="([^"]+)"/g)]
    .map((m) => m[1])
    .find((a) => a.endsWith('/login'));
  if (!action) throw new Error('not the MitID stand-in login page');
  return action;
}

interface BrokerReply {
  readonly url: string;
  readonly status: number;
  readonly location?: string;
  readonly body: string;
}

/** The citizen's browser at the broker: its own cookies, redirects followed until back at the portal. */
class BrokerBrowser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly stopAt: string) {}

  async get(url: string): Promise<BrokerReply> {
    return this.follow(await this.request(url, { method: 'GET' }));
  }

  async postForm(url: string, form: Record<string, string>): Promise<BrokerReply> {
    const body = new URLSearchParams(form).toString();
    const headers = { 'content-type': 'application/x-www-form-urlencoded' };
    return this.follow(await this.request(url, { method: 'POST', body, headers }));
  }

  private async follow(first: BrokerReply): Promise<BrokerReply> {
    let reply = first;
    for (let hops = 0; reply.location && !reply.location.startsWith(this.stopAt); hops += 1) {
      if (hops > 10) throw new Error(`too many redirects at the broker, last ${reply.location}`);
      reply = await this.request(reply.location, { method: 'GET' });
    }
    return reply;
  }

  private async request(url: string, init: { method: string; body?: string; headers?: Record<string, string> }) {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, ...(cookie ? { cookie } : {}) },
    });
    for (const header of res.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const eq = pair.indexOf('=');
      const value = pair.slice(eq + 1).trim();
      if (value === '') this.cookies.delete(pair.slice(0, eq).trim());
      else this.cookies.set(pair.slice(0, eq).trim(), value);
    }
    const location = res.headers.get('location');
    return {
      url,
      status: res.status,
      location: location === null ? undefined : new URL(location, url).toString(),
      body: await res.text(),
    };
  }
}
