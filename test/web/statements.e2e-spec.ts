import { DateTime } from 'luxon';
import { inTenant } from '@kk/database';
import {
  backdatedCashDeposit,
  clockedTill,
  createPerson,
  oreOf,
  parseCsv,
  payOnHostedPage,
  pdfText,
  testCheckout,
  uniqueCardNumber,
  uniqueVisa,
  unescapeHtml,
  type ClockedTill,
} from '@kk/testing';
import { startGatewaySim, type RunningGatewaySim } from '../../apps/gateway-sim/src/main';
import { TEST_CITIZEN_SUBS as SUB } from '../../apps/idp-sim/src/test-citizens';
import { citizen, startMitIdTestBed, type Agent, type MitIdTestBed } from './mitid-test-login';
import { createEmailLogin, postForm, signedInAgent, type PortalTestApp, type TestLogin } from './portal-test-app';

jest.setTimeout(90_000);

/**
 * The statement ("Kontoudskrift" at the school, "Rapporter" at the municipality): a known
 * history made through the ledger's real paths (the till's pos_purchase and pos_reverse with
 * their clock set, a deposit paid on the gateway stand-in's page, a purchase today through
 * testCheckout), then read on the page, in the CSV and in the PDF, which must agree.
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

const ZONE = 'Europe/Copenhagen';
const today = () => DateTime.now().setZone(ZONE).startOf('day');
const iso = (day: DateTime) => day.toISODate()!;
/** A Copenhagen wall-clock time `daysAgo` days back. */
const at = (daysAgo: number, hour: number, minute: number) =>
  today().minus({ days: daysAgo }).set({ hour, minute }).toJSDate();
const NBSP = /\u00a0/g;

interface Parent {
  readonly agent: Agent;
  readonly host: string;
  readonly accountId: string;
  readonly cardNumber: string;
}

async function schoolParent(balance = 0): Promise<Parent & { readonly login: TestLogin }> {
  const login = await createEmailLogin(portal.ds, portal.emailTenant.slug, { balance, name: 'Ida Hansen' });
  const agent = await signedInAgent(portal.app, school, login);
  return { agent, host: school, accountId: login.accountId, cardNumber: login.cardNumber, login };
}

const get = (parent: Parent, path: string) => parent.agent.get(path).set('Host', parent.host);

