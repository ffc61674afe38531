import { DEMO_PAYMENT_KEYS } from '@kk/config';
import { inTenant } from '@kk/database';
import { EmailSealer } from '@kk/notifications';
import {
  answerOnPhone,
  createPerson,
  paymentsLedger,
  payOnHostedPage,
  setCardStatus,
  uniqueCardNumber,
  uniqueEmail,
  type FormSubmission,
} from '@kk/testing';
import { startGatewaySim, TEST_CARDS, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';
import { TEST_CITIZEN_SUBS as SUB } from '../../apps/idp-sim/src/test-citizens';
import { citizen, startMitIdTestBed, type Agent, type MitIdTestBed } from './mitid-test-login';
import {
  createEmailLogin,
  postForm,
  signedInAgent,
  TEST_SESSION_SECRET,
  type PortalTestApp,
  type TestLogin,
} from './portal-test-app';

jest.setTimeout(60_000);

/**
 * "Indbetal" as a parent uses it (both seeds: Mine konti → "Indbetal" → the receipt email, an
 * amount in whole kroner, the terms, "Næste" → the provider's page → back), against the real
 * portal, database and Redis and the gateway stand-in in this process. The stand-in's webhooks
 * reach the portal on its port; the MitID broker stand-in signs citizens in at the municipality.
 */
let sim: RunningGatewaySim;
let bed: MitIdTestBed;
let portal: PortalTestApp;
let school: string;
let municipality: string;

beforeAll(async () => {
  sim = await startGatewaySim({ port: 0, webhookRetryScheduleMs: [20, 40, 80] });
  bed = await startMitIdTestBed([], { payments: { gatewayUrl: sim.url } });
  portal = bed.portal;
  await portal.listen();
  school = portal.emailTenant.hosts[0];
  municipality = portal.oidcTenant.hosts[0];
});
afterAll(async () => {
  await bed?.stop();
  await sim?.stop();
});

// After every test: the ledger balances, and every completed payment is credited exactly once.
afterEach(async () => {
  const ledger = await paymentsLedger(portal.ds, [portal.emailTenant.slug, portal.oidcTenant.slug]);
  expect(ledger.problems).toEqual([]);
});

// The stand-in refuses the same card and amount twice within 10 minutes (as Nets does), across
// all of this file's tests: each payment gets an amount of its own unless a test wants the repeat.
let nextKroner = 100;
const freshAmount = () => String((nextKroner += 7));
const ore = (kroner: string) => Number(kroner) * 100;

// ---------------------------------------------------------------------------------------------
// Helpers: a parent's browser, as far as these pages need one.

interface Parent {
  readonly agent: Agent;
  readonly accountId: string;
  readonly host: string;
}

async function schoolParent(balance = 0): Promise<Parent & { readonly login: TestLogin }> {
  const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { balance });
  return { agent: await signedInAgent(portal.app, school, login), accountId: login.accountId, host: school, login };
}

/** A citizen at the municipality, signed in with MitID (the CPR asked once and matched by the broker). */
async function municipalityParent(sub: string): Promise<Parent & { readonly cardNumber: string }> {
  const { name, cpr } = citizen(sub);
  const person = await createPerson(portal.ds, portal.oidcTenant.slug, {
    cpr,
    name,
    // Gladsaxe's cards are letters and digits.
    cardNumber: `GLX${uniqueCardNumber().slice(0, 12)}`,
  });
  const agent = bed.agent();
  const back = await bed.logIn(agent, sub);
  if (back.headers.location === '/auth/oidc/cpr') await bed.postCpr(agent, cpr!);
  expect((await agent.get('/konti').set('Host', municipality)).status).toBe(200);
  return { agent, accountId: person.accountId, host: municipality, cardNumber: person.cardNumber };
}

const get = (parent: Parent, path: string) => parent.agent.get(path).set('Host', parent.host);

/** A URL the provider sends the browser to, on the portal's host: followed as that browser. */
function follow(parent: Parent, url: string | undefined) {
  if (!url) throw new Error('no URL to follow');
  const target = new URL(url);
  expect(target.hostname).toBe(parent.host);
  return get(parent, `${target.pathname}${target.search}`);
}

interface DepositFields {
  method?: string;
  amount?: string;
  receiptEmail?: string;
  terms?: string;
}

