import { Module } from '@nestjs/common';
import { LoginAccessRepository } from './login-access.repository';
import { RelationRequestsRepository } from './relation-requests.repository';
import { RelationsService } from './relations.service';

/** "Tilføj konto" and "Godkend tilknytninger". Needs TenantDatabaseModule and CardholdersModule (both global). */
@Module({
  providers: [RelationsService, LoginAccessRepository, RelationRequestsRepository],
  exports: [RelationsService, LoginAccessRepository],
})
export class RelationsModule {}
