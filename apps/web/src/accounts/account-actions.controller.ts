import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MyAccountsService } from '@kk/identity';
import { SignedInPage, type SignedInPageContext } from '../kit';
import { actionLabel, type AccountAction } from './account-actions';
import { accountActionPage } from './accounts-views';

/**
 * "Udbetal", the one account entry point without a feature of its own yet: a municipality's
 * contact text is complete; self-service payout says it is not open and whom to ask. The
 * others (Indbetal, Brugeroplysninger, the statement, Kortet virker ikke, Besked ved lav
 * saldo) live in their features' folders, each on a literal route.
 */
@Controller('konti/:accountId')
export class AccountActionsController {
  constructor(private readonly myAccounts: MyAccountsService) {}

  @Get('udbetal')
  payout(@SignedInPage() page: SignedInPageContext, @Param('accountId') accountId: string, @Res() res: Response) {
    return this.show(page, accountId, 'udbetal', res);
  }

  /** Only an account this login may see; another's id answers as if it did not exist. */
  private async show(page: SignedInPageContext, accountId: string, action: AccountAction, res: Response) {
    if (!(await this.myAccounts.canAccessAccount(page.caller, accountId))) throw new NotFoundException();
    const payouts = page.tenant.features.payouts;
    // Payouts at a municipality are arranged by phone or email: that page is complete today.
    const contactText = action === 'udbetal' && payouts.mode === 'contact' ? payouts.contactText : undefined;
    res.render(
      'portal/account-action',
      accountActionPage(page, actionLabel(page.tenant, page.locale, action), contactText),
    );
  }
}