/** "Næste" on Indbetal: the page first (for its CSRF token), then the form. */
function submitDeposit(parent: Parent, fields: DepositFields, accountId = parent.accountId) {
  const form = { method: 'card', amount: '300', receiptEmail: 'mor@example.dk', terms: 'ja', ...fields };
  const filled = Object.fromEntries(Object.entries(form).filter(([, value]) => value !== undefined));
  return postForm(
    parent.agent,
    parent.host,
    `/konti/${accountId}/indbetal`,
    filled,
    `/konti/${parent.accountId}/indbetal`,
  );
}

/**
 * "Næste" with a valid form: our own page that sends the browser on to the provider (the
 * CSP's form-action allows no redirect elsewhere after a post), and our payment's id.
 */
async function startDeposit(parent: Parent, fields: DepositFields) {
  const res = await submitDeposit(parent, fields);
  expect(res.status).toBe(303);
  const onTheWay = String(res.headers.location);
  const paymentId = /^\/indbetalinger\/([0-9a-f-]{36})\/betaling$/.exec(onTheWay)?.[1];
  if (!paymentId) throw new Error(`"Næste" led to ${onTheWay}`);
  const providerPage = await providerPageOf(await get(parent, onTheWay));
  return { providerPage, paymentId, onTheWay };
}

/** The provider's page a "Videre til betalingen" page sends the browser to, at once and by its link. */
async function providerPageOf(page: { status: number; text: string }): Promise<string> {
  expect(page.status).toBe(200);
  const refresh = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(page.text);
  if (!refresh) throw new Error('the page sends the browser nowhere');
  const url = readable(refresh[1]);
  expect(readable(/<a [^>]*id="provider-link" href="([^"]+)"/.exec(page.text)?.[1] ?? '')).toBe(url);
  expect(url.startsWith(`${sim.url}/`)).toBe(true);
  return url;
}

async function paymentsOf(parent: Parent, tenant = tenantOf(parent)) {
  return inTenant(portal.ds, tenant, (tx) =>
    tx.query<{ id: string; status: string; amount: string }>(
      `SELECT id, status, amount FROM payments WHERE tenant_id = $1 AND account_id = $2 ORDER BY created_at DESC`,
      [tenant, parent.accountId],
    ),
  );
}

const tenantOf = (parent: Parent) => (parent.host === school ? portal.emailTenant.slug : portal.oidcTenant.slug);

async function balanceOf(parent: Parent): Promise<number> {
  return (await paymentsLedger(portal.ds, [tenantOf(parent)])).balanceOf(parent.accountId);
}

/** The balance Mine konti shows for the (only) account: "300,00 kr.". */
async function shownBalance(parent: Parent): Promise<string> {
  const page = await get(parent, '/konti');
  const match = /<dd class="balance">([^<]*)<\/dd>/.exec(page.text);
  if (!match) throw new Error('no balance on Mine konti');
  return match[1].replace(/\u00a0/g, ' ');
}

/** The input (or select) with this id, as one tag. */
function tagOf(html: string, id: string): string {
  const tag = new RegExp(`<(?:input|select)\\b[^>]*\\bid="${id}"[^>]*>`).exec(html);
  if (!tag) throw new Error(`no field #${id}`);
  return tag[0];
}

