import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { MyAccountsService } from '@kk/identity';
import { SignedInPage, type SignedInPageContext } from '../kit';
import { actionLabel, type AccountAction } from './account-actions';
import { accountActionPage } from './accounts-views';

/**
 * The account entry points whose features are still to come (Udbetal, Brugeroplysninger,
 * the statement). "Indbetal" has its own feature (deposits/). Each route is literal, so a
 * feature that arrives takes its route without competing with a catch-all.
 */
@Controller('konti/:accountId')
export class AccountActionsController {
  constructor(private readonly myAccounts: MyAccountsService) {}

  @Get('udbetal')
  payout(@SignedInPage() page: SignedInPageContext, @Param('accountId') accountId: string, @Res() res: Response) {
    return this.show(page, accountId, 'udbetal', res);
  }

  @Get('oplysninger')
  details(@SignedInPage() page: SignedInPageContext, @Param('accountId') accountId: string, @Res() res: Response) {
    return this.show(page, accountId, 'oplysninger', res);
  }

  @Get('kontoudskrift')
  statement(@SignedInPage() page: SignedInPageContext, @Param('accountId') accountId: string, @Res() res: Response) {
    return this.show(page, accountId, 'kontoudskrift', res);
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
