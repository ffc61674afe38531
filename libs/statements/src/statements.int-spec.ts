import fc from 'fast-check';
import type { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';
import { IdentityModule, loginIdOf } from '@kk/identity';
import type { TenantId } from '@kk/tenancy';
import {
  backdatedCashDeposit,
  backdatedCredit,
  clockedTill,
  closeTestTenantDatabase,
  createEmailLogin,
  openTestTenantDatabase,
  startLibTestContext,
  TEST_CPR_CIPHER,
  TEST_EMAIL_OUTBOX,
  TEST_PASSWORD_HASHER,
  TEST_TOTP_BOX,
  type ClockedTill,
  type LibTestContext,
} from '@kk/testing';
import { MOVEMENT_KINDS } from './movement-kinds';
import type { StatementPage } from './statement-page';
import { StatementService } from './statement.service';
import { checkPeriod } from './statement-period';
import { StatementsModule } from './statements.module';

jest.setTimeout(120_000);

/**
 * The statement against the ledger itself: random histories of deposits, purchases and
 * reversals written through the real paths (pos_purchase / pos_reverse with the till's clock
 * set, a dated cash deposit) and random periods; whatever happened, the statement's opening
 * and closing balances are the ledger's own sums, and its totals add up to what moved.
 */
const DAY = 86_400_000;

let ds: DataSource;
let admin: Client;
let tenant: TenantId;
let lib: LibTestContext;
let till: ClockedTill;

beforeAll(async () => {
  ({ ds, admin, tenant } = await openTestTenantDatabase());
  lib = await startLibTestContext(ds, TEST_CPR_CIPHER, [
    IdentityModule.forRoot({
      passwordHasher: TEST_PASSWORD_HASHER,
      totpSecretBox: TEST_TOTP_BOX,
      emailOutbox: TEST_EMAIL_OUTBOX,
    }),
    StatementsModule,
  ]);
  till = await clockedTill(ds, tenant, { unitName: 'Kantinen' });
});
afterAll(async () => {
  await lib?.close();
  await closeTestTenantDatabase({ ds, admin });
});

/** The ledger's sum of the wallet's postings before `until`, asked directly. */
async function ledgerSum(accountId: string, until: Date): Promise<number> {
  const [row] = await inTenant(ds, tenant, (tx) =>
    tx.query<{ total: string }>(
      'SELECT coalesce(sum(amount), 0) AS total FROM postings WHERE tenant_id = $1 AND ledger_account_id = $2 AND created_at < $3',
      [tenant, accountId, until],
    ),
  );
  return Number(row.total);
}

const step = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), amount: fc.integer({ min: 100, max: 50_000 }) }),
  fc.record({ kind: fc.constant('returnedPayout' as const), amount: fc.integer({ min: 1, max: 5_000 }) }),
  fc.record({
    kind: fc.constant('purchase' as const),
    amount: fc.integer({ min: 1, max: 20_000 }),
    reverse: fc.boolean(),
  }),
);

