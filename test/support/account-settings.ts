import type { DataSource } from 'typeorm';
import { inTenant } from '@kk/database';

/**
 * Brugeroplysninger as the database holds it, for specs that check what a form changed (or
 * that it changed nothing): the account's settings, its cards, photo and audit trail.
 */
export interface StoredAccountSettings {
  readonly dailyLimit: number | null;
  readonly weeklyLimit: number | null;
  readonly monthlyLimit: number | null;
  readonly unitsRestricted: boolean;
  readonly allowedUnits: string[];
  readonly contactEmail: string | null;
  readonly addressStreet: string | null;
  readonly addressPostalCode: string | null;
  readonly addressCity: string | null;
  /** Every card of the account, newest first: number and status. */
  readonly cards: { cardNumber: string; status: string }[];
  /** The photo's SHA-256 (hex), or null. */
  readonly photo: string | null;
}

export interface StoredAuditEvent {
  readonly action: string;
  readonly loginId: string;
  readonly ip: string | null;
  readonly before: Record<string, unknown>;
  readonly after: Record<string, unknown>;
  readonly createdAt: Date;
}

const num = (value: string | null) => (value === null ? null : Number(value));

export async function storedAccountSettings(
  ds: DataSource,
  tenantId: string,
  accountId: string,
): Promise<StoredAccountSettings> {
  return inTenant(ds, tenantId, async (tx) => {
    const [account] = await tx.query<{
      daily_limit: string | null;
      weekly_limit: string | null;
      monthly_limit: string | null;
      units_restricted: boolean;
      contact_email: string | null;
      address_street: string | null;
      address_postal_code: string | null;
      address_city: string | null;
    }>(
      `SELECT daily_limit, weekly_limit, monthly_limit, units_restricted, contact_email, address_street,
              address_postal_code, address_city FROM accounts WHERE tenant_id = $1 AND id = $2`,
      [tenantId, accountId],
    );
    if (!account) throw new Error(`no account ${accountId}`);
    const units = await tx.query<{ unit_id: string }>(
      'SELECT unit_id FROM account_allowed_units WHERE tenant_id = $1 AND account_id = $2 ORDER BY unit_id',
      [tenantId, accountId],
    );
    const cards = await tx.query<{ card_number: string; status: string }>(
      `SELECT card_number, status FROM cards WHERE tenant_id = $1 AND account_id = $2
        ORDER BY created_at DESC, card_number`,
      [tenantId, accountId],
    );
    const [photo] = await tx.query<{ sha256: string }>(
      `SELECT encode(sha256, 'hex') AS sha256 FROM account_photos WHERE tenant_id = $1 AND account_id = $2`,
      [tenantId, accountId],
    );
    return {
      dailyLimit: num(account.daily_limit),
      weeklyLimit: num(account.weekly_limit),
      monthlyLimit: num(account.monthly_limit),
      unitsRestricted: account.units_restricted,
      allowedUnits: units.map((u) => u.unit_id),
      contactEmail: account.contact_email,
      addressStreet: account.address_street,
      addressPostalCode: account.address_postal_code,
      addressCity: account.address_city,
      cards: cards.map((c) => ({ cardNumber: c.card_number, status: c.status })),
      photo: photo?.sha256 ?? null,
    };
  });
}

/** The account's audit trail, oldest first. */
export async function accountAuditEvents(
  ds: DataSource,
  tenantId: string,
  accountId: string,
): Promise<StoredAuditEvent[]> {
  const rows = await inTenant(ds, tenantId, (tx) =>
    tx.query<{
      action: string;
      login_id: string;
      ip: string | null;
      before: Record<string, unknown>;
      after: Record<string, unknown>;
      created_at: Date;
    }>(
      `SELECT action, login_id, ip, before, after, created_at FROM account_audit_events
        WHERE tenant_id = $1 AND account_id = $2 ORDER BY created_at, id`,
      [tenantId, accountId],
    ),
  );
  return rows.map((r) => ({
    action: r.action,
    loginId: r.login_id,
    ip: r.ip,
    before: r.before,
    after: r.after,
    createdAt: r.created_at,
  }));
}

/** The stored photo's bytes, or undefined. */
export async function storedPhoto(ds: DataSource, tenantId: string, accountId: string): Promise<Buffer | undefined> {
  const [row] = await inTenant(ds, tenantId, (tx) =>
    tx.query<{ data: Buffer }>('SELECT data FROM account_photos WHERE tenant_id = $1 AND account_id = $2', [
      tenantId,
      accountId,
    ]),
  );
  return row?.data;
}
