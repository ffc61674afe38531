/**
 * The POS hot path's SQL: each call is one round trip to a server-side function (see
 * migrations/…-pos-authorization-functions.ts for the rules they apply), so a purchase is
 * one short transaction with the wallet lock held only inside the server. The functions
 * set the tenant themselves; the tills' app role may call nothing else on these tables.
 */

/**
 * The one thing the POS needs of a database: a parameterised query on a pooled connection.
 * `name`: a named prepared statement, parsed and planned once per connection rather than
 * on every call; only for fixed SQL text (each name must always mean the same text).
 */
export interface SqlRunner {
  query<T>(sql: string, params?: unknown[], name?: string): Promise<T[]>;
}

export interface PosPurchaseCall {
  readonly tenantId: string;
  readonly tillId: string;
  readonly unitId: string;
  readonly idempotencyKey: string;
  readonly requestHash: string;
  readonly cardNumber: string;
  readonly amount: number;
  readonly description: string | null;
  readonly now: Date;
  readonly dayStart: Date;
  readonly weekStart: Date;
  readonly monthStart: Date;
  readonly lowBalanceThreshold: number;
  /** Lock the wallet before reading it: the retry after a funds race (KK001). */
  readonly lockFirst: boolean;
}

export interface PosPurchaseRow {
  readonly purchase_id: string;
  readonly decision: 'approved' | 'declined';
  readonly decline_reason: string | null;
  readonly amount: string;
  readonly balance: string | null;
  readonly outcome: 'new' | 'replayed' | 'key_reused';
}

export async function posPurchase(db: SqlRunner, call: PosPurchaseCall): Promise<PosPurchaseRow | undefined> {
  const rows = await db.query<PosPurchaseRow>(
    'SELECT * FROM pos_purchase($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)',
    [
      call.tenantId,
      call.tillId,
      call.unitId,
      call.idempotencyKey,
      call.requestHash,
      call.cardNumber,
      call.amount,
      call.description,
      call.now,
      call.dayStart,
      call.weekStart,
      call.monthStart,
      call.lowBalanceThreshold,
      call.lockFirst,
    ],
    'pos_purchase',
  );
  return rows[0];
}

export async function posReverse(
  db: SqlRunner,
  call: { tenantId: string; tillId: string; purchaseId: string; now: Date },
): Promise<{ outcome: string; balance: string | null } | undefined> {
  const rows = await db.query<{ outcome: string; balance: string | null }>(
    'SELECT * FROM pos_reverse($1, $2, $3, $4)',
    [call.tenantId, call.tillId, call.purchaseId, call.now],
    'pos_reverse',
  );
  return rows[0];
}

export interface PosCardRow {
  readonly card_number: string;
  readonly status: 'active' | 'blocked' | 'replaced';
  readonly balance: string;
  readonly holder_name: string;
}

export async function posCard(db: SqlRunner, tenantId: string, cardNumber: string): Promise<PosCardRow | undefined> {
  const rows = await db.query<PosCardRow>('SELECT * FROM pos_card($1, $2)', [tenantId, cardNumber], 'pos_card');
  return rows[0];
}

export async function tillByKeyHash(
  db: SqlRunner,
  tenantId: string,
  keyHash: Buffer,
): Promise<{ till_id: string; unit_id: string; name: string } | undefined> {
  const rows = await db.query<{ till_id: string; unit_id: string; name: string }>(
    'SELECT till_id, unit_id, name FROM pos_till_by_key($1, $2)',
    [tenantId, keyHash],
    'pos_till_by_key',
  );
  return rows[0];
}
