import type { MyPerson } from '@kk/identity';
import {
  buildStatementPage,
  checkPeriod,
  pageSlice,
  summarize,
  type LedgerMovement,
  type StatementPage,
} from '@kk/statements';
import { defaultTenantsDir, loadTenants } from '@kk/tenancy';
import type { PageContext } from '../kit';
import { statementHref, statementPage } from './statement-views';

const tenants = loadTenants(defaultTenantsDir());
const NOW = new Date('2025-03-15T11:00:00Z');
const ACCOUNT = 'acc00000-0000-4000-8000-000000000001';

function pageAt(slug: string, locale: 'da' | 'en' = 'da'): PageContext {
  const tenant = tenants.require(slug);
  return {
    tenant,
    login: undefined,
    locale,
    csrfToken: 't',
    signedIn: true,
    ip: undefined,
    caller: { tenantId: tenant.slug },
    audit: { tenant: tenant.slug, ip: undefined },
  };
}

const people: MyPerson[] = [
  {
    cardholderId: 'h1',
    name: 'Ida Hansen',
    kind: 'self',
    accounts: [{ accountId: ACCOUNT, cardNumber: '1000200030004001', cardStatus: 'active', balance: 0 }],
  },
  {
    cardholderId: 'h2',
    name: 'Otto Hansen',
    kind: 'relation',
    accounts: [{ accountId: 'other', cardNumber: null, cardStatus: null, balance: 0 }],
  },
];