/** An element's text by id, as read: tags stripped, entities decoded, no-break spaces plain. */
function textOf(html: string, id: string): string | undefined {
  const element = new RegExp(`<(\\w+)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  return element === null ? undefined : readable(element[2].replace(/<[^>]+>/g, ' '));
}

function readable(html: string): string {
  return html
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The field's error: its text, tied to the input (aria-describedby, aria-invalid) and placed in its field, before it. */
function errorBeside(html: string, field: string): string | undefined {
  const text = textOf(html, `${field}-error`);
  if (text === undefined) return undefined;
  const input = tagOf(html, field);
  expect(input).toMatch(new RegExp(`aria-describedby="[^"]*\\b${field}-error\\b`));
  expect(input).toContain('aria-invalid="true"');
  const errorAt = html.indexOf(`id="${field}-error"`);
  const inputAt = html.indexOf(input);
  expect(errorAt).toBeLessThan(inputAt);
  // Nothing but this field between the error and its input.
  expect(html.slice(errorAt, inputAt)).not.toMatch(/<input\b|<\/div>/);
  return text;
}

/** Receipts the portal put in its outbox for this payment (sealed under its session secret's key). */
async function receiptsTo(tenant: string, paymentId: string): Promise<string[]> {
  const sealer = EmailSealer.fromSecret(TEST_SESSION_SECRET);
  const rows = await inTenant(portal.ds, tenant, (tx) =>
    tx.query<{ id: string; payload: unknown }>(
      `SELECT id, payload FROM outbox WHERE tenant_id = $1 AND topic = 'email.send'`,
      [tenant],
    ),
  );
  return rows
    .map((row) => sealer.open(row.payload, { tenantId: tenant, outboxId: row.id }))
    .filter((mail) => mail.text.includes(paymentId))
    .map((mail) => mail.to);
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const pay = (providerPage: string, card: string = TEST_CARDS.visa.number): Promise<FormSubmission> =>
  payOnHostedPage(providerPage, { cardNumber: card });

// ---------------------------------------------------------------------------------------------

describe('what a stranger cannot do', () => {
  it("answers 404 for another login's account, to the page and to the form, and records nothing", async () => {
    const parent = await schoolParent();
    const stranger = await schoolParent();
    expect((await get(parent, `/konti/${stranger.accountId}/indbetal`)).status).toBe(404);
    const posted = await submitDeposit(parent, { amount: freshAmount() }, stranger.accountId);
    expect(posted.status).toBe(404);
    expect(posted.text).not.toContain(sim.url);
    expect(await paymentsOf(stranger)).toEqual([]);
    // Nor through the account switcher, which only sends the browser to the page that checks.
    const switched = await get(parent, `/konti/indbetal?konto=${stranger.accountId}`);
    expect(switched.status).toBe(303);
    expect((await follow(parent, `http://${school}${String(switched.headers.location)}`)).status).toBe(404);
  });

  it("answers 404 for another login's payment, its cancel page too, and shows nothing of it", async () => {
    const parent = await schoolParent();
    const stranger = await schoolParent();
    const amount = freshAmount();
    const { paymentId } = await startDeposit(parent, { amount });
    for (const path of [`/indbetalinger/${paymentId}`, `/indbetalinger/${paymentId}?afbrudt=1`]) {
      const res = await get(stranger, path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain(`${amount},00`);
    }
    // The way on to the provider's page is the parent's session's, never a stranger's.
    const onward = await get(stranger, `/indbetalinger/${paymentId}/betaling`);
    expect(onward.status).toBe(303);
    expect(onward.headers.location).toBe(`/indbetalinger/${paymentId}`);
    expect((await get(parent, `/indbetalinger/${paymentId}`)).status).toBe(200);
  });

  it('answers 404, never 500, for malformed ids', async () => {
    const parent = await schoolParent();
    for (const path of [
      '/indbetalinger/ikke-et-id',
      "/indbetalinger/1'%20OR%20'1'='1",
      '/indbetalinger/00000000-0000-4000-8000-000000000000',
      '/konti/ikke-et-id/indbetal',
      '/konti/indbetal?konto=ikke-et-id',
      '/konti/indbetal',
    ]) {
      expect(`${path} ${(await get(parent, path)).status}`).toBe(`${path} 404`);
    }
    const posted = await submitDeposit(parent, {}, 'ikke-et-id');
    expect(posted.status).toBe(404);
  });

  it('refuses a forged webhook with 401 and credits nothing; a true one only makes us ask the provider', async () => {
    const parent = await schoolParent();
    const { providerPage, paymentId } = await startDeposit(parent, { amount: freshAmount() });
    const nexiPaymentId = new URL(providerPage).searchParams.get('pid');
    const event = JSON.stringify({
      id: `forged-${paymentId}`,
      merchantId: 100017120,
      timestamp: new Date().toISOString(),
      event: 'payment.charge.created.v2',
      data: { paymentId: nexiPaymentId, chargeId: 'c0ffee', amount: { amount: 30_000, currency: 'DKK' } },
    });
    const webhook = (provider: string, headers: Record<string, string>) =>
      parent.agent // a webhook carries no session: none of the parent's cookies matter
        .post(`/betaling/webhooks/${provider}`)
        .set('Host', school)
        .set('Content-Type', 'application/json')
        .set(headers)
        .send(event);
    expect((await webhook('nexi', { Authorization: 'not-the-secret' })).status).toBe(401);
    expect((await webhook('nexi', {})).status).toBe(401);
    // The municipality's MobilePay secret is not the school's, nor is an unsigned body a MobilePay event.
    expect((await webhook('mobilepay', { Authorization: 'HMAC-SHA256 SignedHeaders=x&Signature=y' })).status).toBe(401);
    expect((await webhook('paypal', { Authorization: DEMO_PAYMENT_KEYS.nexiWebhookAuthorization })).status).toBe(404);
    // With the right secret the event is believed only as far as the provider confirms it: unpaid, nothing moves.
    expect((await webhook('nexi', { Authorization: DEMO_PAYMENT_KEYS.nexiWebhookAuthorization })).status).toBe(200);
    expect(await balanceOf(parent)).toBe(0);
    expect((await paymentsOf(parent)).map((p) => p.status)).toEqual(['pending']);
  });

  it('refuses "Næste" without the CSRF token (403) and starts no payment', async () => {
    const parent = await schoolParent();
    const res = await parent.agent
      .post(`/konti/${parent.accountId}/indbetal`)
      .set('Host', school)
      .type('form')
      .send({ method: 'card', amount: freshAmount(), receiptEmail: 'mor@example.dk', terms: 'ja' });
    expect(res.status).toBe(403);
    expect(await paymentsOf(parent)).toEqual([]);
  });
});

