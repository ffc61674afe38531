import { Module } from '@nestjs/common';
import { TillsRepository, UnitsRepository } from './tills.repository';
import { TillsService } from './tills.service';

/** Units and tills. Needs TenantDatabaseModule (global). */
@Module({ providers: [TillsService, UnitsRepository, TillsRepository], exports: [TillsService] })
export class TillsModule {}
