import type { TenantTx } from '@kk/database';
import { totalOfAllPostings, unbalancedTransactionIds, walletsDifferingFromPostings } from './ledger.queries';

export interface LedgerViolations {
  /** I2: transactions whose postings do not sum to zero. */
  readonly unbalancedTransactions: string[];
  /** I3/I4: wallets whose stored balance is negative or differs from their postings. */
  readonly walletMismatches: { walletId: string; balance: number; postings: number }[];
  /** I1: the sum of every posting of the tenant. */
  readonly totalOfAllPostings: number;
}

/** The auditor's check: run after every concurrency test, and fit for a nightly job. */
export async function checkLedgerInvariants(tx: TenantTx): Promise<LedgerViolations> {
  return {
    unbalancedTransactions: await unbalancedTransactionIds(tx),
    walletMismatches: await walletsDifferingFromPostings(tx),
    totalOfAllPostings: await totalOfAllPostings(tx),
  };
}