describe('the Indbetal page', () => {
  it('is reached from Mine konti by its link, with the form, the switcher and the terms', async () => {
    const parent = await schoolParent(4_250);
    const accounts = await get(parent, '/konti');
    const link = new RegExp(`href="(/konti/${parent.accountId}/indbetal)"`).exec(accounts.text);
    expect(link).not.toBeNull();
    const page = await get(parent, link![1]);
    expect(page.status).toBe(200);
    expect(textOf(page.text, 'deposit-title')).toBe('Indbetal');
    for (const text of [
      'Email til kvittering',
      'Beløb i hele kroner',
      'Mellem 50 og 2.000 kr.',
      'Handelsbetingelser og vilkår',
      'Jeg har læst og accepteret betalingsbetingelserne',
      'Næste',
      'Saldo: 42,50',
      'Ingen indbetalinger endnu.',
      // The school's own terms, from tenant.yaml.
      'Indbetalinger på kantinekortet modtages af Sct. Ibs Skole.',
    ]) {
      expect(page.text.replace(/\u00a0/g, ' ')).toContain(text);
    }
    expect(tagOf(page.text, 'receiptEmail')).toContain('type="email"');
    expect(tagOf(page.text, 'amount')).toContain('inputmode="numeric"');
    expect(page.text).toContain(`<option value="${parent.accountId}" selected>`);
    // The school takes cards only: no choice to make.
    expect(page.text).not.toContain('MobilePay');
    const switched = await get(parent, `/konti/indbetal?konto=${parent.accountId}`);
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe(`/konti/${parent.accountId}/indbetal`);
  });

  it('shows the terms without a session too, since the provider links to them', async () => {
    const visitor = bed.agent();
    const res = await visitor.get('/handelsbetingelser').set('Host', school);
    expect(res.status).toBe(200);
    expect(res.text).toContain('Indbetalinger på kantinekortet modtages af Sct. Ibs Skole.');
  });

  it.each([
    ['no amount', 'amount', { amount: '' }, 'Skriv et beløb'],
    ['øre in the amount', 'amount', { amount: '300,50' }, 'Skriv beløbet i hele kroner, fx 300'],
    ['"kr" in the amount', 'amount', { amount: '300 kr' }, 'Skriv beløbet i hele kroner, fx 300'],
    ['an amount below the minimum', 'amount', { amount: '49' }, 'Du kan indbetale mindst 50 kr.'],
    ['an amount above the maximum', 'amount', { amount: '2001' }, 'Du kan indbetale højst 2.000 kr. ad gangen'],
    ['a bad email', 'receiptEmail', { receiptEmail: 'mor@' }, 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk'],
    ['no email', 'receiptEmail', { receiptEmail: '' }, 'Skriv en gyldig e-mailadresse, fx navn@eksempel.dk'],
    ['the terms not accepted', 'terms', { terms: undefined }, 'Du skal acceptere betalingsbetingelserne'],
  ] as const)(
    'refuses %s with 422, the Danish error beside the field and the values kept',
    async (_case, field, bad, error) => {
      const parent = await schoolParent();
      const fields: DepositFields = { amount: '175', receiptEmail: 'far@example.dk', terms: 'ja', ...bad };
      const res = await submitDeposit(parent, fields);
      expect(res.status).toBe(422);
      expect(res.text).toContain('<html lang="da">');
      expect(errorBeside(res.text, field)).toBe(error);
      // Only that field is refused.
      for (const other of ['amount', 'receiptEmail', 'terms'].filter((f) => f !== field)) {
        expect(textOf(res.text, `${other}-error`)).toBeUndefined();
      }
      expect(tagOf(res.text, 'amount')).toContain(`value="${fields.amount ?? ''}"`);
      expect(tagOf(res.text, 'receiptEmail')).toContain(`value="${fields.receiptEmail ?? ''}"`);
      if (fields.terms) expect(tagOf(res.text, 'terms')).toContain('checked');
      else expect(tagOf(res.text, 'terms')).not.toContain('checked');
      expect(await paymentsOf(parent)).toEqual([]);
    },
  );

  it('shows every mistake at once', async () => {
    const parent = await schoolParent();
    const res = await submitDeposit(parent, {
      amount: 'tre hundrede',
      receiptEmail: 'ikke en adresse',
      terms: undefined,
    });
    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'amount')).toBe('Skriv beløbet i hele kroner, fx 300');
    expect(errorBeside(res.text, 'receiptEmail')).toBe('Skriv en gyldig e-mailadresse, fx navn@eksempel.dk');
    expect(errorBeside(res.text, 'terms')).toBe('Du skal acceptere betalingsbetingelserne');
    expect(tagOf(res.text, 'amount')).toContain('value="tre hundrede"');
  });

  it('refuses a blocked card at the municipality (no deposits to a blocked account) and says why', async () => {
    const parent = await municipalityParent(SUB.larsPedersen);
    await setCardStatus(portal.ds, portal.oidcTenant.slug, parent.cardNumber, 'blocked');
    const BLOCKED =
      'Kortet er spærret, og der kan ikke indbetales på en spærret konto. Aktiver kortet under Brugeroplysninger først.';
    // Said on the form already, before anything is typed.
    expect(textOf((await get(parent, `/konti/${parent.accountId}/indbetal`)).text, 'form-error')).toBe(BLOCKED);
    const res = await submitDeposit(parent, { amount: freshAmount() });
    expect(res.status).toBe(422);
    expect(textOf(res.text, 'form-error')).toBe(
      'Kortet er spærret, og der kan ikke indbetales på en spærret konto. Aktiver kortet under Brugeroplysninger først.',
    );
    expect(await paymentsOf(parent)).toEqual([]);
  });
});

