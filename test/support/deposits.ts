import type { LoginCaller } from '@kk/identity';
import { DepositService } from '@kk/payments';
import type { TenantConfig } from '@kk/tenancy';
import { TEST_PAGE_URLS } from './auto-top-up';
import { payOnHostedPage } from './gateway';
import type { LibTestContext } from './lib-context';

export interface UnreportedDepositOptions {
  /** The amount in kroner, as the parent types it. */
  readonly kroner: string;
  readonly receiptEmail: string;
  /** Default the stand-in's approved Visa. */
  readonly cardNumber?: string;
}

/**
 * "Indbetal" by card, paid on Nexi's page, of which our database knows nothing yet: the parent
 * closed the browser before the return page and no webhook arrives (TEST_PAGE_URLS points
 * nowhere), so only the worker's reconciliation can credit it. Returns our payment id.
 */
export async function paidUnreportedDeposit(
  lib: LibTestContext,
  caller: LoginCaller,
  tenant: TenantConfig,
  accountId: string,
  options: UnreportedDepositOptions,
): Promise<string> {
  const form = {
    method: 'card',
    amount: options.kroner,
    receiptEmail: options.receiptEmail,
    termsAccepted: true,
    confirmRepeat: false,
  };
  const started = await lib.get(DepositService).start(caller, tenant, accountId, form, TEST_PAGE_URLS);
  if (started.kind !== 'redirect') throw new Error(`deposit: expected a redirect, got ${started.kind}`);
  const paid = await payOnHostedPage(started.url, { cardNumber: options.cardNumber ?? '4925000000000004' });
  if (paid.status !== 303) throw new Error(`the card page answered ${paid.status}`);
  return started.paymentId;
}
