import { Module } from '@nestjs/common';
import { AdminInvitationsService } from './admin-invitations.service';
import { AdminsRepository } from './admins.repository';

/** Tenant admins (the admin pages come later; the CLI invites). Needs TenantDatabaseModule (global). */
@Module({ providers: [AdminInvitationsService, AdminsRepository], exports: [AdminInvitationsService] })
export class AdminsModule {}