/** A download's exact bytes (supertest would decode a CSV as text). */
async function download(parent: Parent, path: string) {
  const res = await get(parent, path)
    .buffer(true)
    .parse((stream, done) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return Object.assign(res, { bytes: res.body as Buffer });
}
const statementPath = (accountId: string, fra: string, til: string, suffix = '') =>
  `/konti/${accountId}/kontoudskrift${suffix}?${new URLSearchParams({ fra, til }).toString()}`;

/** Visible text: tags out, entities decoded, no-break spaces plain, whitespace folded. */
function readable(html: string): string {
  return unescapeHtml(html.replace(/<[^>]+>/g, ' '))
    .replace(NBSP, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function textOf(html: string, id: string): string {
  const element = new RegExp(`<(\\w+)\\b[^>]*\\bid="${id}"[^>]*>([\\s\\S]*?)</\\1>`).exec(html);
  if (!element) throw new Error(`no #${id} on the page`);
  return readable(element[2]);
}

/** The statement table's rows, each as its cells' text. */
function tableRows(html: string, kind: 'movement' | 'opening' | 'closing'): string[][] {
  return [...html.matchAll(new RegExp(`<tr[^>]*data-row="${kind}"[^>]*>([\\s\\S]*?)</tr>`, 'g'))].map(([, row]) =>
    [...row.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map(([, cell]) => readable(cell)),
  );
}

/** The totals table: kind → øre. */
function totalsOn(html: string): Record<string, number> {
  const rows = [...html.matchAll(/<tr[^>]*data-kind="(\w+)"[^>]*>([\s\S]*?)<\/tr>/g)];
  return Object.fromEntries(
    rows.map(([, kind, row]) => [kind, oreOf(readable(/<td[^>]*>([\s\S]*?)<\/td>/.exec(row)![1]))]),
  );
}

/** The field's error: its text, tied to the input, placed before it within the field. */
function errorBeside(html: string, field: string): string | undefined {
  if (!html.includes(`id="${field}-error"`)) return undefined;
  const input = new RegExp(`<input\\b[^>]*\\bid="${field}"[^>]*>`).exec(html)![0];
  expect(input).toMatch(new RegExp(`aria-describedby="[^"]*\\b${field}-error\\b`));
  expect(input).toContain('aria-invalid="true"');
  expect(html.indexOf(`id="${field}-error"`)).toBeLessThan(html.indexOf(input));
  return textOf(html, `${field}-error`);
}

function inputOf(html: string, field: string): { type: string; value: string } {
  const input = new RegExp(`<input\\b[^>]*\\bid="${field}"[^>]*>`).exec(html)![0];
  return {
    type: /\btype="([^"]*)"/.exec(input)![1],
    value: unescapeHtml(/\bvalue="([^"]*)"/.exec(input)![1]),
  };
}

/** "Indbetal" on the portal, paid on Nexi's page with a card of its own, back on the status page. */
async function depositByCard(parent: Parent, kroner: string): Promise<void> {
  const started = await postForm(parent.agent, parent.host, `/konti/${parent.accountId}/indbetal`, {
    method: 'card',
    amount: kroner,
    receiptEmail: 'mor@example.dk',
    terms: 'ja',
  });
  expect(started.status).toBe(303);
  const onTheWay = await get(parent, String(started.headers.location));
  const provider = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(onTheWay.text)![1];
  const paid = await payOnHostedPage(unescapeHtml(provider), { cardNumber: uniqueVisa() });
  expect(paid.status).toBe(303);
  const back = new URL(paid.location!);
  const status = await get(parent, `${back.pathname}${back.search}`);
  expect(status.text).toContain('Indbetalingen er gennemført.');
}

async function postedAt(tenantId: string, accountId: string): Promise<Date[]> {
  const rows = await inTenant(portal.ds, tenantId, (tx) =>
    tx.query<{ created_at: Date }>(
      'SELECT created_at FROM postings WHERE tenant_id = $1 AND ledger_account_id = $2 ORDER BY created_at, id',
      [tenantId, accountId],
    ),
  );
  return rows.map((row) => row.created_at);
}

const copenhagen = (when: Date) => DateTime.fromJSDate(when).setZone(ZONE).toFormat('dd.MM.yyyy HH.mm');

// ---------------------------------------------------------------------------------------------

describe('a known history', () => {
  let parent: Parent & { readonly login: TestLogin };
  let till: ClockedTill;
  let fra: string;
  let til: string;

  beforeAll(async () => {
    // 100 kr. at the office today (createPerson's credit), then the past: 500 kr. in cash 40 days
    // ago and a 45 kr. lunch 35 days ago (before the period), a 35,50 kr. lunch 10 days ago, a
    // 20 kr. cocoa 9 days ago reversed 5 minutes later; then today a 200 kr. card deposit and a
    // 25 kr. purchase.
    parent = await schoolParent(10_000);
    const tenant = portal.emailTenant.slug;
    till = await clockedTill(portal.ds, tenant, { unitName: 'Kantinen' });
    await backdatedCashDeposit(portal.ds, tenant, parent.accountId, 50_000, at(40, 9, 0));
    expect((await till.buy(parent.cardNumber, 4_500, at(35, 12, 0))).status).toBe('approved');
    expect((await till.buy(parent.cardNumber, 3_550, at(10, 11, 30))).status).toBe('approved');
    const cocoa = await till.buy(parent.cardNumber, 2_000, at(9, 10, 15), 'Kakao');
    expect((await till.reverse(cocoa.id, at(9, 10, 20))).kind).toBe('reversed');
    await depositByCard(parent, '200');
    const checkout = await testCheckout(portal.ds, portal.emailTenant);
    expect((await checkout.buy(parent, 2_500)).status).toBe('approved');
    fra = iso(today().minus({ days: 30 }));
    til = iso(today());
  });

  it('shows the opening balance, each movement with its balance, the closing balance and the totals', async () => {
    const page = await get(parent, statementPath(parent.accountId, fra, til));
    expect(page.status).toBe(200);
    expect(textOf(page.text, 'statement-title')).toBe('Kontoudskrift');
    expect(textOf(page.text, 'opening-balance')).toBe('455,00 kr.');
    expect(textOf(page.text, 'closing-balance')).toBe('694,50 kr.');
    expect(textOf(page.text, 'net-movement')).toBe('239,50 kr.');

    const [credit, deposit, purchase] = (await postedAt(portal.emailTenant.slug, parent.accountId)).slice(-3);
    const rows = tableRows(page.text, 'movement');
    const place = `${till.tillName}, Kantinen`;
    expect(rows.map((row) => row.slice(1))).toEqual([
      [place, 'Frokost', 'Køb', '-35,50 kr.', '419,50 kr.'],
      [place, 'Kakao', 'Køb', '-20,00 kr.', '399,50 kr.'],
      [place, 'Kakao', 'Tilbageført køb', '20,00 kr.', '419,50 kr.'],
      ['', 'Indbetaling', 'Indbetaling', '100,00 kr.', '519,50 kr.'],
      ['Betalingskort', 'Indbetaling', 'Indbetaling', '200,00 kr.', '719,50 kr.'],
      [expect.stringMatching(/^Kasse \w+, Kantine \w+$/), 'Frokost', 'Køb', '-25,00 kr.', '694,50 kr.'],
    ]);
    // Each time as a Dane reads the clock in Copenhagen.
    expect(rows.map((row) => row[0])).toEqual([
      copenhagen(at(10, 11, 30)),
      copenhagen(at(9, 10, 15)),
      copenhagen(at(9, 10, 20)),
      copenhagen(credit),
      copenhagen(deposit),
      copenhagen(purchase),
    ]);
    expect(rows[0][0]).toMatch(/ 11\.30$/);
    expect(tableRows(page.text, 'opening')[0].pop()).toBe('455,00 kr.');
    expect(tableRows(page.text, 'closing')[0].pop()).toBe('694,50 kr.');
    expect(totalsOn(page.text)).toEqual({
      deposits: 30_000,
      purchases: -8_050,
      reversals: 2_000,
      topUps: 0,
      fees: 0,
      payouts: 0,
      subscriptions: 0,
      webshop: 0,
      net: 23_950,
    });
  });

  it('ends a period at the end of its last day: up to yesterday leaves out today', async () => {
    const yesterday = iso(today().minus({ days: 1 }));
    const page = await get(parent, statementPath(parent.accountId, fra, yesterday));
    expect(page.status).toBe(200);
    expect(tableRows(page.text, 'movement')).toHaveLength(3);
    expect(textOf(page.text, 'closing-balance')).toBe('419,50 kr.');
    // A period before everything: all zero, and it says so.
    const early = await get(
      parent,
      statementPath(parent.accountId, iso(today().minus({ days: 60 })), iso(today().minus({ days: 50 }))),
    );
    expect(textOf(early.text, 'opening-balance')).toBe('0,00 kr.');
    expect(textOf(early.text, 'closing-balance')).toBe('0,00 kr.');
    expect(readable(early.text)).toContain('Der er ingen bevægelser på kontoen i perioden.');
  });

  it('gives a CSV that opens in Danish Excel with the same numbers as the page', async () => {
    const page = await get(parent, statementPath(parent.accountId, fra, til));
    const csv = await download(parent, statementPath(parent.accountId, fra, til, '.csv'));
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="kontoudskrift-${fra}-${til}.csv"`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { rows } = parseCsv(csv.bytes);
    const header = rows.findIndex((row) => row[0] === 'Dato');
    const table = rows.slice(header + 1, header + 9);
    expect(oreOf(table[0][6])).toBe(oreOf(textOf(page.text, 'opening-balance')));
    const onPage = tableRows(page.text, 'movement');
    expect(table.slice(1, 7).map((row) => [row[3], row[4], oreOf(row[5]), oreOf(row[6])])).toEqual(
      onPage.map((row) => [row[2], row[3], oreOf(row[4]), oreOf(row[5])]),
    );
    expect(table.slice(1, 7).map((row) => `${row[0].replace(/-/g, '.')} ${row[1].replace(':', '.')}`)).toEqual(
      onPage.map((row) => row[0]),
    );
    expect(oreOf(table[7][6])).toBe(oreOf(textOf(page.text, 'closing-balance')));
    const totals = rows.slice(rows.findIndex((row) => row[0] === 'I alt fordelt på type') + 1);
    const shown = totalsOn(page.text);
    expect(totals.map((row) => oreOf(row[5]))).toEqual(Object.values(shown));
    expect(totals.map((row) => row[0])).toEqual([
      'Indbetalinger',
      'Køb',
      'Tilbageførte køb',
      'Automatisk optankning',
      'Gebyrer',
      'Udbetalinger',
      'Abonnementer',
      'Webshop',
      'Bevægelser i alt',
    ]);
  });

  it('gives a PDF whose text shows the same balances and totals as the page', async () => {
    const pdf = await download(parent, statementPath(parent.accountId, fra, til, '.pdf'));
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="kontoudskrift-${fra}-${til}.pdf"`);
    const pages = (await pdfText(pdf.bytes)).map((page) => page.replace(NBSP, ' '));
    expect(pages).toHaveLength(1);
    const [text] = pages;
    expect(text).toContain('Side 1 af 1');
    expect(text).toContain('Sct. Ibs Kantinekort');
    expect(text).toContain(`Ida Hansen, kort ${parent.cardNumber}`);
    expect(text).toMatch(/Saldo ved periodens start\s+455,00 kr\./);
    expect(text).toMatch(/Saldo ved periodens slut\s+694,50 kr\./);
    for (const [label, amount] of [
      ['Indbetalinger', '300,00'],
      ['Køb', '-80,50'],
      ['Tilbageførte køb', '20,00'],
      ['Automatisk optankning', '0,00'],
      ['Bevægelser i alt', '239,50'],
    ]) {
      expect(text).toMatch(new RegExp(`\\n${label}\\s+${amount} kr\\.`));
    }
    for (const balance of ['419,50', '399,50', '519,50', '719,50']) expect(text).toContain(`${balance} kr.`);
  });

  it('"Vis Rapport" with the account chosen in the form goes to that account, the period kept', async () => {
    const res = await get(parent, `/konti/kontoudskrift?konto=${parent.accountId}&fra=${fra}&til=${til}`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(statementPath(parent.accountId, fra, til));
    // Without a period (a link naming only the account), to the form with its defaults.
    const bare = await get(parent, `/konti/kontoudskrift?konto=${parent.accountId}`);
    expect(bare.headers.location).toBe(`/konti/${parent.accountId}/kontoudskrift`);
  });
});

describe('a long period', () => {
  // 230 cash deposits of 1–230 kr. over the last 50 days: pages of 100, 100 and 30.
  let parent: Parent & { readonly login: TestLogin };
  const fra = () => iso(today().minus({ days: 60 }));
  const til = () => iso(today());
  const paged = (side: string) => `${statementPath(parent.accountId, fra(), til())}&side=${side}`;
  const href = (html: string, rel: string) => {
    const link = new RegExp(`<a href="([^"]+)#movements-title" rel="${rel}">`).exec(html);
    return link ? unescapeHtml(link[1]) : undefined;
  };

  beforeAll(async () => {
    parent = await schoolParent();
    for (let i = 1; i <= 230; i += 1) {
      const when = new Date(at(50, 8, 0).getTime() + i * 60_000);
      await backdatedCashDeposit(portal.ds, portal.emailTenant.slug, parent.accountId, i * 100, when);
    }
  });

  it('shows a hundred movements a page, the balances carried from page to page, and the whole period’s figures on each', async () => {
    const first = await get(parent, statementPath(parent.accountId, fra(), til()));
    expect(first.status).toBe(200);
    expect(textOf(first.text, 'statement-pages')).toContain('Side 1 af 3');
    expect(readable(/<caption>([\s\S]*?)<\/caption>/.exec(first.text)![1])).toBe(
      '230 bevægelser i perioden, her vises 1–100',
    );
    const rowsOf = (html: string) => tableRows(html, 'movement');
    expect(rowsOf(first.text)).toHaveLength(100);
    expect(tableRows(first.text, 'opening')).toHaveLength(1);
    expect(first.text).toContain('data-row="carried-out"');
    expect(href(first.text, 'prev')).toBeUndefined();

    // Following "Næste side" as a browser would, to the last page.
    const second = await get(parent, href(first.text, 'next')!);
    expect(textOf(second.text, 'statement-pages')).toContain('Side 2 af 3');
    const third = await get(parent, href(second.text, 'next')!);
    expect(href(first.text, 'last')).toBe(href(second.text, 'next'));
    expect(href(third.text, 'next')).toBeUndefined();
    expect(href(third.text, 'prev')).toBe(href(first.text, 'next'));
    expect(rowsOf(third.text)).toHaveLength(30);
    expect(tableRows(third.text, 'closing')).toHaveLength(1);

    // Every page: the period's balances and totals (1 + 2 + … + 230 kr. = 26.565 kr.).
    for (const page of [first, second, third]) {
      expect(textOf(page.text, 'opening-balance')).toBe('0,00 kr.');
      expect(textOf(page.text, 'closing-balance')).toBe('26.565,00 kr.');
      expect(totalsOn(page.text).deposits).toBe(2_656_500);
    }
    // The rows of the three pages are the CSV's, in order, with the same running balances.
    const csv = parseCsv((await download(parent, statementPath(parent.accountId, fra(), til(), '.csv'))).bytes);
    const header = csv.rows.findIndex((row) => row[0] === 'Dato');
    const csvRows = csv.rows.slice(header + 2, header + 2 + 230);
    const pageRows = [first, second, third].flatMap((page) => rowsOf(page.text));
    expect(pageRows.map((row) => [oreOf(row[4]), oreOf(row[5])])).toEqual(
      csvRows.map((row) => [oreOf(row[5]), oreOf(row[6])]),
    );
    // Page 2 carries in what page 1 carried out.
    const carried = (html: string, row: string) =>
      readable(new RegExp(`<tr[^>]*data-row="${row}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)![1]);
    expect(carried(second.text, 'carried-in').replace('Saldo fra forrige side ', '')).toBe(
      carried(first.text, 'carried-out').replace('Saldo til næste side ', ''),
    );
  });

  it('answers a page past the end with the last, and anything not a page number with the first', async () => {
    expect(textOf((await get(parent, paged('99'))).text, 'statement-pages')).toContain('Side 3 af 3');
    for (const side of ['abc', '-1', '0', '1.5']) {
      const page = await get(parent, paged(side));
      expect(page.status).toBe(200);
      expect(textOf(page.text, 'statement-pages')).toContain('Side 1 af 3');
    }
  });

  it('shows no page of it to another login: 404 as for any account it may not see', async () => {
    const other = await schoolParent();
    const res = await get(other, paged('2'));
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('bevægelser i perioden');
  });
});

describe('the first visit', () => {
  it('shows the form with the last 30 days and the accounts the login may see, and no statement yet', async () => {
    const parent = await schoolParent();
    const page = await get(parent, `/konti/${parent.accountId}/kontoudskrift`);
    expect(page.status).toBe(200);
    expect(inputOf(page.text, 'fra')).toEqual({ type: 'date', value: iso(today().minus({ days: 29 })) });
    expect(inputOf(page.text, 'til')).toEqual({ type: 'date', value: iso(today()) });
    expect(page.text).toContain(
      `<option value="${parent.accountId}" selected>Ida Hansen (${parent.cardNumber})</option>`,
    );
    expect(page.text).not.toContain('id="movements"');
    expect(readable(page.text)).toContain('Vis Rapport');
    // Mine konti links here for every account.
    const accounts = await get(parent, '/konti');
    expect(accounts.text).toContain(`href="/konti/${parent.accountId}/kontoudskrift"`);
  });
});

describe('every bad period', () => {
  let parent: Parent;
  beforeAll(async () => {
    parent = await schoolParent(5_000);
  });

  const cases: { name: string; fra: () => string; til: () => string; errors: Record<string, string> }[] = [
    {
      name: 'both missing',
      fra: () => '',
      til: () => '',
      errors: { fra: 'Vælg en startdato', til: 'Vælg en slutdato' },
    },
    {
      name: 'no such day',
      fra: () => '2025-02-30',
      til: () => iso(today()),
      errors: { fra: 'Startdatoen er ikke en rigtig dato. Skriv den som dd-mm-åååå, fx 01-03-2025' },
    },
    {
      name: 'words',
      fra: () => iso(today()),
      til: () => 'i morgen',
      errors: { til: 'Slutdatoen er ikke en rigtig dato. Skriv den som dd-mm-åååå, fx 31-03-2025' },
    },
    {
      name: 'in the future',
      fra: () => iso(today()),
      til: () => iso(today().plus({ days: 1 })),
      errors: { til: 'Slutdatoen ligger i fremtiden. Vælg i dag eller en dag før' },
    },
    {
      name: 'both in the future',
      fra: () => iso(today().plus({ days: 3 })),
      til: () => iso(today().plus({ days: 4 })),
      errors: {
        fra: 'Startdatoen ligger i fremtiden. Vælg i dag eller en dag før',
        til: 'Slutdatoen ligger i fremtiden. Vælg i dag eller en dag før',
      },
    },
    {
      name: 'end before start',
      fra: () => iso(today().minus({ days: 2 })),
      til: () => iso(today().minus({ days: 3 })),
      errors: { til: 'Slutdatoen ligger før startdatoen. Vælg en slutdato samme dag eller senere' },
    },
    {
      name: 'more than 5 years',
      fra: () => iso(today().minus({ years: 5, days: 1 })),
      til: () => iso(today()),
      errors: { fra: 'En kontoudskrift kan højst dække 5 år. Vælg en senere startdato' },
    },
  ];

  it.each(cases)('$name: 400 on the page and both downloads, the error beside its field, the value kept', async (c) => {
    const fra = c.fra();
    const til = c.til();
    for (const suffix of ['', '.csv', '.pdf']) {
      const res = await get(parent, statementPath(parent.accountId, fra, til, suffix));
      expect(`${suffix} ${res.status} ${res.headers['content-type']}`).toBe(`${suffix} 400 text/html; charset=utf-8`);
      expect(textOf(res.text, 'form-error')).toBe('Perioden kan ikke vises. Ret datoerne herunder.');
      expect({ fra: errorBeside(res.text, 'fra'), til: errorBeside(res.text, 'til') }).toEqual({
        fra: c.errors.fra,
        til: c.errors.til,
      });
      expect([inputOf(res.text, 'fra').value, inputOf(res.text, 'til').value]).toEqual([fra, til]);
      expect(res.text).not.toContain('id="movements"');
    }
  });

  it('keeps a typed non-date in a text field, so the browser does not empty it', async () => {
    const res = await get(parent, statementPath(parent.accountId, '31-02-2025', iso(today())));
    expect(res.status).toBe(400);
    expect(inputOf(res.text, 'fra')).toEqual({ type: 'text', value: '31-02-2025' });
    expect(inputOf(res.text, 'til')).toEqual({ type: 'date', value: iso(today()) });
  });

  it('reads a Danish date typed without the picker', async () => {
    const day = today().minus({ days: 3 });
    const res = await get(
      parent,
      statementPath(parent.accountId, day.toFormat('dd-MM-yyyy'), day.toFormat('d.M.yyyy')),
    );
    expect(res.status).toBe(200);
    expect(inputOf(res.text, 'fra')).toEqual({ type: 'date', value: iso(day) });
    const csvLink = /id="download-csv" href="([^"]+)"/.exec(res.text)![1];
    expect(unescapeHtml(csvLink)).toBe(statementPath(parent.accountId, iso(day), iso(day), '.csv'));
  });

  it('answers repeated, nested and control-character parameters with a 400 page, never a 500', async () => {
    const base = `/konti/${parent.accountId}/kontoudskrift`;
    for (const query of [
      '?fra=a&fra=b&til=c',
      '?fra[x]=1&til=2025-01-01',
      '?fra=%00&til=2025-01-01',
      '?til=2025-01-01',
    ]) {
      for (const suffix of ['', '.csv', '.pdf']) {
        const res = await get(parent, `${base}${suffix}${query}`);
        expect(`${suffix}${query} ${res.status}`).toBe(`${suffix}${query} 400`);
      }
    }
  });
});

describe('what a stranger cannot see', () => {
  it("answers 404 for another login's account on the page, the CSV and the PDF, and shows nothing of it", async () => {
    const parent = await schoolParent();
    const stranger = await schoolParent(77_700);
    const period = { fra: iso(today().minus({ days: 5 })), til: iso(today()) };
    for (const suffix of ['', '.csv', '.pdf']) {
      for (const path of [
        statementPath(stranger.accountId, period.fra, period.til, suffix),
        `/konti/${stranger.accountId}/kontoudskrift${suffix}`,
        // A bad period does not get a stranger's account a 400 page either.
        statementPath(stranger.accountId, 'x', 'y', suffix),
      ]) {
        const res = await get(parent, path);
        expect(`${path} ${res.status}`).toBe(`${path} 404`);
        expect(res.text ?? '').not.toContain('777,00');
        expect(res.headers['content-disposition']).toBeUndefined();
      }
    }
    // The form's account switch only sends the browser to the page that checks.
    const switched = await get(
      parent,
      `/konti/kontoudskrift?konto=${stranger.accountId}&fra=${period.fra}&til=${period.til}`,
    );
    expect(switched.status).toBe(303);
    expect((await get(parent, String(switched.headers.location))).status).toBe(404);
    // Nor an account of another tenant, asked for on this tenant's host.
    const elsewhere = await createPerson(portal.ds, portal.oidcTenant.slug, {
      cardNumber: `GLX${uniqueCardNumber().slice(0, 12)}`,
      balance: 77_700,
    });
    for (const suffix of ['', '.csv', '.pdf']) {
      const res = await get(parent, statementPath(elsewhere.accountId, period.fra, period.til, suffix));
      expect(`${suffix} ${res.status}`).toBe(`${suffix} 404`);
    }
    // And the stranger still sees their own.
    expect((await get(stranger, statementPath(stranger.accountId, period.fra, period.til))).status).toBe(200);
  });

  it('answers 404, never 500, for guessed and malformed account ids', async () => {
    const parent = await schoolParent();
    for (const id of ['00000000-0000-4000-8000-000000000000', 'ikke-et-id', "1'%20OR%20'1'='1", '%2e%2e']) {
      for (const suffix of ['', '.csv', '.pdf']) {
        const path = `/konti/${id}/kontoudskrift${suffix}?fra=${iso(today())}&til=${iso(today())}`;
        expect(`${path} ${(await get(parent, path)).status}`).toBe(`${path} 404`);
      }
    }
    for (const konto of ['ikke-et-id', '']) {
      expect((await get(parent, `/konti/kontoudskrift?konto=${konto}`)).status).toBe(404);
    }
  });

  it('sends a visitor who is not signed in to the login page', async () => {
    const parent = await schoolParent();
    const visitor = bed.agent();
    for (const suffix of ['', '.csv', '.pdf']) {
      const res = await visitor.get(`/konti/${parent.accountId}/kontoudskrift${suffix}`).set('Host', school);
      expect(res.status).toBe(303);
      expect(String(res.headers.location)).toMatch(/^\/login/);
    }
  });
});

describe('at the municipality', () => {
  it('is "Rapporter", for a citizen signed in with MitID, with its file names', async () => {
    const { name, cpr } = citizen(SUB.larsPedersen);
    const person = await createPerson(portal.ds, portal.oidcTenant.slug, {
      cpr,
      name,
      cardNumber: `GLX${uniqueCardNumber().slice(0, 12)}`,
      balance: 12_300,
    });
    const agent = bed.agent();
    const back = await bed.logIn(agent, SUB.larsPedersen);
    if (back.headers.location === '/auth/oidc/cpr') await bed.postCpr(agent, cpr!);
    const citizenParent: Parent = {
      agent,
      host: municipality,
      accountId: person.accountId,
      cardNumber: person.cardNumber,
    };
    const day = iso(today());
    const page = await get(citizenParent, statementPath(person.accountId, day, day));
    expect(page.status).toBe(200);
    expect(textOf(page.text, 'statement-title')).toBe('Rapporter');
    expect(textOf(page.text, 'closing-balance')).toBe('123,00 kr.');
    const csv = await download(citizenParent, statementPath(person.accountId, day, day, '.csv'));
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="rapporter-${day}-${day}.csv"`);
    expect(parseCsv(csv.bytes).rows[0].slice(0, 2)).toEqual(['Rapporter', 'Gladsaxekortet']);
    const pdf = await download(citizenParent, statementPath(person.accountId, day, day, '.pdf'));
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="rapporter-${day}-${day}.pdf"`);
    const [text] = await pdfText(pdf.bytes);
    expect(text).toContain('Rapporter');
    expect(text.replace(NBSP, ' ')).toMatch(/Saldo ved periodens slut\s+123,00 kr\./);
  });
});
