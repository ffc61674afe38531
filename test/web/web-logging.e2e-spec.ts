import request from 'supertest';
import { captureLogs, type LogCapture, uniqueCpr } from '@kk/testing';
import {
  createEmailLogin,
  postForm,
  signInWithPassword,
  startPortalTestApp,
  type PortalTestApp,
  type TestLogin,
} from './portal-test-app';

/** The portal's JSON request lines, read from a log destination of the test's own. */
describe('portal request logs', () => {
  let portal: PortalTestApp;
  let logs: LogCapture;
  let host: string;
  let login: TestLogin;
  const strangerCpr = uniqueCpr();

  beforeAll(async () => {
    logs = captureLogs();
    portal = await startPortalTestApp({ log: { level: 'info', destination: logs.destination } });
    host = portal.emailTenant.hosts[0];
    login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Lone Logget', balance: 0 });
  });
  afterAll(() => portal.close());

  type Agent = ReturnType<typeof request.agent>;
  const requestLine = (id: string) => logs.waitFor((line) => line.reqId === id && typeof line.res === 'object');

  /** Signs in with the form's request logged as `login-1` (the page's request gets an id of its own). */
  async function signedIn(): Promise<Agent> {
    const a = request.agent(portal.app.getHttpServer());
    const res = await signInWithPassword(a, host, login, '/konti', { formHeaders: { 'X-Request-Id': 'login-1' } });
    expect(res.status).toBe(303);
    return a;
  }

  it('logs a signed-in page with request id, tenant and login, the session cookie redacted', async () => {
    const a = await signedIn();
    const res = await a.get('/konti').set('Host', host).set('X-Request-Id', 'konti-1').expect(200);
    expect(res.headers['x-request-id']).toBe('konti-1');
    const line = await requestLine('konti-1');
    expect(line).toMatchObject({
      app: 'web',
      reqId: 'konti-1',
      tenant: portal.emailTenant.slug,
      loginId: login.loginId,
      req: { id: 'konti-1', method: 'GET', url: '/konti', headers: expect.objectContaining({ cookie: '[Redacted]' }) },
      res: { statusCode: 200 },
    });
  });

  it('logs the sign-in itself with the tenant and the login it signed in, never the password', async () => {
    expect(await requestLine('login-1')).toMatchObject({
      tenant: portal.emailTenant.slug,
      loginId: login.loginId,
      req: { method: 'POST', url: '/login' },
      res: { statusCode: 303 },
    });
  });

  it('redacts the Authorization header, a CPR in a form and the OIDC code and state in a URL', async () => {
    const a = await signedIn();
    await postForm(a, host, '/konti/tilfoej', { cpr: strangerCpr, cardNumber: '1000200030004001' }, '/konti/tilfoej', {
      formHeaders: { 'X-Request-Id': 'add-1', Authorization: 'Basic c2VjcmV0LXVzZXI6c2VjcmV0LXBhc3M=' },
    });
    const added = await requestLine('add-1');
    expect(added).toMatchObject({ loginId: login.loginId, req: { headers: { authorization: '[Redacted]' } } });

    await request(portal.app.getHttpServer())
      .get('/auth/oidc/callback?code=the-oidc-code-123&state=the-oidc-state-456&iss=x')
      .set('Host', portal.oidcTenant.hosts[0])
      .set('X-Request-Id', 'callback-1');
    const callback = await requestLine('callback-1');
    expect(callback).toMatchObject({
      // No broker in this test: the portal answers 503, logged at error.
      level: 50,
      tenant: portal.oidcTenant.slug,
      req: { url: '/auth/oidc/callback?code=[Redacted]&state=[Redacted]&iss=x' },
    });
    expect(callback).not.toHaveProperty('loginId');
  });

  it('never wrote a password, CPR, card number, session cookie or OIDC code, over this whole file', () => {
    const text = logs.text();
    for (const secret of [login.password, login.cpr, strangerCpr, login.cardNumber, 'the-oidc-code', 'c2VjcmV0']) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/kk\.sid=|kk\.csrf=/);
  });
});
