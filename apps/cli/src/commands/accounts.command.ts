import { randomUUID } from 'node:crypto';
import { CashDepositService, InvalidAmountError, parseOre } from '@kk/ledger';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';
import { requireName } from './cli-input';

export interface CreditOutput {
  transactionId: string;
  /** The wallet's balance in øre after the credit. */
  balance: number;
}

// A typo guard (an extra zero or two), not a business rule: 100.000 kr on a canteen card.
const MAX_CREDIT_ORE = 10_000_000;

/** Cash paid in at the office, onto the account of an active card. */
export async function creditAccount(
  ctx: CliContext,
  tenantSlug: string,
  rawCardNumber: string,
  rawAmount: string,
  options: { reason: string; idempotencyKey?: string },
): Promise<CreditOutput> {
  const tenant = ctx.tenant(tenantSlug);
  const amount = parseAmount(rawAmount);
  const reason = requireName(options.reason, '--reason');
  const idempotencyKey =
    options.idempotencyKey === undefined ? randomUUID() : requireIdempotencyKey(options.idempotencyKey);
  const deposits = await ctx.service(CashDepositService);
  const result = await deposits.deposit(
    { tenantId: tenant.slug },
    { cardNumber: rawCardNumber, amount, reason, idempotencyKey },
  );
  if (result.ok) return { transactionId: result.transactionId, balance: result.balance };
  throw new CliError(REFUSALS[result.reason](result.cardNumber, tenant.slug));
}

const REFUSALS: Record<'unknownCard' | 'blocked' | 'replaced', (card: string, tenant: string) => string> = {
  unknownCard: (card, tenant) => `Card ${card} is unknown to tenant "${tenant}"`,
  blocked: (card) => `Card ${card} is blocked; unblock it before crediting`,
  replaced: (card) => `Card ${card} has been replaced by a newer card; credit the current card instead`,
};

function requireIdempotencyKey(text: string): string {
  if (!/^[A-Za-z0-9._:-]{1,64}$/.test(text)) {
    throw new CliError('--idempotency-key must be 1–64 of A-Z a-z 0-9 . _ : -');
  }
  return text;
}

function parseAmount(text: string): number {
  let amount: number;
  try {
    amount = parseOre(text.trim());
  } catch (error) {
    if (!(error instanceof InvalidAmountError)) throw error;
    amount = 0;
  }
  if (amount < 1 || amount > MAX_CREDIT_ORE) {
    throw new CliError(
      `The amount must be a whole number of øre from 1 to ${MAX_CREDIT_ORE} (e.g. 5000 for 50 kr), got "${text}"`,
    );
  }
  return amount;
}
