import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MyAccountsService } from '@kk/identity';
import { SignedInPage, type SignedInPageContext } from '../kit';
import { actionLabel, isAccountAction } from './account-actions';
import { accountActionPage } from './accounts-views';

@Controller('konti')
export class AccountActionsController {
  constructor(private readonly myAccounts: MyAccountsService) {}

  /** Only an account this login may see; another's id answers as if it did not exist. */
  @Get(':accountId/:action')
  async show(
    @SignedInPage() page: SignedInPageContext,
    @Res() res: Response,
    @Param('accountId') accountId: string,
    @Param('action') action: string,
  ): Promise<void> {
    if (!isAccountAction(action) || !(await this.myAccounts.canAccessAccount(page.caller, accountId))) {
      throw new NotFoundException();
    }
    const payouts = page.tenant.features.payouts;
    // Payouts at a municipality are arranged by phone or email: that page is complete today.
    const contactText = action === 'udbetal' && payouts.mode === 'contact' ? payouts.contactText : undefined;
    res.render(
      'portal/account-action',
      accountActionPage(page, actionLabel(page.tenant, page.locale, action), contactText),
    );
  }
}