describe('a deposit by card', () => {
  it('goes to the hosted page, back to a status page that says completed, and raises the balance once', async () => {
    const parent = await schoolParent(1_000);
    const email = uniqueEmail('kvittering');
    const amount = freshAmount();
    const { providerPage, paymentId, onTheWay } = await startDeposit(parent, { amount, receiptEmail: email });
    expect(new URL(providerPage).pathname).toMatch(/^\/hostedpaymentpage\/?$/);
    // Back from the provider's page (or a reload) lands on the status page, not on the provider again.
    const later = await get(parent, onTheWay);
    expect(later.status).toBe(303);
    expect(later.headers.location).toBe(`/indbetalinger/${paymentId}`);
    expect(await shownBalance(parent)).toBe('10,00 kr.');

    const paid = await pay(providerPage);
    expect(paid.status).toBe(303);
    const back = await follow(parent, paid.location);
    expect(back.status).toBe(200);
    expect(textOf(back.text, 'deposit-status')).toBe(
      `Indbetalingen er gennemført. ${amount},00 kr. er sat ind på kontoen, og en kvittering er sendt til din e-mail.`,
    );
    for (let reload = 0; reload < 3; reload++) {
      const again = await follow(parent, paid.location);
      expect(again.status).toBe(200);
      expect(again.text).toContain('Indbetalingen er gennemført.');
    }
    expect(await balanceOf(parent)).toBe(1_000 + ore(amount));
    expect(await shownBalance(parent)).toBe(`${Number(amount) + 10},00 kr.`);
    expect(await receiptsTo(portal.emailTenant.slug, paymentId)).toEqual([email]);
    // And the Indbetal page lists it.
    const page = await get(parent, `/konti/${parent.accountId}/indbetal`);
    expect(page.text).toContain(`href="/indbetalinger/${paymentId}"`);
    expect(page.text).toContain('Gennemført');
  });

  it('is completed by the provider’s webhook alone, while the parent never comes back', async () => {
    const parent = await schoolParent();
    const amount = freshAmount();
    const { providerPage, paymentId } = await startDeposit(parent, { amount });
    const paid = await pay(providerPage, TEST_CARDS.dankort.number);
    expect(paid.status).toBe(303);
    await waitFor('the webhook credits the deposit', async () => (await balanceOf(parent)) === ore(amount));
    expect((await paymentsOf(parent)).map((p) => p.status)).toEqual(['completed']);
    // The webhooks went through the portal's own route (replays included), and credited once.
    const delivered = sim.controls
      .webhookAttempts()
      .filter((a) => a.url === `${portal.origin(school)}/betaling/webhooks/nexi` && a.acknowledged);
    expect(delivered.map((a) => a.status)).toContain(200);
    const status = await get(parent, `/indbetalinger/${paymentId}`);
    expect(status.text).toContain('Indbetalingen er gennemført.');
    expect(await balanceOf(parent)).toBe(ore(amount));
  });

  it('says what a cancelled payment means, and takes nothing', async () => {
    const parent = await schoolParent();
    const { providerPage, paymentId } = await startDeposit(parent, { amount: freshAmount() });
    const hosted = await fetch(providerPage).then((r) => r.text());
    const cancel = /<a href="([^"]+)">Annuller og gå tilbage til butikken<\/a>/.exec(hosted);
    expect(cancel).not.toBeNull();
    const cancelUrl = readable(cancel![1]);
    expect(new URL(cancelUrl).pathname).toBe(`/indbetalinger/${paymentId}`);
    const res = await follow(parent, cancelUrl);
    expect(res.status).toBe(200);
    expect(textOf(res.text, 'deposit-status')).toBe('Du afbrød betalingen. Der er ikke trukket penge.');
    expect(textOf(res.text, 'deposit-facts')).toContain('Status Afbrudt');
    expect(await balanceOf(parent)).toBe(0);
  });

  it('says plainly while the provider has not decided, and offers "Opdater"', async () => {
    const parent = await schoolParent();
    const { paymentId } = await startDeposit(parent, { amount: freshAmount() });
    const res = await get(parent, `/indbetalinger/${paymentId}`);
    expect(res.status).toBe(200);
    expect(textOf(res.text, 'deposit-status')).toBe(
      'Vi venter på svar fra betalingen. Tryk på "Opdater" om lidt. Du bliver aldrig trukket to gange, selv om du opdaterer siden.',
    );
    expect(textOf(res.text, 'deposit-facts')).toContain('Status Afventer');
    expect(res.text).toContain(`<a class="button" href="/indbetalinger/${paymentId}">Opdater</a>`);
  });
});

