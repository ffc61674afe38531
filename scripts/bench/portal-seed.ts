import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { DataSource } from 'typeorm';
import { createCardholderWithAccount, type CprCipher } from '@kk/cardholders';
import { inTenant } from '@kk/database';
import { PasswordHasher } from '@kk/identity';
import { systemAccountId } from '@kk/ledger';
import { generateTillKey, hashTillKey, PosAuthorizationService } from '@kk/pos-authorization';
import { TEST_CITIZENS } from '../../apps/idp-sim/src/test-citizens';
import { yearOfMoves, type SeedTill } from './portal-year';

/**
 * The portal bench's data: per tenant, accounts with a year of canteen life each (portal-year.ts:
 * five purchases a day at three tills, a reversal on the 15th, 300 kr. paid in every Monday and
 * Thursday: ~1,950 movements), written to the ledger as pos_purchase, pos_reverse and a deposit
 * write them, dated, one statement an account; today's purchases go through the product's own
 * pos_purchase. All accounts are seeded at once, so their rows interleave on the heap.
 */

/** An e-mail parent of Sct. Ibs: its login sees one pupil's account as 'self'. */
export interface EmailParent {
  readonly email: string;
  readonly password: string;
  readonly accountId: string;
  readonly pupilId: string;
}

/**
 * A Gladsaxe citizen the MitID stand-in knows: their own card's account, and children's
 * accounts that their login is given as relations once the first MitID sign-in made it.
 */
export interface MitIdFamily {
  readonly sub: string;
  readonly cpr: string;
  readonly ownCardholderId: string;
  readonly accountIds: readonly string[];
  readonly childCardholderIds: readonly string[];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Pupils' CPR numbers: a real calendar day, a serial per tenant; none is a test citizen's. */
const pupilCpr = (tenantIndex: number, i: number) => `${pad((i % 28) + 1)}06${pad(10 + tenantIndex)}${pad(i, 4)}`;
const cardNumber = (tenantIndex: number, i: number) => `7${tenantIndex}00${pad(i, 12)}`;

export class PortalSeeder {
  private readonly seeders: Promise<number>[] = [];

  constructor(
    private readonly ds: DataSource,
    private readonly cipher: CprCipher,
    private readonly today: DateTime,
  ) {}

  /** `count` pupils, each with a parent login (e-mail and a real argon2id hash). */
  async emailParents(tenantId: string, count: number): Promise<EmailParent[]> {
    const tills = await this.tills(tenantId);
    const hasher = new PasswordHasher(undefined, { concurrency: 1 });
    const parents: EmailParent[] = [];
    for (let i = 0; i < count; i += 1) {
      const password = `Kantine-bench-${pad(i)}-hest`;
      const email = `foraelder${pad(i)}@bench.example.dk`;
      const hash = await hasher.hash(password);
      const pupil = await inTenant(this.ds, tenantId, async (tx) => {
        const holder = await createCardholderWithAccount(tx, this.cipher, {
          cpr: pupilCpr(0, i),
          name: `Elev ${pad(i)} Hansen`,
          cardNumber: cardNumber(0, i),
        });
        const [login] = await tx.query<{ id: string }>(
          `INSERT INTO logins (tenant_id, email, password_hash) VALUES ($1, $2, $3) RETURNING id`,
          [tenantId, email, hash],
        );
        await tx.query(
          `INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind) VALUES ($1, $2, $3, 'self')`,
          [tenantId, login.id, holder.cardholderId],
        );
        return holder;
      });
      this.start(this.year(tenantId, tills, pupil.accountId, pupil.cardNumber));
      parents.push({ email, password, accountId: pupil.accountId, pupilId: pupil.cardholderId });
    }
    return parents;
  }

