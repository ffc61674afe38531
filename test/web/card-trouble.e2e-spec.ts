import { randomUUID } from 'node:crypto';
import { copenhagenTime } from '@kk/card-trouble';
import { DECLINE_REASONS, type DeclineReason, type PurchaseResponse } from '@kk/pos-authorization';
import {
  createUnit,
  namedTill,
  purchaseTime,
  replaceCard,
  setCardStatus,
  uniqueCardNumber,
  unescapeHtml,
  type NamedTill,
  type TestPersonOptions,
} from '@kk/testing';
import {
  createEmailLogin,
  signedInAgent,
  startPortalTestApp,
  type PortalTestApp,
  type TestLogin,
} from './portal-test-app';

jest.setTimeout(60_000);

/**
 * "Kortet virker ikke" (both seeds' checklist, made real): each decline reason of the contract
 * produced by a real purchase through the POS module (pos_purchase), then read on the parent's
 * page with its actual reason, time (Copenhagen), place and fix.
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
const kr = (text: string) => text.replace(/ kr\./g, `${NBSP}kr.`);

async function pageOf(login: TestLogin, accountId = login.accountId) {
  const agent = await signedInAgent(portal.app, host, login);
  return agent.get(`/konti/${accountId}/kortet-virker-ikke`).set('Host', host);
}

/** The page's declines, each as the text of its list item, with its data-reason. */
function declinesOn(html: string): { reason: string; text: string; links: string[] }[] {
  const items = [...html.matchAll(/<li class="card decline" data-reason="([a-z_]+)">([\s\S]*?)<\/li>/g)];
  return items.map(([, reason, body]) => ({
    reason,
    text: unescapeHtml(body.replace(/<[^>]+>/g, ' ').replace(/[ \t\r\n]+/g, ' ')),
    links: [...body.matchAll(/href="([^"]+)"/g)].map((m) => m[1]),
  }));
}

