import { Module } from '@nestjs/common';
import { CashDepositService } from './cash-deposits/cash-deposit.service';

/** The ledger's use cases as Nest providers. Needs TenantDatabaseModule and CardholdersModule (global). */
@Module({ providers: [CashDepositService], exports: [CashDepositService] })
export class LedgerModule {}
