import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { freePort } from '@kk/database';
import { createPerson } from '@kk/testing';
import { spawnIdpSim, type SpawnedIdpSim } from '../../apps/idp-sim/src/spawn-idp-sim';
import { TEST_CITIZENS } from '../../apps/idp-sim/src/test-citizens';
import { parseLoginPage, TestBrowser } from '../idp-sim/oidc-test-browser';
import { csrfTokenOf, startPortalTestApp, type PortalTestApp, type PortalTestOptions } from './portal-test-app';

export type Agent = ReturnType<typeof request.agent>;

/** The portal against a spawned MitID broker stand-in, with the stand-in's citizens' cards. */
export interface MitIdTestBed {
  readonly portal: PortalTestApp;
  readonly sim: SpawnedIdpSim;
  readonly host: string;
  agent(): Agent;
  /** Starts at the portal and picks the citizen at the broker: the broker's redirect back (not yet followed). */
  brokerAnswer(a: Agent, sub: string): Promise<URL>;
  /** brokerAnswer, then back at the portal: its reply. */
  logIn(a: Agent, sub: string): Promise<request.Response>;
  /** Follows a broker redirect back to the portal in the browser `a`. */
  returnTo(a: Agent, url: URL): Promise<request.Response>;
  /** The CPR step: its page (for the token), then the form. */
  postCpr(a: Agent, cpr: string): Promise<request.Response>;
  stop(): Promise<void>;
}

export function citizen(sub: string): { name: string; cpr?: string } {
  const found = TEST_CITIZENS.find((c) => c.sub === sub);
  if (!found) throw new Error(`no test citizen ${sub}`);
  return found;
}

/** `withCards`: the citizens (by sub) the municipality has a card for. */
export async function startMitIdTestBed(
  withCards: readonly string[],
  options: Omit<PortalTestOptions, 'oidc'> = {},
): Promise<MitIdTestBed> {
  const issuer = `http://localhost:${await freePort()}`;
  const clientSecret = `test-secret-${randomBytes(8).toString('hex')}`;
  const portal = await startPortalTestApp({ ...options, oidc: { issuer, clientSecret } });
  const host = portal.oidcTenant.hosts[0];
  // supertest sends Host without a port, so that is the origin the portal calls back to, unless
  // the portal's port was fixed at start (payments): then its links carry it.
  const callback = `${portal.origin(host)}/auth/oidc/callback`;
  const sim = await spawnIdpSim({ port: Number(new URL(issuer).port), clientSecret, redirectUris: [callback] });
  for (const sub of withCards) {
    const { name, cpr } = citizen(sub);
    if (!cpr) throw new Error(`${name} has no CPR number`);
    await createPerson(portal.ds, portal.oidcTenant.slug, { cpr, name });
  }
  const agent = (): Agent => request.agent(portal.app.getHttpServer());

  async function brokerAnswer(a: Agent, sub: string): Promise<URL> {
    const start = await a.get('/auth/oidc').set('Host', host);
    if (start.status !== 302) throw new Error(`/auth/oidc answered ${start.status}`);
    const broker = new TestBrowser(callback);
    const page = await broker.get(String(start.headers.location));
    const { loginAction } = parseLoginPage(page.body);
    const back = await broker.postForm(new URL(loginAction, page.url).toString(), { citizen: sub });
    return new URL(back.location!);
  }
  const returnTo = (a: Agent, url: URL) => a.get(`${url.pathname}${url.search}`).set('Host', host);
  const logIn = async (a: Agent, sub: string) => returnTo(a, await brokerAnswer(a, sub));

  async function postCpr(a: Agent, cpr: string): Promise<request.Response> {
    const page = await a.get('/auth/oidc/cpr').set('Host', host);
    if (page.status !== 200) return page;
    return a
      .post('/auth/oidc/cpr')
      .set('Host', host)
      .type('form')
      .send({ _csrf: csrfTokenOf(page.text), cpr });
  }

  return {
    portal,
    sim,
    host,
    agent,
    brokerAnswer,
    logIn,
    returnTo,
    postCpr,
    stop: async () => {
      await sim.stop();
      await portal.close();
    },
  };
}