describe('the statement page', () => {
  it("is named by the tenant's tab and lists the accounts the login sees, this one chosen", () => {
    const form = { kind: 'form' as const, values: { fra: '2025-02-14', til: '2025-03-15' } };
    const school = statementPage(pageAt('sctibs'), { accountId: ACCOUNT, people, answer: form, now: NOW });
    expect([school.heading, school.title]).toEqual(['Kontoudskrift', 'Kontoudskrift – Sct. Ibs Kantinekort']);
    expect(school.accounts).toEqual([
      { accountId: ACCOUNT, label: 'Ida Hansen (1000200030004001)', selected: true },
      { accountId: 'other', label: 'Otto Hansen', selected: false },
    ]);
    expect([school.fra, school.til, school.today]).toEqual([
      { value: '2025-02-14', type: 'date' },
      { value: '2025-03-15', type: 'date' },
      '2025-03-15',
    ]);
    expect(school.statement).toBeUndefined();
    const town = statementPage(pageAt('gladsaxe'), { accountId: ACCOUNT, people, answer: form, now: NOW });
    expect(town.heading).toBe('Rapporter');
  });

  it('gives each refused field its sentence and keeps what was typed, in a text field when it is no date', () => {
    const invalid = {
      kind: 'invalid' as const,
      values: { fra: '30-02-2025', til: '1.3.2025' },
      errors: [{ field: 'fra' as const, reason: 'notADate' as const }],
    };
    const view = statementPage(pageAt('sctibs'), { accountId: ACCOUNT, people, answer: invalid, now: NOW });
    expect(view.errors).toEqual({
      fra: 'Startdatoen er ikke en rigtig dato. Skriv den som dd-mm-åååå, fx 01-03-2025',
    });
    expect(view.problem).toBe('Perioden kan ikke vises. Ret datoerne herunder.');
    expect(view.fra).toEqual({ value: '30-02-2025', type: 'text' });
    // A Danish day that was understood is shown as the date picker's value.
    expect(view.til).toEqual({ value: '2025-03-01', type: 'date' });
  });

  it('shows a statement with its downloads for the same period, in English when asked', () => {
    const statement = statementOf(5_000, [purchase('1', '2025-03-03T11:05:00Z', -3_550)]);
    const answer = { kind: 'statement' as const, values: { fra: '2025-03-01', til: '2025-03-15' }, statement };
    const view = statementPage(pageAt('sctibs', 'en'), { accountId: ACCOUNT, people, answer, now: NOW });
    expect(view.statement).toMatchObject({
      holder: 'Ida Hansen, card 1000200030004001',
      period: '1 March 2025 – 15 March 2025',
      opening: 5_000,
      closing: 1_450,
      count: '1 movement in the period',
      csvHref: `/konti/${ACCOUNT}/kontoudskrift.csv?fra=2025-03-01&til=2025-03-15`,
      pdfHref: `/konti/${ACCOUNT}/kontoudskrift.pdf?fra=2025-03-01&til=2025-03-15`,
    });
    expect(view.statement?.movements).toEqual([
      {
        at: '2025-03-03T11:05:00.000Z',
        date: '03/03/2025',
        time: '12:05',
        place: 'Kasse 1, Kantinen',
        text: 'Purchase',
        kind: 'Purchase',
        amount: -3_550,
        balance: 1_450,
        credit: false,
      },
    ]);
  });

  it('shows a long period a page at a time, the balances carried from page to page', () => {
    // 250 purchases of 1 kr.: pages of 100, 100 and 50.
    const ledger = Array.from({ length: 250 }, (_, i) =>
      purchase(String(i + 1), new Date(Date.UTC(2025, 2, 2, 8, i)).toISOString(), -100),
    );
    const shown = (side: string) => {
      const statement = statementOf(50_000, ledger, side);
      const answer = { kind: 'statement' as const, values: { fra: '2025-03-01', til: '2025-03-15' }, statement };
      return statementPage(pageAt('sctibs'), { accountId: ACCOUNT, people, answer, now: NOW }).statement;
    };
    const href = (side?: number) =>
      `/konti/${ACCOUNT}/kontoudskrift?fra=2025-03-01&til=2025-03-15${side ? `&side=${side}` : ''}`;

    const first = shown('1');
    expect(first).toMatchObject({ opening: 50_000, closing: 25_000, net: -25_000, count: '250 bevægelser i perioden' });
    expect(first?.shown).toBe('her vises 1–100');
    expect([first?.carriedIn, first?.carriedOut]).toEqual([undefined, { balance: 40_000 }]);
    expect(first?.pagination).toEqual({
      label: 'Side 1 af 3',
      first: undefined,
      previous: undefined,
      next: href(2),
      last: href(3),
    });
    expect(first?.movements.map((m) => m.balance).slice(0, 2)).toEqual([49_900, 49_800]);

    const middle = shown('2');
    expect(middle?.shown).toBe('her vises 101–200');
    expect([middle?.carriedIn, middle?.carriedOut]).toEqual([{ balance: 40_000 }, { balance: 30_000 }]);
    expect(middle?.movements[0]?.balance).toBe(39_900);
    expect(middle?.pagination).toMatchObject({ label: 'Side 2 af 3', first: href(), previous: href(), next: href(3) });

    const lastPage = shown('3');
    expect(lastPage?.shown).toBe('her vises 201–250');
    expect([lastPage?.carriedIn, lastPage?.carriedOut]).toEqual([{ balance: 30_000 }, undefined]);
    expect(lastPage?.movements).toHaveLength(50);
    expect(lastPage?.pagination).toMatchObject({ next: undefined, last: undefined, previous: href(2) });
    // The totals are the whole period's on every page.
    expect(lastPage?.totals).toEqual(first?.totals);
  });

  it('has no page links, no "showing" line and no carried balances when the period fits on one page', () => {
    const view = statementPage(pageAt('sctibs'), {
      accountId: ACCOUNT,
      people,
      answer: {
        kind: 'statement',
        values: { fra: '2025-03-01', til: '2025-03-15' },
        statement: statementOf(0, [purchase('1', '2025-03-03T11:05:00Z', -100)]),
      },
      now: NOW,
    }).statement;
    expect([view?.pagination, view?.shown, view?.carriedIn, view?.carriedOut]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('links a period by its days only, whatever else was in the query', () => {
    expect(statementHref(ACCOUNT, { from: '2025-01-01', to: '2025-01-31' })).toBe(
      `/konti/${ACCOUNT}/kontoudskrift?fra=2025-01-01&til=2025-01-31`,
    );
  });
});

function purchase(id: string, at: string, amount: number): LedgerMovement {
  return {
    id,
    at: new Date(at),
    amount,
    transactionKind: 'pos_purchase',
    counterpartKind: 'till_sales',
    description: null,
    tillName: 'Kasse 1',
    unitName: 'Kantinen',
  };
}

/** The page the service would build of these movements (groups summed as the SQL sums them). */
function statementOf(opening: number, ledger: readonly LedgerMovement[], side = '1'): StatementPage {
  const checked = checkPeriod({ fra: '2025-03-01', til: '2025-03-15' }, NOW);
  if (!checked.ok) throw new Error('fixture');
  const sum = ledger.reduce((total, movement) => total + movement.amount, 0);
  const groups = ledger.length
    ? [{ transactionKind: 'pos_purchase', counterpartKind: null, amount: sum, count: ledger.length }]
    : [];
  const account = { accountId: ACCOUNT, holderName: 'Ida Hansen', cardNumber: '1000200030004001' };
  const summary = summarize(account, checked.period, opening, groups);
  const slice = pageSlice(side, summary.movementCount);
  const before = opening + ledger.slice(0, slice.offset).reduce((total, movement) => total + movement.amount, 0);
  return buildStatementPage(summary, slice, before, ledger.slice(slice.offset, slice.offset + slice.limit));
}
