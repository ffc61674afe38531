import { createHmac } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { createCardholderWithAccount, type CprCipher } from '@kk/cardholders';
import { inTenant, type TenantTx } from '@kk/database';
import { postTransaction, systemAccountId } from '@kk/ledger';
import { hashTillKey } from '@kk/pos-authorization';
import { DEMO_DATA, type DemoCardholder } from './demo-data';

export interface DemoTill {
  readonly tenant: string;
  readonly unit: string;
  readonly name: string;
  readonly apiKey: string;
}

/**
 * Demo till keys are derived, not random, so a restart can print them again (real keys are
 * shown once and stored only hashed). Never use these outside the demo.
 */
function demoTillKey(tenant: string, till: string): string {
  return `kk_${tenant}_${createHmac('sha256', 'kantinekort-demo-only').update(`${tenant}/${till}`).digest('base64url')}`;
}

/** Seeds each tenant once; a second start finds its data and reuses it. */
export async function seedDemoData(ds: DataSource, cipher: CprCipher, tenants: readonly string[]): Promise<DemoTill[]> {
  const tills: DemoTill[] = [];
  for (const tenant of tenants) {
    const data = DEMO_DATA[tenant];
    if (!data) continue;
    await inTenant(ds, tenant, async (tx) => {
      const existing = await tx.query<{ n: string }>('SELECT count(*) AS n FROM units WHERE tenant_id = $1', [tenant]);
      const seeded = Number(existing[0].n) > 0;
      const unitIds = new Map<string, string>();
      for (const unit of data.units) {
        const rows = seeded
          ? await tx.query<{ id: string }>('SELECT id FROM units WHERE tenant_id = $1 AND name = $2', [
              tenant,
              unit.name,
            ])
          : await tx.query<{ id: string }>('INSERT INTO units (tenant_id, name) VALUES ($1, $2) RETURNING id', [
              tenant,
              unit.name,
            ]);
        if (rows[0]) unitIds.set(unit.name, rows[0].id);
        for (const till of unit.tills) {
          const apiKey = demoTillKey(tenant, till);
          if (!seeded) {
            await tx.query('INSERT INTO tills (tenant_id, unit_id, name, api_key_hash) VALUES ($1, $2, $3, $4)', [
              tenant,
              rows[0].id,
              till,
              hashTillKey(apiKey),
            ]);
          }
          tills.push({ tenant, unit: unit.name, name: till, apiKey });
        }
      }
      if (seeded) return;
      for (const person of data.cardholders) await seedCardholder(tx, cipher, person, unitIds);
    });
  }
  return tills;
}

async function seedCardholder(
  tx: TenantTx,
  cipher: CprCipher,
  person: DemoCardholder,
  unitIds: Map<string, string>,
): Promise<void> {
  const { accountId, cardNumber } = await createCardholderWithAccount(tx, cipher, {
    cpr: person.cpr,
    name: person.name,
    cardNumber: person.cardNumber,
    email: person.email ?? null,
  });
  await tx.query(
    `UPDATE accounts SET daily_limit = $3, weekly_limit = $4, monthly_limit = $5, units_restricted = $6
      WHERE tenant_id = $1 AND id = $2`,
    [
      tx.tenantId,
      accountId,
      person.dailyLimit ?? null,
      person.weeklyLimit ?? null,
      person.monthlyLimit ?? null,
      Boolean(person.onlyAt),
    ],
  );
  for (const unit of person.onlyAt ?? []) {
    await tx.query('INSERT INTO account_allowed_units (tenant_id, account_id, unit_id) VALUES ($1, $2, $3)', [
      tx.tenantId,
      accountId,
      unitIds.get(unit),
    ]);
  }
  if (person.blocked) {
    await tx.query(
      `UPDATE cards SET status = 'blocked', status_changed_at = now() WHERE tenant_id = $1 AND card_number = $2`,
      [tx.tenantId, cardNumber],
    );
  }
  if (person.balance > 0) {
    await postTransaction(tx, {
      kind: 'cash_deposit',
      idempotencyKey: `demo-seed:${accountId}`,
      description: 'Demo: startsaldo indbetalt på kontoret',
      postings: [
        { ledgerAccountId: accountId, amount: person.balance },
        { ledgerAccountId: await systemAccountId(tx, 'cash_office'), amount: -person.balance },
      ],
    });
  }
}