it('opens and closes on the ledger’s own sums, and its totals add up to what moved, for random histories', async () => {
  const service = lib.get(StatementService);
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(step, fc.integer({ min: 1, max: 60 * 24 * 60 })), { minLength: 1, maxLength: 25 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 1, max: 6 }),
      async (steps, a, b, pageSize) => {
        const login = await createEmailLogin(ds, tenant);
        const caller = { tenantId: tenant, loginId: loginIdOf(login.loginId) };
        const now = Date.now();
        // Oldest first, each at a random minute of the last 60 days.
        const dated = steps.map(([s, minutesAgo]) => ({ ...s, at: new Date(now - minutesAgo * 60_000) }));
        dated.sort((x, y) => x.at.getTime() - y.at.getTime());
        for (const s of dated) {
          if (s.kind === 'deposit') {
            await backdatedCashDeposit(ds, tenant, login.accountId, s.amount, s.at);
            continue;
          }
          if (s.kind === 'returnedPayout') {
            // A kind the statement knows only by its other side.
            const booking = { kind: 'payout_rejected', from: 'payout_clearing' } as const;
            await backdatedCredit(ds, tenant, login.accountId, s.amount, s.at, booking);
            continue;
          }
          const bought = await till.buy(login.cardNumber, s.amount, s.at);
          if (bought.status === 'approved' && s.reverse)
            await till.reverse(bought.id, new Date(s.at.getTime() + 1_000));
        }
        const day = (ago: number) => new Date(now - ago * DAY).toISOString().slice(0, 10);
        const input = { fra: day(Math.max(a, b)), til: day(Math.min(a, b)) };
        const checked = checkPeriod(input, new Date(now));
        if (!checked.ok) return; // A UTC date can be tomorrow in Copenhagen: not this property's concern.
        const statement = await service.statement(caller, login.accountId, checked.period);
        if (!statement) throw new Error('the login may see its own account');

        expect(statement.openingBalance).toBe(await ledgerSum(login.accountId, checked.period.start));
        expect(statement.closingBalance).toBe(await ledgerSum(login.accountId, checked.period.end));
        expect(MOVEMENT_KINDS.reduce((sum, kind) => sum + statement.totals[kind], 0)).toBe(statement.net);
        expect(statement.totals.other).toBe(0);
        // Returned payouts are the only credits the statement knows by their other side alone.
        const returned = dated.filter(
          (s) => s.kind === 'returnedPayout' && s.at >= checked.period.start && s.at < checked.period.end,
        );
        expect(statement.totals.payouts).toBe(returned.reduce((sum, s) => sum + s.amount, 0));
        // A statement up to today closes on the wallet's balance.
        if (input.til === day(0)) {
          const [wallet] = await inTenant(ds, tenant, (tx) =>
            tx.query<{ balance: string }>('SELECT balance FROM ledger_accounts WHERE tenant_id = $1 AND id = $2', [
              tenant,
              login.accountId,
            ]),
          );
          expect(statement.closingBalance).toBe(Number(wallet.balance));
        }

        // Page by page (the page's queries), the same statement: every page has the period's
        // figures, and the pages' rows, running balances included, are the whole one's in order.
        const { movements, ...figures } = statement;
        const pages: StatementPage[] = [];
        for (let side = 1; side === 1 || side <= pages[0].pageCount; side += 1) {
          const answer = await service.answerPage(
            caller,
            login.accountId,
            { ...input, side: String(side) },
            { now: new Date(now), pageSize },
          );
          if (answer.kind !== 'statement') throw new Error(answer.kind);
          pages.push(answer.statement);
        }
        expect(pages[0].pageCount).toBe(Math.max(1, Math.ceil(movements.length / pageSize)));
        for (const page of pages) {
          expect(page).toMatchObject({ ...figures, movementCount: movements.length });
          expect(page.movements.length).toBeLessThanOrEqual(pageSize);
        }
        expect(pages.flatMap((page) => page.movements)).toEqual(movements);
        expect(pages.map((page) => page.balanceBefore)).toEqual(
          pages.map((page, i) => (i === 0 ? statement.openingBalance : pages[i - 1].balanceAfter)),
        );
        expect(pages[pages.length - 1].balanceAfter).toBe(statement.closingBalance);
      },
    ),
    { numRuns: 12 },
  );
});

it('is nobody else’s: another login gets nothing, whatever the period', async () => {
  const owner = await createEmailLogin(ds, tenant, { balance: 5_000 });
  const other = await createEmailLogin(ds, tenant);
  const checked = checkPeriod(
    { fra: '2024-01-01', til: new Date().toISOString().slice(0, 10) },
    new Date(Date.now() + DAY),
  );
  if (!checked.ok) throw new Error('the period is valid');
  const service = lib.get(StatementService);
  const stranger = { tenantId: tenant, loginId: loginIdOf(other.loginId) };
  expect(await service.statement(stranger, owner.accountId, checked.period)).toBeUndefined();
  expect(await service.answer(stranger, owner.accountId, { fra: '2024-01-01', til: '2024-01-31' })).toEqual({
    kind: 'notFound',
  });
  expect(await service.answer(stranger, 'not-a-uuid', {})).toEqual({ kind: 'notFound' });
});