  /**
   * Parents who only sign in, for the login bursts: an e-mail each (the per-address limit
   * counts a login in flight until it has answered, so one address must not be in a burst
   * twice), each a second parent of a pupil. One password and hash for all of them: the
   * verification costs the same, and 100 hashes would slow the seeding for nothing.
   */
  async burstParents(tenantId: string, count: number, pupils: readonly EmailParent[]): Promise<EmailParent[]> {
    const password = 'Kantine-bench-burst-hest';
    const hash = await new PasswordHasher(undefined, { concurrency: 1 }).hash(password);
    const emails = Array.from({ length: count }, (_, i) => `burst${pad(i, 4)}@bench.example.dk`);
    const pupilOf = (i: number) => pupils[i % pupils.length];
    await inTenant(this.ds, tenantId, async (tx) => {
      const logins = await tx.query<{ id: string; email: string }>(
        `INSERT INTO logins (tenant_id, email, password_hash) SELECT $1, email, $3 FROM unnest($2::text[]) email
         RETURNING id, email`,
        [tenantId, emails, hash],
      );
      const idOf = new Map(logins.map((l) => [l.email, l.id]));
      await tx.query(
        `INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind)
         SELECT $1, login, holder, 'relation' FROM unnest($2::uuid[], $3::uuid[]) AS a (login, holder)`,
        [tenantId, emails.map((e) => idOf.get(e)), emails.map((_, i) => pupilOf(i).pupilId)],
      );
    });
    return emails.map((email, i) => ({
      email,
      password,
      accountId: pupilOf(i).accountId,
      pupilId: pupilOf(i).pupilId,
    }));
  }

  /**
   * The stand-in's citizens with a CPR number, each with their own card and enough children's
   * accounts that `accounts` accounts exist in all.
   */
  async mitIdFamilies(tenantId: string, accounts: number): Promise<MitIdFamily[]> {
    const tills = await this.tills(tenantId);
    const citizens = TEST_CITIZENS.filter((c): c is typeof c & { cpr: string } => c.cpr !== undefined);
    const perFamily = Math.ceil(accounts / citizens.length);
    let child = 0;
    const families: MitIdFamily[] = [];
    for (const citizen of citizens) {
      const holders = await inTenant(this.ds, tenantId, async (tx) => {
        const made = [
          await createCardholderWithAccount(tx, this.cipher, {
            cpr: citizen.cpr,
            name: citizen.name,
            cardNumber: cardNumber(1, child++),
          }),
        ];
        for (let i = 1; i < perFamily; i += 1) {
          made.push(
            await createCardholderWithAccount(tx, this.cipher, {
              cpr: pupilCpr(1, child),
              name: `Barn ${pad(child)} ${citizen.familyName}`,
              cardNumber: cardNumber(1, child++),
            }),
          );
        }
        return made;
      });
      for (const holder of holders) this.start(this.year(tenantId, tills, holder.accountId, holder.cardNumber));
      families.push({
        sub: citizen.sub,
        cpr: citizen.cpr,
        ownCardholderId: holders[0].cardholderId,
        accountIds: holders.map((h) => h.accountId),
        childCardholderIds: holders.slice(1).map((h) => h.cardholderId),
      });
    }
    return families;
  }

  /** Waits for every account's year; answers the movements written. */
  async histories(): Promise<number> {
    const counts = await Promise.all(this.seeders);
    return counts.reduce((a, b) => a + b, 0);
  }

  /** What "Tilføj konto" leaves once approved: the MitID login sees the children as relations. */
  async grantChildren(tenantId: string, family: MitIdFamily): Promise<void> {
    await inTenant(this.ds, tenantId, async (tx) => {
      const [login] = await tx.query<{ id: string }>(
        `SELECT id FROM logins WHERE tenant_id = $1 AND cardholder_id = $2`,
        [tenantId, family.ownCardholderId],
      );
      if (!login) throw new Error(`no login for ${family.sub} after its first MitID sign-in`);
      await tx.query(
        `INSERT INTO login_access (tenant_id, login_id, cardholder_id, kind)
         SELECT $1, $2, holder, 'relation' FROM unnest($3::uuid[]) holder`,
        [tenantId, login.id, family.childCardholderIds],
      );
    });
  }