describe('"Identisk Transaktion" (both seeds)', () => {
  it('warns before the same amount again within 10 minutes, and explains the refusal after', async () => {
    const parent = await schoolParent();
    const amount = freshAmount();
    const first = await startDeposit(parent, { amount });
    await follow(parent, (await pay(first.providerPage, TEST_CARDS.mastercard.number)).location);
    expect(await balanceOf(parent)).toBe(ore(amount));

    const again = await submitDeposit(parent, { amount });
    expect(again.status).toBe(409);
    const warning = readable(again.text);
    expect(warning).toContain(
      `Der er startet en indbetaling på ${amount},00 kr. på denne konto inden for de sidste 10 minutter.`,
    );
    expect(warning).toContain('Identisk Transaktion');
    // The seeds' advice: wait 10 minutes, or another amount (300 → 299 or 301).
    expect(warning).toContain(
      `Vent 10 minutter, eller indbetal et andet beløb, fx ${Number(amount) - 1} eller ${Number(amount) + 1} kr.`,
    );
    expect(await paymentsOf(parent)).toHaveLength(1);

    // "Indbetal … igen": the warning page's own form, as the browser posts it.
    const confirmed = await submitHiddenForm(parent, again.text);
    expect(confirmed.status).toBe(303);
    const secondPage = await providerPageOf(await get(parent, String(confirmed.headers.location)));
    const refused = await pay(secondPage, TEST_CARDS.mastercard.number);
    expect(refused.status).toBe(402);
    expect(refused.html).toContain('Identisk Transaktion');
    const cancel = /<a href="([^"]+)">Annuller og gå tilbage til butikken<\/a>/.exec(refused.html);
    const explained = await follow(parent, readable(cancel![1]));
    expect(explained.status).toBe(200);
    expect(textOf(explained.text, 'deposit-status')).toBe('Du afbrød betalingen. Der er ikke trukket penge.');
    expect(textOf(explained.text, 'identical-help')).toBe(
      'Fik du beskeden "Identisk Transaktion"? Det er en sikkerhedsforanstaltning fra Nets, når det samme beløb betales to gange i træk. Vent 10 minutter, eller indbetal et andet beløb, fx 299 i stedet for 300.',
    );
    expect(await balanceOf(parent)).toBe(ore(amount));
  });

  it('lets another amount through without a warning', async () => {
    const parent = await schoolParent();
    const amount = freshAmount();
    const first = await startDeposit(parent, { amount });
    await follow(parent, (await pay(first.providerPage)).location);
    const other = await submitDeposit(parent, { amount: String(Number(amount) + 1) });
    expect(other.status).toBe(303);
  });
});

