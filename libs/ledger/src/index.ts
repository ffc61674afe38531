export { assertOre, parseOre, oreFromDb, InvalidAmountError } from './money';
export {
  postTransaction,
  systemAccountId,
  UnbalancedTransactionError,
  InsufficientFundsError,
  type Posting,
  type TransactionRequest,
  type PostedTransaction,
  type SystemAccountKind,
} from './post-transaction';
export { checkLedgerInvariants, type LedgerViolations } from './ledger-invariants';
export {
  CashDepositService,
  type CashDepositInput,
  type CashDepositResult,
} from './cash-deposits/cash-deposit.service';
export { LedgerModule } from './ledger.module';
export { LedgerAccountEntity, LedgerTransactionEntity, PostingEntity, LEDGER_ENTITIES } from './entities';