/** The checklist point with this heading, as text. */
function checkOn(html: string, topic: string): { state: string; text: string } {
  const items = [...html.matchAll(/<li class="card card-check[^"]*" data-state="(\w+)">([\s\S]*?)<\/li>/g)];
  const found = items.find(([, , body]) => body.includes(`<h3>${topic} `));
  if (!found) throw new Error(`no checklist point ${topic}`);
  return { state: found[1], text: unescapeHtml(found[2].replace(/<[^>]+>/g, ' ').replace(/[ \t\r\n]+/g, ' ')) };
}

interface Case {
  /** The account's settings before the purchase. */
  readonly person: TestPersonOptions;
  /** Makes the decline through a till; returns it and the till it was made at. */
  produce(login: TestLogin): Promise<{ declined: PurchaseResponse; till: NamedTill; card: string }>;
  /** What the page must say about it. */
  readonly cause: (login: TestLogin, card: string) => string;
  readonly fix: (login: TestLogin) => string;
  /** Where the fix links, if anywhere. */
  readonly link: ((login: TestLogin) => string) | null;
}

async function declinedAt(till: NamedTill, card: string, amount: number) {
  const declined = await till.buy(card, amount);
  return { declined, till, card };
}

const CASES: Record<DeclineReason, Case> = {
  card_unknown: {
    person: { balance: 10_000 },
    produce: async (login) => {
      // The school's new card used before the parent linked it: unknown to the till then.
      const fresh = uniqueCardNumber();
      const made = await declinedAt(await namedTill(portal.ds, tenant), fresh, 3500);
      await replaceCard(portal.ds, tenant, login.accountId, fresh);
      return made;
    },
    cause: (_login, card) =>
      `Kassen kendte ikke kortnummeret ${card}: det var ikke tilknyttet kontoen, da kortet blev brugt.`,
    fix: () => 'Kortet er tilknyttet kontoen nu, så kassen kender det.',
    link: null,
  },
  card_replaced: {
    person: { balance: 10_000 },
    produce: async (login) => {
      await replaceCard(portal.ds, tenant, login.accountId, newCards.get(login.accountId)!);
      return declinedAt(await namedTill(portal.ds, tenant), login.cardNumber, 3500);
    },
    cause: (login) => `Kortet ${login.cardNumber} er et gammelt kort, som ikke længere er tilknyttet kontoen.`,
    fix: (login) =>
      `Det gamle kort er erstattet af et nyt; brug det nye kort (${newCards.get(login.accountId)}). Destruér det gamle kort.`,
    link: null,
  },
  card_blocked: {
    person: { balance: 10_000, cardStatus: 'blocked' },
    produce: async (login) => declinedAt(await namedTill(portal.ds, tenant), login.cardNumber, 3500),
    cause: () => 'Kortet var spærret.',
    fix: () => 'Kortet er spærret — tryk Aktiver kort under Brugeroplysninger.',
    link: (login) => `/konti/${login.accountId}/oplysninger`,
  },
  device_not_allowed: {
    person: { balance: 10_000 },
    produce: async (login) =>
      declinedAt(await namedTill(portal.ds, tenant, { unitName: cafe(login) }), login.cardNumber, 3500),
    cause: (login) => `Kortet må ikke bruges i ${cafe(login)}.`,
    fix: (login) => `Skal kortet kunne bruges i ${cafe(login)}, så sæt flueben ved enheden under Brugeroplysninger.`,
    link: (login) => `/konti/${login.accountId}/oplysninger`,
  },
  daily_limit_exceeded: {
    person: { balance: 10_000, dailyLimit: 6000 },
    produce: (login) => overTheLimit(login),
    cause: () => kr('Dagens grænse på 60 kr. er nået.'),
    fix: () => 'Grænsen begynder forfra ved midnat. Du kan ændre den under Brugeroplysninger.',
    link: (login) => `/konti/${login.accountId}/oplysninger`,
  },
  weekly_limit_exceeded: {
    person: { balance: 10_000, weeklyLimit: 6000 },
    produce: (login) => overTheLimit(login),
    cause: () => kr('Ugens grænse på 60 kr. er nået.'),
    fix: () => 'Grænsen begynder forfra hver mandag. Du kan ændre den under Brugeroplysninger.',
    link: (login) => `/konti/${login.accountId}/oplysninger`,
  },
  monthly_limit_exceeded: {
    person: { balance: 10_000, monthlyLimit: 6000 },
    produce: (login) => overTheLimit(login),
    cause: () => kr('Månedens grænse på 60 kr. er nået.'),
    fix: () => 'Grænsen begynder forfra den 1. i hver måned. Du kan ændre den under Brugeroplysninger.',
    link: (login) => `/konti/${login.accountId}/oplysninger`,
  },
  insufficient_funds: {
    person: { balance: 1000 },
    produce: async (login) => declinedAt(await namedTill(portal.ds, tenant), login.cardNumber, 3500),
    cause: () => kr('Saldoen på 10,00 kr. var mindre end købet på 35,00 kr., så der var ikke penge nok på kortet.'),
    fix: () => 'Sæt penge ind på kortet med Indbetal.',
    link: (login) => `/konti/${login.accountId}/indbetal`,
  },
};

/** The new card each card_replaced account gets, known before the page is read. */
const newCards = new Map<string, string>();
const cafe = (login: TestLogin) => `Caféen ${login.accountId.slice(0, 8)}`;

/** 40 kr. approved, then 30 kr. over a 60 kr. limit: declined. */
async function overTheLimit(login: TestLogin) {
  const till = await namedTill(portal.ds, tenant);
  expect((await till.buy(login.cardNumber, 4000)).status).toBe('approved');
  return declinedAt(till, login.cardNumber, 3000);
}

/** A login for the case, with the canteen its card may use when the case restricts units. */
async function loginFor(reason: DeclineReason): Promise<TestLogin> {
  const options = CASES[reason].person;
  if (reason !== 'device_not_allowed') {
    const login = await createEmailLogin(portal.ds, tenant, options);
    if (reason === 'card_replaced') newCards.set(login.accountId, uniqueCardNumber());
    return login;
  }
  const canteen = await createUnit(portal.ds, tenant);
  return createEmailLogin(portal.ds, tenant, { ...options, allowedUnits: [canteen] });
}

describe('Kortet virker ikke', () => {
  it.each(DECLINE_REASONS)('explains a real %s decline: reason, time, place and fix', async (reason) => {
    const spec = CASES[reason];
    const login = await loginFor(reason);
    const { declined, till, card } = await spec.produce(login);
    expect({ status: declined.status, reason: declined.declineReason }).toEqual({ status: 'declined', reason });

    const res = await pageOf(login);
    expect(res.status).toBe(200);
    const [shown, ...others] = declinesOn(res.text);
    expect(others).toEqual([]);
    expect(shown.reason).toBe(reason);
    expect(shown.text).toContain(spec.cause(login, card));
    expect(shown.text).toContain(spec.fix(login));
    expect(shown.text).toContain(copenhagenTime(await purchaseTime(portal.ds, tenant, declined.id), 'da'));
    expect(shown.text).toContain(`Sted: ${till.tillName}, ${till.unitName}`);
    expect(shown.text).toContain(`Kort: ${card}`);
    expect(shown.links).toEqual(spec.link ? [spec.link(login)] : []);
  });

  it('links the page from Mine konti for each account', async () => {
    const login = await createEmailLogin(portal.ds, tenant, { balance: 500 });
    const agent = await signedInAgent(portal.app, host, login);
    const page = await agent.get('/konti').set('Host', host);
    expect(page.text).toContain(`href="/konti/${login.accountId}/kortet-virker-ikke"`);
    expect(page.text).toContain('>Kortet virker ikke</a>');
  });

  it("answers the seeds' checklist from the account's state now, with the POS's own periods", async () => {
    const canteen = 'Kantinen';
    const unitId = await createUnit(portal.ds, tenant, `${canteen} ${randomUUID().slice(0, 6)}`);
    const login = await createEmailLogin(portal.ds, tenant, {
      balance: 10_000,
      dailyLimit: 6000,
      allowedUnits: [unitId],
    });
    const till = await namedTill(portal.ds, tenant, { unitId });
    expect((await till.buy(login.cardNumber, 4000)).status).toBe('approved');
    const at = await purchaseTime(portal.ds, tenant, (await till.buy(login.cardNumber, 1500)).id);

    const html = (await pageOf(login)).text;

    expect(checkOn(html, 'Kortnummer')).toEqual({
      state: 'ok',
      text: expect.stringContaining(
        `Kortnummeret på kontoen er ${login.cardNumber}. En kasse så sidst dette kort ${copenhagenTime(at, 'da')} (${till.tillName}, ${till.unitName}).`,
      ),
    });
    expect(checkOn(html, 'Spærring')).toMatchObject({
      state: 'ok',
      text: expect.stringContaining('Kortet er ikke spærret.'),
    });
    expect(checkOn(html, 'Forbrug og grænser')).toMatchObject({
      state: 'ok',
      text: expect.stringContaining(kr('I dag: 55,00 kr. af 60 kr. Denne uge: 55,00 kr. Denne måned: 55,00 kr.')),
    });
    expect(checkOn(html, 'Saldo').text).toContain(kr('Der står 45,00 kr. på kortet.'));
    expect(checkOn(html, 'Enheder')).toMatchObject({
      state: 'info',
      text: expect.stringContaining(`Kortet må kun bruges i: ${till.unitName}.`),
    });
    expect(html).toContain('Ingen kasse har afvist kortet de seneste 90 dage.');
  });

  it('says when a till last saw an old card, and when a block is solved since', async () => {
    const login = await createEmailLogin(portal.ds, tenant, { balance: 10_000 });
    const till = await namedTill(portal.ds, tenant);
    const fresh = uniqueCardNumber();
    await replaceCard(portal.ds, tenant, login.accountId, fresh);
    expect((await till.buy(login.cardNumber, 1000)).declineReason).toBe('card_replaced');
    await setCardStatus(portal.ds, tenant, fresh, 'blocked');
    expect((await till.buy(fresh, 1000)).declineReason).toBe('card_blocked');
    await setCardStatus(portal.ds, tenant, fresh, 'active');

    const html = (await pageOf(login)).text;

    expect(declinesOn(html).map((d) => d.reason)).toEqual(['card_blocked', 'card_replaced']);
    expect(declinesOn(html)[0].text).toContain('Løst siden: Kortet er aktiveret igen, så det virker nu.');
    expect(checkOn(html, 'Kortnummer').text).toContain(`Kortnummeret på kontoen er ${fresh}.`);
    expect(html).toContain(`${login.cardNumber}: erstattet, sidst brugt`);
  });

  it("never shows another account's declines, nor unknown cards that are not the account's", async () => {
    const login = await createEmailLogin(portal.ds, tenant, { balance: 100 });
    const neighbour = await createEmailLogin(portal.ds, tenant, { balance: 100, cardStatus: 'blocked' });
    const till = await namedTill(portal.ds, tenant);
    expect((await till.buy(neighbour.cardNumber, 3500)).declineReason).toBe('card_blocked');
    expect((await till.buy(uniqueCardNumber(), 3500)).declineReason).toBe('card_unknown');

    const html = (await pageOf(login)).text;

    expect(declinesOn(html)).toEqual([]);
    expect(html).not.toContain(neighbour.cardNumber);
  });

  it("answers 404 for another login's account, a guessed id and a malformed id, and shows nothing of them", async () => {
    const login = await createEmailLogin(portal.ds, tenant, { balance: 100 });
    const stranger = await createEmailLogin(portal.ds, tenant, { balance: 100, cardStatus: 'blocked' });
    await (await namedTill(portal.ds, tenant)).buy(stranger.cardNumber, 3500);
    const agent = await signedInAgent(portal.app, host, login);
    for (const id of [stranger.accountId, randomUUID(), 'ikke-et-id', `${stranger.accountId}'--`]) {
      const res = await agent.get(`/konti/${encodeURIComponent(id)}/kortet-virker-ikke`).set('Host', host);
      expect({ id, status: res.status }).toEqual({ id, status: 404 });
      expect(res.text).not.toContain(stranger.cardNumber);
    }
  });

  it("answers 404 on another tenant's host for the same account", async () => {
    const login = await createEmailLogin(portal.ds, tenant, { balance: 100 });
    const agent = await signedInAgent(portal.app, host, login);
    const res = await agent.get(`/konti/${login.accountId}/kortet-virker-ikke`).set('Host', portal.oidcTenant.hosts[0]);
    // Not signed in there: the login page, never the account.
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login\?/);
    expect(res.text).not.toContain(login.cardNumber);
  });
});