/** Posts the page's form with its hidden fields, as the browser does when its button is pressed. */
async function submitHiddenForm(parent: Parent, html: string) {
  const form = /<form method="post" action="(\/konti\/[^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
  if (!form) throw new Error('no form on the page');
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[input[1]] = input[2].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  }
  return parent.agent.post(form[1]).set('Host', parent.host).type('form').send(fields);
}

describe('a deposit by MobilePay (the municipality)', () => {
  it('offers MobilePay beside the card, and completes what the phone approved', async () => {
    const parent = await municipalityParent(SUB.metteSorensen);
    const page = await get(parent, `/konti/${parent.accountId}/indbetal`);
    expect(page.text).toContain('<legend>Betal med</legend>');
    expect(tagOf(page.text, 'method-mobilepay')).toContain('type="radio"');

    const amount = freshAmount();
    const { providerPage, paymentId } = await startDeposit(parent, { amount, method: 'mobilepay' });
    expect(new URL(providerPage).pathname).toBe('/mobilepay/landing');
    const approved = await answerOnPhone(providerPage, 'approve');
    expect(approved.status).toBe(303);
    // MobilePay's signed webhook reaches the portal and completes it before the parent is back.
    await waitFor('the MobilePay webhook completes it', async () => (await balanceOf(parent)) === ore(amount));
    const back = await follow(parent, approved.location);
    expect(back.status).toBe(200);
    expect(back.text).toContain('Indbetalingen er gennemført.');
    expect(textOf(back.text, 'deposit-facts')).toContain('MobilePay');
    expect(await balanceOf(parent)).toBe(ore(amount));
    const captured = sim.controls.ledger().charges.filter((charge) => charge.payment === paymentId);
    expect(captured.map((charge) => charge.amount)).toEqual([ore(amount)]);
  });

  it('records a rejection on the phone as cancelled, and credits nothing', async () => {
    const parent = await municipalityParent(SUB.hanneChristensen);
    const { providerPage } = await startDeposit(parent, { amount: freshAmount(), method: 'mobilepay' });
    const rejected = await answerOnPhone(providerPage, 'reject');
    const back = await follow(parent, rejected.location);
    expect(back.status).toBe(200);
    expect(textOf(back.text, 'deposit-status')).toBe('Du afbrød betalingen. Der er ikke trukket penge.');
    expect((await paymentsOf(parent)).map((p) => p.status)).toEqual(['cancelled']);
    expect(await balanceOf(parent)).toBe(0);
  });
});

describe('in English', () => {
  it('shows the page, its errors and the status in English once the language is switched', async () => {
    const parent = await schoolParent();
    const switched = await get(parent, `/sprog?l=en&next=/konti/${parent.accountId}/indbetal`);
    expect(switched.status).toBe(303);
    const page = await get(parent, String(switched.headers.location));
    expect(page.text).toContain('<html lang="en">');
    for (const text of ['Deposit', 'Email for the receipt', 'Amount in whole kroner', 'Terms and conditions', 'Next']) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toContain('I have read and accept the payment terms');

    const refused = await submitDeposit(parent, { amount: '12', terms: undefined });
    expect(refused.status).toBe(422);
    expect(errorBeside(refused.text, 'amount')).toBe('You can deposit at least 50 kr.');
    expect(errorBeside(refused.text, 'terms')).toBe('You must accept the payment terms');

    const amount = freshAmount();
    const { providerPage } = await startDeposit(parent, { amount });
    const back = await follow(parent, (await pay(providerPage)).location);
    expect(back.text).toContain('The deposit is complete.');
  });
});
