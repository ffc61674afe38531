import { Injectable, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { AccountSettingsService, type SettingsFieldError, type SettingsOutcome } from '@kk/account-settings';
import { MyAccountsService } from '@kk/identity';
import type { SignedInPageContext } from '../kit';
import { settingsPage, type RefusedForm } from './account-settings-views';
import { isTooManyAttempts, settingsErrors } from './settings-errors';
import { backToSettings, type SettingsNotice } from './settings-notices';

/** A posted form as the page shows it again when refused (the values as typed), and the notice when saved. */
export type PostedForm = { readonly notice: SettingsNotice } & (
  | { readonly form: 'block' | 'photo' }
  | Omit<Extract<RefusedForm, { form: 'cardNumber' | 'limits' | 'units' | 'contact' }>, 'errors'>
);

/**
 * Brugeroplysninger as a response: the page (for the account's id only if this login may see
 * it; 404 otherwise), and every form's outcome mapped the same way: saved → back to the page
 * with a confirmation, refused → the page again with the errors beside the fields.
 */
@Injectable()
export class SettingsPages {
  constructor(
    private readonly settings: AccountSettingsService,
    private readonly myAccounts: MyAccountsService,
  ) {}

  async render(
    res: Response,
    page: SignedInPageContext,
    accountId: string,
    status: number,
    shown: { readonly notice?: string; readonly refused?: RefusedForm } = {},
  ): Promise<void> {
    const view = await this.settings.view(page.caller, page.tenant, accountId);
    if (!view) throw new NotFoundException();
    const people = await this.myAccounts.list(page.caller);
    res.status(status).render('account-settings/settings', settingsPage(page, { view, people, ...shown }));
  }

  async answer<E extends SettingsFieldError>(
    res: Response,
    page: SignedInPageContext,
    accountId: string,
    outcome: SettingsOutcome<E>,
    posted: PostedForm,
  ): Promise<void> {
    if (outcome.kind === 'notFound') throw new NotFoundException();
    if (outcome.kind !== 'invalid')
      return res.redirect(303, backToSettings(accountId, posted.notice, outcome.kind === 'saved'));
    const refused = { ...posted, errors: settingsErrors(outcome.errors, page) } as RefusedForm;
    await this.render(res, page, accountId, isTooManyAttempts(outcome.errors) ? 429 : 422, { refused });
  }
}
