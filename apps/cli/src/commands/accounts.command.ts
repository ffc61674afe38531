import { randomUUID } from 'node:crypto';
import { normalizeCardNumber } from '@kk/cardholders';
import { InvalidAmountError, parseOre, postTransaction, systemAccountId } from '@kk/ledger';
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

/** Cash paid in at the office: the wallet gains, the tenant's cash_office account gives. */
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
  const cardNumber = normalizeCardNumber(rawCardNumber);
  const key = options.idempotencyKey === undefined ? randomUUID() : requireIdempotencyKey(options.idempotencyKey);
  return ctx.inTenant(tenant, async (tx) => {
    // FOR SHARE: a card blocked while we credit waits for us, or we see it blocked.
    const [card] = await tx.query<{ account_id: string; status: string }>(
      `SELECT account_id, status FROM cards WHERE tenant_id = $1 AND card_number = $2 FOR SHARE`,
      [tx.tenantId, cardNumber],
    );
    if (!card) throw new CliError(`Card ${cardNumber} is unknown to tenant "${tenant.slug}"`);
    if (card.status === 'blocked') throw new CliError(`Card ${cardNumber} is blocked; unblock it before crediting`);
    if (card.status === 'replaced') {
      throw new CliError(`Card ${cardNumber} has been replaced by a newer card; credit the current card instead`);
    }
    const posted = await postTransaction(tx, {
      kind: 'cash_deposit',
      idempotencyKey: `cli-credit:${key}`,
      description: reason,
      postings: [
        { ledgerAccountId: card.account_id, amount },
        { ledgerAccountId: await systemAccountId(tx, 'cash_office'), amount: -amount },
      ],
    });
    const balance = posted.walletBalances.get(card.account_id);
    if (balance !== undefined) return { transactionId: posted.transactionId, balance };
    // A replayed key moved nothing: report the first transaction and today's balance.
    const [wallet] = await tx.query<{ balance: string }>(
      `SELECT balance FROM ledger_accounts WHERE tenant_id = $1 AND id = $2`,
      [tx.tenantId, card.account_id],
    );
    return { transactionId: posted.transactionId, balance: Number(wallet.balance) };
  });
}

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
