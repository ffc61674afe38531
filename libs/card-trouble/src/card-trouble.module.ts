import { Module } from '@nestjs/common';
import { CardTroubleService } from './card-trouble.service';

/** "Kortet virker ikke". Needs TenantDatabaseModule and IdentityModule (both global). */
@Module({ providers: [CardTroubleService], exports: [CardTroubleService] })
export class CardTroubleModule {}
