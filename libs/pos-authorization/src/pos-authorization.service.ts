import { oreFromDb } from '@kk/ledger';
import { isDeclineReason, tillMessage, type DeclineReason } from './decline-reason';
import { purchaseRequestHash, type PurchaseRequest } from './purchase-request';
import { spendingPeriods } from './spending-periods';
import { posCard, posPurchase, posReverse, type SqlRunner } from './pos.queries';
import type { Till } from './till-authenticator';

export interface PurchaseResponse {
  readonly id: string;
  readonly status: 'approved' | 'declined';
  readonly declineReason: DeclineReason | null;
  readonly amount: number;
  readonly balance: number | null;
  readonly message: string;
}

export type PurchaseOutcome =
  | { readonly kind: 'new'; readonly response: PurchaseResponse }
  | { readonly kind: 'replayed'; readonly response: PurchaseResponse }
  /** The key was used before with another body: nothing happened. */
  | { readonly kind: 'key_reused' };

export type ReversalOutcome =
  | { readonly kind: 'reversed'; readonly id: string; readonly balance: number }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'not_approved' };

export interface CardView {
  readonly cardNumber: string;
  readonly status: 'active' | 'blocked' | 'replaced';
  readonly balance: number;
  readonly holderName: string;
}

export interface PosAuthorizationOptions {
  /** The tenant's auto top-up threshold: approvals leaving less raise a low-balance event. */
  readonly lowBalanceThreshold: (tenantId: string) => number;
  readonly clock?: () => Date;
}

/**
 * THE purchase authorization every tenant's tills go through. Each call is one SQL
 * function call: one round trip, one short transaction, the wallet lock held only
 * inside the server (see migrations/…-pos-authorization-functions.ts for the rules).
 */
export class PosAuthorizationService {
  private readonly clock: () => Date;

  constructor(
    private readonly db: SqlRunner,
    private readonly options: PosAuthorizationOptions,
  ) {
    this.clock = options.clock ?? (() => new Date());
  }

  async purchase(till: Till, request: PurchaseRequest): Promise<PurchaseOutcome> {
    // The function debits the wallet last, on an unlocked read; when the funds went in the
    // meantime (KK001) it is asked again with the wallet locked first, which cannot race.
    // KK002: the same key was decided concurrently; asking again reads that answer.
    let lockFirst = false;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.purchaseOnce(till, request, lockFirst);
      } catch (error) {
        const code = sqlState(error);
        if (attempt >= MAX_ATTEMPTS || (code !== FUNDS_RACED && code !== KEY_RACED)) throw error;
        if (code === FUNDS_RACED) lockFirst = true;
      }
    }
  }

  private async purchaseOnce(till: Till, request: PurchaseRequest, lockFirst: boolean): Promise<PurchaseOutcome> {
    const now = this.clock();
    const periods = spendingPeriods(now);
    const row = await posPurchase(this.db, {
      tenantId: till.tenantId,
      tillId: till.tillId,
      unitId: till.unitId,
      idempotencyKey: request.idempotencyKey,
      requestHash: purchaseRequestHash(request),
      cardNumber: request.cardNumber,
      amount: request.amount,
      description: request.description,
      now,
      ...periods,
      lowBalanceThreshold: this.options.lowBalanceThreshold(till.tenantId),
      lockFirst,
    });
    if (!row) throw new Error('pos_purchase returned no row');
    if (row.outcome === 'key_reused') return { kind: 'key_reused' };
    const declineReason = row.decline_reason === null ? null : toDeclineReason(row.decline_reason);
    const response: PurchaseResponse = {
      id: row.purchase_id,
      status: row.decision,
      declineReason,
      amount: Number(row.amount),
      balance: oreFromDb(row.balance),
      message: tillMessage(declineReason),
    };
    return { kind: row.outcome, response };
  }

  async reverse(till: Till, purchaseId: string): Promise<ReversalOutcome> {
    const row = await posReverse(this.db, {
      tenantId: till.tenantId,
      tillId: till.tillId,
      purchaseId,
      now: this.clock(),
    });
    if (row?.outcome === 'reversed' && row.balance !== null) {
      return { kind: 'reversed', id: purchaseId, balance: Number(row.balance) };
    }
    return { kind: row?.outcome === 'not_approved' ? 'not_approved' : 'not_found' };
  }

  async card(till: Till, cardNumber: string): Promise<CardView | undefined> {
    const row = await posCard(this.db, till.tenantId, cardNumber);
    if (!row) return undefined;
    return {
      cardNumber: row.card_number,
      status: row.status,
      balance: Number(row.balance),
      holderName: row.holder_name,
    };
  }
}

const FUNDS_RACED = 'KK001';
const KEY_RACED = 'KK002';
// Each retry follows a committed change by another request, and the locked retry cannot
// race; more attempts than this would mean a bug, better surfaced than looped on.
const MAX_ATTEMPTS = 4;

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

function toDeclineReason(value: string): DeclineReason {
  if (!isDeclineReason(value)) throw new Error(`unknown decline reason from database: ${value}`);
  return value;
}
