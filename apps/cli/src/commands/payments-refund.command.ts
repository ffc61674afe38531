import { parseKroner, PaymentRefunds, type RefundPendingReason, type RefundRequestOutcome } from '@kk/payments';
import type { CliContext } from '../cli-context';
import { CliError } from '../cli-error';
import { requireName, requireUuid } from './cli-input';

export interface RefundOutput {
  refundId: string;
  paymentId: string;
  /** Øre. */
  amount: number;
  /** `pending`: the money has left the account and the provider has not yet refunded it (the worker's reconciliation asks again). */
  status: 'pending' | 'completed' | 'failed';
  requestedBy: string;
  /** The account's balance in øre afterwards. */
  balance: number;
  pendingReason?: RefundPendingReason;
  /** What the provider said, or what does not add up. */
  detail?: string;
}

// A typo guard, as accounts:credit's: no canteen-card deposit is this large.
const MAX_REFUND_ORE = 10_000_000;

/**
 * Pays (part of) a completed deposit or top-up back to the payer's card or MobilePay. The
 * money leaves the account at once; the provider is asked straight after. A refused refund
 * gives the money back and exits 1, printing the refund as it ended; so does one whose
 * provider figures need an operator's look.
 */
export async function refundPayment(
  ctx: CliContext,
  tenantSlug: string,
  rawPaymentId: string,
  options: { amount: string; by: string },
): Promise<RefundOutput> {
  const tenant = ctx.tenant(tenantSlug);
  const paymentId = requireUuid(rawPaymentId, 'The payment id');
  const amount = parseRefundAmount(options.amount);
  const by = requireName(options.by, '--by');
  const refunds = await ctx.service(PaymentRefunds);
  const outcome = await refunds.request(tenant.slug, paymentId, amount, by);
  if (outcome.kind !== 'requested') throw new CliError(refusal(outcome, tenant.slug, paymentId, amount));

  const { refund } = outcome;
  const output: RefundOutput = {
    refundId: refund.refundId,
    paymentId: refund.paymentId,
    amount: refund.amount,
    status: refund.status,
    requestedBy: refund.requestedBy,
    balance: outcome.balance,
    ...(outcome.pendingReason ? { pendingReason: outcome.pendingReason } : {}),
    ...(outcome.detail ? { detail: outcome.detail } : {}),
  };
  if (refund.status === 'failed') {
    throw new CliError(`The provider refused refund ${refund.refundId}; the money is back on the account`, output);
  }
  if (outcome.pendingReason === 'needsOperator') {
    throw new CliError(
      `Refund ${refund.refundId} is pending: the provider's figures do not add up, look at the payment there (${outcome.detail ?? ''})`,
      output,
    );
  }
  return output;
}

type Refusal = Exclude<RefundRequestOutcome, { kind: 'requested' }>;

function refusal(outcome: Refusal, tenant: string, paymentId: string, amount: number): string {
  switch (outcome.kind) {
    case 'noSuchPayment':
      return `Payment ${paymentId} is unknown to tenant "${tenant}"`;
    case 'notRefundable':
      return `Payment ${paymentId} is a ${outcome.purpose} that is ${outcome.status}; only a completed deposit or top-up can be refunded`;
    case 'invalidAmount':
      return `The amount must be more than 0 kr.`;
    case 'invalidRequester':
      return `--by must be 1–200 characters`;
    case 'refundPending':
      return `Refund ${outcome.refundId} of payment ${paymentId} is still pending; it must end before another is asked for`;
    case 'exceedsRefundable':
      return `At most ${kroner(outcome.refundable)} of payment ${paymentId} can still be refunded, not ${kroner(amount)}`;
    case 'walletSpent':
      return (
        `The account holds ${kroner(outcome.balance)}, less than the ${kroner(amount)} to refund: the money has been ` +
        `spent, and an account never goes below 0 kr.`
      );
  }
}

function parseRefundAmount(text: string): number {
  const amount = parseKroner(text);
  if (amount === undefined || amount < 1 || amount > MAX_REFUND_ORE) {
    throw new CliError(
      `--amount is in kroner, from 0,01 to ${kroner(MAX_REFUND_ORE)} with a comma before the øre (e.g. 120 or 120,50), got "${text}"`,
    );
  }
  return amount;
}

/** "1234,50 kr." — the operator's own way to write it back. */
function kroner(ore: number): string {
  return `${Math.floor(ore / 100)},${String(ore % 100).padStart(2, '0')} kr.`;
}
