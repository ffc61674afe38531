import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createPerson, createTill, createUnit, uniqueCardNumber, walletBalance, type TestTill } from '@kk/testing';
import { TEST_CITIZEN_SUBS as SUB } from '../../apps/idp-sim/src/test-citizens';
import { citizen, startMitIdTestBed, type Agent, type MitIdTestBed } from '../web/mitid-test-login';
import { createEmailLogin, postForm, signedInAgent } from '../web/portal-test-app';
import { startPosTestApp, type PosTestApp } from './pos-test-app';

jest.setTimeout(60_000);

/**
 * Each setting of Brugeroplysninger changes the till's answer at once: the parent saves the
 * form in the real portal, and the very next purchase through the real POS API (`POST
 * /pos/v1/purchases`, a till's own key) is decided by it. Both apps run over the same
 * database, as in production; nothing is cached between them.
 */
let bed: MitIdTestBed;
let pos: PosTestApp;
let school: string;
let municipality: string;

beforeAll(async () => {
  bed = await startMitIdTestBed([], { rateLimits: { loginPerIp: 10_000 } });
  pos = await startPosTestApp();
  school = bed.portal.emailTenant.hosts[0];
  municipality = bed.host;
});
afterAll(async () => {
  await pos?.close();
  await bed?.stop();
});

interface Holder {
  readonly agent: Agent;
  readonly host: string;
  readonly accountId: string;
  readonly cardNumber: string;
}

async function schoolParent(): Promise<Holder> {
  const login = await createEmailLogin(bed.portal.ds, bed.portal.emailTenant.slug, { balance: 100_000 });
  return { ...login, agent: await signedInAgent(bed.portal.app, school, login), host: school };
}

const save = (holder: Holder, form: string, fields: Record<string, string>) =>
  postForm(
    holder.agent,
    holder.host,
    `/konti/${holder.accountId}/oplysninger/${form}`,
    fields,
    `/konti/${holder.accountId}/oplysninger`,
  );

async function saved(holder: Holder, form: string, fields: Record<string, string>): Promise<void> {
  const res = await save(holder, form, fields);
  expect(res.status).toBe(303);
  expect(String(res.headers.location)).toMatch(/\?besked=(?!uaendret)/);
}

/** The till asks the POS API, as a real till does. */
async function buy(till: TestTill, cardNumber: string, amount: number) {
  const res = await request(pos.app.getHttpServer())
    .post('/pos/v1/purchases')
    .set('Authorization', `Bearer ${till.apiKey}`)
    .set('Idempotency-Key', `settings-${randomUUID()}`)
    .send({ cardNumber, amount, description: 'Frokost' });
  expect(res.status).toBe(201);
  return res.body as { status: string; declineReason: string | null; balance: number | null };
}

const declined = (reason: string) => ({ status: 'declined', declineReason: reason });
const APPROVED = { status: 'approved', declineReason: null };

