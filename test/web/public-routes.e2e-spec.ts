import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { IS_PUBLIC_KEY } from '../../apps/web/src/kit';
import { declaredRoutes, startSmtpCatcher, type SmtpCatcher } from '@kk/testing';
import { startGatewaySim, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';
import { csrfTokenOf, startPortalTestApp, type PortalTestApp } from './portal-test-app';

/** Every route handler of the app, read from the controllers' own metadata. */
const routes = (app: NestExpressApplication) => declaredRoutes(app, IS_PUBLIC_KEY);

describe('every portal route is explicitly public or refuses a visitor without a session', () => {
  let portal: PortalTestApp;
  let smtp: SmtpCatcher;
  let gateway: RunningGatewaySim;
  // Every optional part switched on, so the walk sees every route the portal can have.
  beforeAll(async () => {
    smtp = await startSmtpCatcher();
    gateway = await startGatewaySim({ port: 0 });
    portal = await startPortalTestApp({ email: { smtpUrl: smtp.url }, payments: { gatewayUrl: gateway.url } });
  });
  afterAll(async () => {
    await portal.close();
    await gateway.stop();
    await smtp.stop();
  });

  it('finds the public pages and the signed-in ones', () => {
    const names = routes(portal.app).map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'get /',
        'get /health',
        'get /login',
        'post /login',
        'get /konti',
        'post /logout',
        'get /konti/x1/indbetal',
        'post /konti/x1/indbetal',
        'get /indbetalinger/x1',
      ]),
    );
  });

  it('sends a visitor without a session to the login page on every other route, forms with a valid CSRF token too', async () => {
    const host = portal.emailTenant.hosts[0];
    // A visitor's browser: the CSRF cookie and token of an anonymous page, so that a POST
    // passes the CSRF check and only the sign-in guard can stop it.
    const visitor = request.agent(portal.app.getHttpServer());
    const csrf = csrfTokenOf((await visitor.get('/login').set('Host', host)).text);
    const unguarded: string[] = [];
    const nonPublic = routes(portal.app).filter((r) => !r.isPublic);
    for (const route of nonPublic) {
      const res =
        route.method === 'post'
          ? await visitor.post(route.path).set('Host', host).type('form').send({ _csrf: csrf })
          : await visitor.get(route.path).set('Host', host);
      const toLogin = res.status === 303 && String(res.headers.location).startsWith('/login');
      if (!toLogin) unguarded.push(`${route.name} -> ${res.status}`);
    }
    expect(nonPublic.filter((r) => r.method === 'post').length).toBeGreaterThan(2);
    expect(unguarded).toEqual([]);
  });

  it('keeps the list of public routes to those meant to be public', () => {
    const publicRoutes = routes(portal.app)
      .filter((r) => r.isPublic)
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(publicRoutes).toEqual(
      [
        'get /',
        'get /health',
        // Probes and the scrape (HealthController, MetricsController): on any host, no tenant data.
        'get /health/live',
        'get /health/ready',
        'get /metrics',
        'get /login',
        'get /sprog',
        'get /theme/x1',
        'post /login',
        // The code from the app after a right password (only for a session that gave one).
        'get /login/kode',
        'post /login/kode',
        // MitID: the redirect, the broker's answer and the first-login CPR question (the last
        // two answer only a session holding a state or an identity the broker just proved).
        'get /auth/oidc',
        'get /auth/oidc/callback',
        // Email sign-up (seed 000, steps 1–7, resumable by the emailed link) and forgot password.
        'get /opret',
        'post /opret',
        'get /opret/elev',
        'post /opret/elev',
        'get /opret/aktivering',
        'post /opret/aktivering',
        'get /opret/adgangskode',
        'post /opret/adgangskode',
        'get /opret/bekraeftelse',
        'get /opret/fortsaet',
        'get /glemt-adgangskode',
        'post /glemt-adgangskode',
        'get /nulstil',
        'post /nulstil',
        'get /nulstil/udfoert',
        'get /auth/oidc/cpr',
        'post /auth/oidc/cpr',
        // "Handelsbetingelser og vilkår", linked from the providers' pages; the providers'
        // webhooks, proven by Nexi's authorization value or MobilePay's signature instead.
        'get /handelsbetingelser',
        'post /betaling/webhooks/x1',
      ].sort(),
    );
  });
});
