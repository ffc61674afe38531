import { randomUUID } from 'node:crypto';
import { inTenant } from '@kk/database';
import { accountAlertAmount, unescapeHtml } from '@kk/testing';
import {
  createEmailLogin,
  postForm,
  signedInAgent,
  startPortalTestApp,
  type PortalTestApp,
  type TestLogin,
} from './portal-test-app';

/**
 * "Besked ved lav saldo": the settings form on its own page, every bad input refused beside its
 * field with what was typed kept, "Slå beskeden fra", the amount the till compares with kept as
 * the highest of the account's alerts, and 404 for any account the login may not see.
 */
let portal: PortalTestApp;
let host: string;
let tenant: string;

beforeAll(async () => {
  portal = await startPortalTestApp();
  host = portal.emailTenant.hosts[0];
  tenant = portal.emailTenant.slug;
});
afterAll(() => portal?.close());

const NBSP = '\u00a0';
const pathOf = (accountId: string) => `/konti/${accountId}/saldo-besked`;

async function parent(): Promise<{ login: TestLogin; agent: Awaited<ReturnType<typeof signedInAgent>> }> {
  const login = await createEmailLogin(portal.ds, tenant, { balance: 12_345 });
  return { login, agent: await signedInAgent(portal.app, host, login) };
}

type Agent = Awaited<ReturnType<typeof signedInAgent>>;

const save = (agent: Agent, accountId: string, form: Record<string, string>, pagePath = pathOf(accountId)) =>
  postForm(agent, host, pathOf(accountId), form, pagePath);

const subscriptionRows = (accountId: string) =>
  inTenant(portal.ds, tenant, (tx) =>
    tx.query<{ login_id: string; below: string | null; email: string; locale: string }>(
      'SELECT login_id, below, email, locale FROM balance_alert_subscriptions WHERE tenant_id = $1 AND account_id = $2',
      [tenant, accountId],
    ),
  );

const text = (html: string) => unescapeHtml(html);