describe('at the school', () => {
  let till: TestTill;
  beforeAll(async () => {
    till = await createTill(pos.ds, bed.portal.emailTenant.slug);
  });

  it('"Spær kort" declines the card card_blocked at once; "Aktiver kort" approves it again', async () => {
    const parent = await schoolParent();
    expect(await buy(till, parent.cardNumber, 1000)).toMatchObject(APPROVED);
    await saved(parent, 'spaerring', { handling: 'spaer' });
    expect(await buy(till, parent.cardNumber, 1000)).toMatchObject(declined('card_blocked'));
    await saved(parent, 'spaerring', { handling: 'aktiver' });
    expect(await buy(till, parent.cardNumber, 1000)).toMatchObject(APPROVED);
    expect(await walletBalance(pos.ds, bed.portal.emailTenant.slug, parent.accountId)).toBe(98_000);
  });

  it('a new card number works at once, and the old card is declined card_replaced', async () => {
    const parent = await schoolParent();
    const fresh = uniqueCardNumber();
    expect(await buy(till, fresh, 1000)).toMatchObject(declined('card_unknown'));
    await saved(parent, 'kortnummer', { cardNumber: fresh });
    expect(await buy(till, fresh, 1000)).toMatchObject({ ...APPROVED, balance: 99_000 });
    expect(await buy(till, parent.cardNumber, 1000)).toMatchObject(declined('card_replaced'));
    // The card lookup agrees: the old card is replaced, the new one active.
    const lookup = (number: string) =>
      request(pos.app.getHttpServer()).get(`/pos/v1/cards/${number}`).set('Authorization', `Bearer ${till.apiKey}`);
    expect((await lookup(parent.cardNumber)).body).toMatchObject({ status: 'replaced' });
    expect((await lookup(fresh)).body).toMatchObject({ status: 'active', balance: 99_000 });
  });

  it('a blocked card replaced by a new number: the new card pays, the old stays declined', async () => {
    const parent = await schoolParent();
    await saved(parent, 'spaerring', { handling: 'spaer' });
    const fresh = uniqueCardNumber();
    await saved(parent, 'kortnummer', { cardNumber: fresh });
    expect(await buy(till, fresh, 500)).toMatchObject(APPROVED);
    expect(await buy(till, parent.cardNumber, 500)).toMatchObject(declined('card_replaced'));
  });

  it('the day, week and month limits decline daily_limit_exceeded, weekly_…, monthly_… at once', async () => {
    const parent = await schoolParent();
    await saved(parent, 'graenser', { daily: '60', weekly: '', monthly: '' });
    expect(await buy(till, parent.cardNumber, 6001)).toMatchObject(declined('daily_limit_exceeded'));
    expect(await buy(till, parent.cardNumber, 6000)).toMatchObject(APPROVED);
    expect(await buy(till, parent.cardNumber, 1)).toMatchObject(declined('daily_limit_exceeded'));

    // 60 kr. spent today, this week and this month.
    await saved(parent, 'graenser', { daily: '', weekly: '70', monthly: '' });
    expect(await buy(till, parent.cardNumber, 1001)).toMatchObject(declined('weekly_limit_exceeded'));
    expect(await buy(till, parent.cardNumber, 1000)).toMatchObject(APPROVED);

    await saved(parent, 'graenser', { daily: '', weekly: '', monthly: '80' });
    expect(await buy(till, parent.cardNumber, 1001)).toMatchObject(declined('monthly_limit_exceeded'));
    expect(await buy(till, parent.cardNumber, 1000)).toMatchObject(APPROVED);

    // No limits: the balance alone decides again.
    await saved(parent, 'graenser', { daily: '', weekly: '', monthly: '' });
    expect(await buy(till, parent.cardNumber, 20_000)).toMatchObject(APPROVED);
  });
});

describe('at the municipality', () => {
  it('units: a till in a unit not ticked declines device_not_allowed at once; all ticked lifts it', async () => {
    const tenant = bed.portal.oidcTenant.slug;
    const canteen = await createUnit(pos.ds, tenant, 'Kantinen');
    const cafe = await createUnit(pos.ds, tenant, 'Caféen');
    const atCanteen = await createTill(pos.ds, tenant, canteen);
    const atCafe = await createTill(pos.ds, tenant, cafe);

    const { name, cpr } = citizen(SUB.metteSorensen);
    const cardNumber = `GLX${uniqueCardNumber().slice(0, 12)}`;
    const person = await createPerson(bed.portal.ds, tenant, { cpr, name, cardNumber, balance: 10_000 });
    const agent = bed.agent();
    const back = await bed.logIn(agent, SUB.metteSorensen);
    if (back.headers.location === '/auth/oidc/cpr') await bed.postCpr(agent, cpr!);
    const mette: Holder = { agent, host: municipality, accountId: person.accountId, cardNumber };

    expect(await buy(atCafe, cardNumber, 1000)).toMatchObject(APPROVED);
    await saved(mette, 'enheder', { enheder: canteen });
    expect(await buy(atCafe, cardNumber, 1000)).toMatchObject(declined('device_not_allowed'));
    expect(await buy(atCanteen, cardNumber, 1000)).toMatchObject(APPROVED);

    const page = await agent.get(`/konti/${person.accountId}/oplysninger`).set('Host', municipality);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const all = await agent
      .post(`/konti/${person.accountId}/oplysninger/enheder`)
      .set('Host', municipality)
      .type('form')
      .send(`_csrf=${encodeURIComponent(token)}&enheder=${canteen}&enheder=${cafe}`);
    expect(all.status).toBe(303);
    expect(await buy(atCafe, cardNumber, 1000)).toMatchObject(APPROVED);
  });
});
