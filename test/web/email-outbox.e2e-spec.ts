import request from 'supertest';
import { inTenant } from '@kk/database';
import { createPerson, startSmtpCatcher, uniqueSlug, type SmtpCatcher } from '@kk/testing';
import { createEmailLogin, postForm, startPortalTestApp, type PortalTestApp } from './portal-test-app';

jest.setTimeout(30_000);

interface EmailRow {
  id: string;
  payload: Record<string, unknown>;
  sent: boolean;
  processed: boolean;
}

/** The portal's e-mails go through the outbox: sealed rows, sent by the worker after the commit. */
describe('portal e-mails through the outbox', () => {
  let catcher: SmtpCatcher;
  let portal: PortalTestApp;
  let host: string;

  beforeAll(async () => {
    catcher = await startSmtpCatcher();
    portal = await startPortalTestApp({
      email: { smtpUrl: catcher.url },
      rateLimits: { signupPerIp: 1000, forgotPerIp: 1000, forgotPerEmail: 1000 },
    });
    host = portal.emailTenant.hosts[0];
  });
  afterAll(async () => {
    await portal?.close();
    await catcher?.stop();
  });

  const agent = () => request.agent(portal.app.getHttpServer());
  const post = (a: ReturnType<typeof agent>, path: string, form: Record<string, string>) =>
    postForm(a, host, path, form);

  const emailRows = (): Promise<EmailRow[]> =>
    inTenant(portal.ds, portal.emailTenant.slug, (tx) =>
      tx.query<EmailRow>(
        `SELECT id, payload, sent_at IS NOT NULL AS sent, processed_at IS NOT NULL AS processed
           FROM outbox WHERE tenant_id = $1 AND topic = 'email.send' ORDER BY created_at`,
        [tx.tenantId],
      ),
    );

  const newRowsSince = async (before: readonly EmailRow[]): Promise<EmailRow[]> => {
    const known = new Set(before.map((row) => row.id));
    return (await emailRows()).filter((row) => !known.has(row.id));
  };

  it('stores the activation e-mail sealed: no code, resume link or address in the row', async () => {
    const { cpr, cardNumber } = await createPerson(portal.ds, portal.emailTenant.slug, { name: 'Sofus Forseglet' });
    const email = `${uniqueSlug('forsegl')}@example.dk`;
    const a = agent();
    const before = await emailRows();

    await post(a, '/opret', { cpr, email });
    expect((await post(a, '/opret/elev', { name: 'Sofus Forseglet', cardNumber })).headers.location).toBe(
      '/opret/aktivering',
    );
    const mail = await catcher.waitFor((m) => m.to.includes(email) && m.subject.startsWith('Din aktiveringskode'));

    const code = /\b(\d{6})\b/.exec(mail.text)?.[1] ?? '';
    const resumeToken = /opret\/fortsaet\?token=([\w-]+)/.exec(mail.text)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    expect(resumeToken.length).toBeGreaterThan(20);
    const rows = await newRowsSince(before);
    expect(rows).toHaveLength(1);
    const stored = JSON.stringify(rows[0].payload);
    for (const secret of [code, resumeToken, email, 'fortsaet']) expect(stored).not.toContain(secret);
  });

  it('answers a reset request for an unknown address as for a known one, and queues nothing for it', async () => {
    const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Kendt Adresse', balance: 0 });
    const beforeUnknown = await emailRows();
    const unknown = await post(agent(), '/glemt-adgangskode', { email: `${uniqueSlug('ukendt')}@example.dk` });
    const afterUnknown = await emailRows();
    const known = await post(agent(), '/glemt-adgangskode', { email: login.email });

    expect(afterUnknown).toHaveLength(beforeUnknown.length);
    expect(unknown.status).toBe(known.status);
    const main = (text: string) => /<main[\s\S]*<\/main>/.exec(text)?.[0].replace(/value="[^"]*"/g, '');
    expect(main(unknown.text)).toBe(main(known.text));
    const mail = await catcher.waitFor((m) => m.to.includes(login.email) && m.subject === 'Nulstil adgangskode');
    const token = /nulstil\?token=([\w-]+)/.exec(mail.text)?.[1] ?? '';
    const rows = await newRowsSince(afterUnknown);
    expect(rows).toHaveLength(1);
    for (const secret of [token, login.email, 'nulstil']) expect(JSON.stringify(rows[0].payload)).not.toContain(secret);
  });

  it('answers without waiting for the worker, which sends the e-mail when it runs', async () => {
    const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { name: 'Venter Paa', balance: 0 });
    const relay = portal.emailDelivery!.relay;
    await relay.stop();
    try {
      const before = await emailRows();
      const res = await post(agent(), '/glemt-adgangskode', { email: login.email });

      expect(res.status).toBe(200);
      expect(res.text).toContain('Tjek din e-mail');
      const rows = await newRowsSince(before);
      expect(rows.map((row) => [row.sent, row.processed])).toEqual([[false, false]]);
      expect(catcher.messages.some((m) => m.to.includes(login.email))).toBe(false);
    } finally {
      relay.start();
    }
    await catcher.waitFor((m) => m.to.includes(login.email) && m.subject === 'Nulstil adgangskode');
  });
});