  // Running from now on; a failure surfaces in histories(), not as an unhandled rejection before it.
  private start(seeding: Promise<number>): void {
    seeding.catch(() => undefined);
    this.seeders.push(seeding);
  }

  private async tills(tenantId: string): Promise<SeedTill[]> {
    return inTenant(this.ds, tenantId, async (tx) => {
      const made: SeedTill[] = [];
      for (const unit of ['Kantinen', 'Caféen', 'Boden']) {
        const [row] = await tx.query<{ unit_id: string; till_id: string }>(
          `WITH u AS (INSERT INTO units (tenant_id, name) VALUES ($1, $2) RETURNING id)
           INSERT INTO tills (tenant_id, unit_id, name, api_key_hash) SELECT $1, u.id, 'Kasse 1', $3 FROM u
           RETURNING unit_id, id AS till_id`,
          [tenantId, unit, hashTillKey(generateTillKey(tenantId))],
        );
        // Made by the tills_have_sales_accounts trigger with the till.
        const [sales] = await tx.query<{ id: string }>(
          `SELECT id FROM ledger_accounts WHERE tenant_id = $1 AND kind = 'till_sales' AND till_id = $2`,
          [tenantId, row.till_id],
        );
        made.push({ tenantId, tillId: row.till_id, unitId: row.unit_id, name: 'Kasse 1', salesAccountId: sales.id });
      }
      return made;
    });
  }

  /**
   * One account's year up to yesterday in one set-based statement (the rows pos_purchase,
   * pos_reverse and a deposit write to the ledger, dated), then today's purchases through the
   * product's own pos_purchase: ~75,000 purchases one by one took ~3 minutes on this machine.
   */
  private async year(tenantId: string, tills: readonly SeedTill[], accountId: string, card: string): Promise<number> {
    const moves = yearOfMoves(this.today, tills);
    await inTenant(this.ds, tenantId, async (tx) => {
      const office = await systemAccountId(tx, 'cash_office');
      await tx.query(
        `WITH moves AS (
           SELECT gen_random_uuid() AS tx, m.kind, m.amount, m.at, m.description, coalesce(m.counter, $3::uuid) AS counter
             FROM unnest($4::text[], $5::bigint[], $6::timestamptz[], $7::text[], $8::uuid[])
                  AS m (kind, amount, at, description, counter)),
         t AS (INSERT INTO ledger_transactions (tenant_id, id, kind, idempotency_key, description, created_at)
               SELECT $1, tx, kind, 'bench-portal:' || tx, description, at FROM moves)
         INSERT INTO postings (tenant_id, transaction_id, ledger_account_id, amount, created_at)
         SELECT $1, m.tx, p.account, p.amount, m.at
           FROM moves m CROSS JOIN LATERAL (VALUES ($2::uuid, m.amount), (m.counter, -m.amount)) p (account, amount)`,
        [
          tenantId,
          accountId,
          office,
          moves.map((m) => m.kind),
          moves.map((m) => m.amount),
          moves.map((m) => m.at),
          moves.map((m) => m.description),
          moves.map((m) => m.counter),
        ],
      );
      const balance = moves.reduce((sum, m) => sum + m.amount, 0);
      await tx.query('UPDATE ledger_accounts SET balance = balance + $3 WHERE tenant_id = $1 AND id = $2', [
        tenantId,
        accountId,
        balance,
      ]);
    });
    const pos = new PosAuthorizationService(
      { query: <T>(sql: string, params?: unknown[]) => this.ds.query<T[]>(sql, params) },
      { lowBalanceThreshold: () => 0 },
    );
    for (const [i, till] of tills.slice(0, 2).entries()) {
      const outcome = await pos.purchase(till, {
        idempotencyKey: randomUUID(),
        cardNumber: card,
        amount: 1_500 + i * 500,
        description: 'Frokost',
      });
      if (outcome.kind === 'key_reused' || outcome.response.status !== 'approved')
        throw new Error(`today's purchase was not approved: ${JSON.stringify(outcome)}`);
    }
    return moves.length + 2;
  }
}
