import { Controller, Get, NotFoundException, Param, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { MyAccountsService } from '@kk/identity';
import { pageContext } from '../portal/page-context';
import { portalView } from '../portal/portal-views';
import { actionLabel, isAccountAction } from './account-actions';

@Controller('konti')
export class AccountActionsController {
  constructor(private readonly myAccounts: MyAccountsService) {}

  /** Only an account this login may see; another's id answers as if it did not exist. */
  @Get(':accountId/:action')
  async show(
    @Req() req: Request,
    @Res() res: Response,
    @Param('accountId') accountId: string,
    @Param('action') action: string,
  ): Promise<void> {
    const ctx = pageContext(req);
    if (!isAccountAction(action)) throw new NotFoundException();
    const caller = { tenantId: ctx.tenant.slug, loginId: req.session.loginId ?? '' };
    if (!(await this.myAccounts.canAccessAccount(caller, accountId))) {
      throw new NotFoundException();
    }
    const payouts = ctx.tenant.features.payouts;
    const title = actionLabel(ctx.tenant, ctx.locale, action);
    res.render(
      'portal/account-action',
      portalView(ctx, 'accounts.title', {
        title: `${title} – ${ctx.tenant.productName}`,
        heading: title,
        // Payouts at a municipality are arranged by phone or email: that page is complete today.
        contactText: action === 'udbetal' && payouts.mode === 'contact' ? payouts.contactText : undefined,
      }),
    );
  }
}
