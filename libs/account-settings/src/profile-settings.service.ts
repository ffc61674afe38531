import { Injectable } from '@nestjs/common';
import type { TenantConfig } from '@kk/tenancy';
import { AccountPhotosRepository, SettingsAccountsRepository } from './account-settings.repositories';
import type { AttemptBudget, SettingsCaller, SettingsOutcome } from './account-settings.types';
import { preparePhoto } from './photo-processing';
import {
  checkContactDetails,
  type ContactDetails,
  type ContactFieldError,
  type ContactForm,
} from './rules/contact-details';
import type { PhotoFieldError } from './rules/photo-upload';
import { invalid, NOT_FOUND, SAVED, SettingsChanges, UNCHANGED } from './settings-changes';

/**
 * The account's photo (where the tenant has `features.photo`, seed 004) and its address and
 * contact e-mail (every tenant: where an ordered card is sent, where receipts go).
 */
@Injectable()
export class ProfileSettingsService {
  constructor(
    private readonly changes: SettingsChanges,
    private readonly photos: AccountPhotosRepository,
    private readonly accounts: SettingsAccountsRepository,
  ) {}

  /**
   * The upload is judged and re-encoded before the transaction (CPU work holds no connection);
   * each upload spends the login's budget, as decoding pictures is the costly part.
   */
  async savePhoto(
    caller: SettingsCaller,
    tenant: TenantConfig,
    accountId: string,
    upload: Buffer | undefined,
    budget: AttemptBudget,
  ): Promise<SettingsOutcome<PhotoFieldError>> {
    if (!tenant.features.photo || !(await this.changes.canAccess(caller, accountId))) return NOT_FOUND;
    if (!upload || upload.length === 0) return invalid<PhotoFieldError>({ field: 'photo', reason: 'missing' });
    if (!(await budget.take())) return invalid<PhotoFieldError>({ field: 'photo', reason: 'tooManyAttempts' });
    const prepared = await preparePhoto(upload);
    if (!prepared.ok) return invalid(prepared.error);
    const { photo } = prepared;
    return this.changes.within(caller, accountId, async () => {
      const before = (await this.photos.versionOf(accountId)) ?? null;
      await this.photos.put(accountId, caller.loginId, photo);
      await this.changes.record(caller, accountId, {
        action: 'photo_uploaded',
        before: { photo: before },
        after: { photo: photo.sha256.toString('hex').slice(0, 16), width: photo.width, height: photo.height },
      });
      return SAVED;
    });
  }

  removePhoto(caller: SettingsCaller, tenant: TenantConfig, accountId: string): Promise<SettingsOutcome<never>> {
    if (!tenant.features.photo) return Promise.resolve(NOT_FOUND);
    return this.changes.within(caller, accountId, async () => {
      const before = await this.photos.versionOf(accountId);
      if (!before || !(await this.photos.remove(accountId))) return UNCHANGED;
      await this.changes.record(caller, accountId, {
        action: 'photo_removed',
        before: { photo: before },
        after: { photo: null },
      });
      return SAVED;
    });
  }

  saveContact(
    caller: SettingsCaller,
    accountId: string,
    form: ContactForm,
  ): Promise<SettingsOutcome<ContactFieldError>> {
    return this.changes.within(caller, accountId, async (account) => {
      const checked = checkContactDetails(form);
      if (!checked.ok) return invalid(...checked.errors);
      if (sameContact(account.contact, checked.details)) return UNCHANGED;
      await this.accounts.setContact(accountId, checked.details);
      await this.changes.record(caller, accountId, {
        action: 'contact_changed',
        before: { ...account.contact },
        after: { ...checked.details },
      });
      return SAVED;
    });
  }
}

function sameContact(a: ContactDetails, b: ContactDetails): boolean {
  return a.email === b.email && a.street === b.street && a.postalCode === b.postalCode && a.city === b.city;
}
