import { LedgerAccountEntity } from './ledger-account.entity';
import { LedgerTransactionEntity } from './ledger-transaction.entity';
import { PostingEntity } from './posting.entity';

export { LedgerAccountEntity, LedgerTransactionEntity, PostingEntity };

/** The ledger's entities, for the app's DataSource: reads (statements, reports); writes go through posting. */
export const LEDGER_ENTITIES = [LedgerAccountEntity, LedgerTransactionEntity, PostingEntity];