describe('Besked ved lav saldo', () => {
  it('is linked from Mine konti and offers the login’s own e-mail', async () => {
    const { login, agent } = await parent();
    const accounts = await agent.get('/konti').set('Host', host);
    expect(accounts.text).toContain(`href="${pathOf(login.accountId)}"`);
    expect(accounts.text).toContain('>Besked ved lav saldo</a>');

    const page = await agent.get(pathOf(login.accountId)).set('Host', host);
    expect(page.status).toBe(200);
    expect(text(page.text)).toContain(`Saldoen er nu 123,45${NBSP}kr.`);
    expect(text(page.text)).toContain('Beskeden er slået fra.');
    expect(page.text).toContain(`value="${login.email}"`);
  });

  it('saves an amount in whole kroner and an address, and the till compares with it at once', async () => {
    const { login, agent } = await parent();
    const res = await save(agent, login.accountId, { amount: ' 75 ', email: 'Mor@Example.dk' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${pathOf(login.accountId)}?besked=gemt`);

    const page = await agent.get(String(res.headers.location)).set('Host', host);
    expect(text(page.text)).toContain('Beskeden er gemt.');
    expect(text(page.text)).toContain(
      `Beskeden er slået til: en e-mail til mor@example.dk, når saldoen efter et køb er under 75,00${NBSP}kr.`,
    );
    expect(page.text).toContain('value="75"');
    expect(await subscriptionRows(login.accountId)).toEqual([
      { login_id: login.loginId, below: '7500', email: 'mor@example.dk', locale: 'da' },
    ]);
    expect(await accountAlertAmount(portal.ds, tenant, login.accountId)).toBe(7_500);
  });

  it.each([
    [{ amount: '', email: 'mor@example.dk' }, { amount: 'Skriv et beløb i hele kroner' }],
    [{ amount: '50,50', email: 'mor@example.dk' }, { amount: 'Skriv beløbet i hele kroner, fx 50' }],
    [{ amount: '50 kr', email: 'mor@example.dk' }, { amount: 'Skriv beløbet i hele kroner, fx 50' }],
    [{ amount: '-5', email: 'mor@example.dk' }, { amount: 'Skriv beløbet i hele kroner, fx 50' }],
    [{ amount: '0', email: 'mor@example.dk' }, { amount: 'Beløbet skal være mellem 1 og 10.000 kr.' }],
    [{ amount: '10001', email: 'mor@example.dk' }, { amount: 'Beløbet skal være mellem 1 og 10.000 kr.' }],
    [{ amount: '50', email: 'mor' }, { email: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk' }],
    [{ amount: '50', email: '' }, { email: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk' }],
    [
      { amount: 'halvtreds', email: 'mor@' },
      { amount: 'Skriv beløbet i hele kroner, fx 50', email: 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk' },
    ],
  ])('refuses %p beside the field, keeps what was typed, saves nothing', async (form, errors) => {
    const { login, agent } = await parent();
    const res = await save(agent, login.accountId, form);
    expect(res.status).toBe(422);
    const html = text(res.text);
    for (const [field, message] of Object.entries(errors)) {
      expect(html).toContain(`<p class="form-error" id="${field}-error">${message}</p>`);
      expect(html).toMatch(new RegExp(`id="${field}"[^>]*aria-describedby="[^"]*${field}-error`, 's'));
    }
    for (const field of ['amount', 'email'] as const) {
      if (!(field in errors)) expect(html).not.toContain(`id="${field}-error"`);
    }
    expect(res.text).toContain(`value="${form.amount}"`);
    expect(res.text).toContain(`value="${form.email}"`);
    expect(await subscriptionRows(login.accountId)).toEqual([]);
    expect(await accountAlertAmount(portal.ds, tenant, login.accountId)).toBeNull();
  });

  it('a field sent twice or not at all is an empty answer, never a 500', async () => {
    const { login, agent } = await parent();
    const page = await agent.get(pathOf(login.accountId)).set('Host', host);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await agent
      .post(pathOf(login.accountId))
      .set('Host', host)
      .type('form')
      .send(`_csrf=${encodeURIComponent(token)}&amount=1&amount=2`);
    expect(res.status).toBe(422);
    expect(text(res.text)).toContain('Skriv et beløb i hele kroner');
  });

  it('"Slå beskeden fra" turns it off, and the till no longer compares with it', async () => {
    const { login, agent } = await parent();
    expect((await save(agent, login.accountId, { amount: '100', email: login.email })).status).toBe(303);
    const page = await agent.get(pathOf(login.accountId)).set('Host', host);
    expect(text(page.text)).toContain('Slå beskeden fra');

    const off = await postForm(agent, host, `${pathOf(login.accountId)}/fra`, {}, pathOf(login.accountId));
    expect(off.status).toBe(303);
    const after = await agent.get(String(off.headers.location)).set('Host', host);
    expect(text(after.text)).toContain('Beskeden er slået fra. Du får ikke flere e-mails om lav saldo på denne konto.');
    expect(await accountAlertAmount(portal.ds, tenant, login.accountId)).toBeNull();
    expect((await subscriptionRows(login.accountId)).map((row) => row.below)).toEqual([null]);
  });

  it('keeps the till’s amount at the highest of two guardians’ alerts', async () => {
    const { login, agent } = await parent();
    const other = await createEmailLogin(portal.ds, tenant, { balance: 0 });
    // The second guardian sees the same pupil (an approved "Tilføj konto").
    await inTenant(portal.ds, tenant, (tx) =>
      tx.query(`INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind) VALUES ($1, $2, $3, 'relation')`, [
        tenant,
        other.loginId,
        login.cardholderId,
      ]),
    );
    const otherAgent = await signedInAgent(portal.app, host, other);
    expect((await save(agent, login.accountId, { amount: '100', email: login.email })).status).toBe(303);
    expect((await save(otherAgent, login.accountId, { amount: '200', email: other.email })).status).toBe(303);
    expect(await accountAlertAmount(portal.ds, tenant, login.accountId)).toBe(20_000);
    expect(
      (await postForm(otherAgent, host, `${pathOf(login.accountId)}/fra`, {}, pathOf(login.accountId))).status,
    ).toBe(303);
    expect(await accountAlertAmount(portal.ds, tenant, login.accountId)).toBe(10_000);
  });

  it("answers 404 for another login's account, a guessed id and a malformed id, and saves nothing", async () => {
    const { login, agent } = await parent();
    const stranger = await createEmailLogin(portal.ds, tenant, { balance: 0 });
    for (const id of [stranger.accountId, randomUUID(), 'ikke-et-id']) {
      const path = `/konti/${encodeURIComponent(id)}/saldo-besked`;
      expect({ id, get: (await agent.get(path).set('Host', host)).status }).toEqual({ id, get: 404 });
      // The form's own page supplies the token, as a browser tampering with the address would have it.
      const posted = await postForm(agent, host, path, { amount: '50', email: login.email }, pathOf(login.accountId));
      expect({ id, post: posted.status }).toEqual({ id, post: 404 });
      const off = await postForm(agent, host, `${path}/fra`, {}, pathOf(login.accountId));
      expect({ id, off: off.status }).toEqual({ id, off: 404 });
    }
    expect(await subscriptionRows(stranger.accountId)).toEqual([]);
    expect(await accountAlertAmount(portal.ds, tenant, stranger.accountId)).toBeNull();
  });

  it('refuses a post without the form’s CSRF token and saves nothing', async () => {
    const { login, agent } = await parent();
    const res = await agent
      .post(pathOf(login.accountId))
      .set('Host', host)
      .type('form')
      .send({ amount: '50', email: login.email });
    expect(res.status).toBe(403);
    expect(await subscriptionRows(login.accountId)).toEqual([]);
  });
});
