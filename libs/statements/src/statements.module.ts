import { Module } from '@nestjs/common';
import { StatementService } from './statement.service';

/** The statement. Needs TenantDatabaseModule and IdentityModule (both global). */
@Module({ providers: [StatementService], exports: [StatementService] })
export class StatementsModule {}
