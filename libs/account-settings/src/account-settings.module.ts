import { Module } from '@nestjs/common';
import { AccountSettingsService } from './account-settings.service';
import {
  AccountAuditRepository,
  AccountPhotosRepository,
  SettingsAccountsRepository,
  SettingsAllowedUnitsRepository,
  SettingsCardsRepository,
} from './account-settings.repositories';
import { CardSettingsService } from './card-settings.service';
import { ProfileSettingsService } from './profile-settings.service';
import { SettingsChanges } from './settings-changes';
import { SpendingSettingsService } from './spending-settings.service';

const SERVICES = [AccountSettingsService, CardSettingsService, SpendingSettingsService, ProfileSettingsService];

/**
 * Brugeroplysninger's services. Needs TenantDatabaseModule and IdentityModule (both global):
 * access to an account is the identity lib's to say.
 */
@Module({
  providers: [
    ...SERVICES,
    SettingsChanges,
    SettingsAccountsRepository,
    SettingsCardsRepository,
    SettingsAllowedUnitsRepository,
    AccountPhotosRepository,
    AccountAuditRepository,
  ],
  exports: SERVICES,
})
export class AccountSettingsModule {}
